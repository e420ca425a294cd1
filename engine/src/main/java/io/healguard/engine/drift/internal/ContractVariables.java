package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.FindingKind;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The five variables {@code contract render} writes into the env file, what each must hold, and
 * the finding kind when a consumer that expands one gets something else.
 */
public final class ContractVariables {
  public static final Set<String> NAMES =
      Set.of("CONDA_ROOT_PREFIX", "CONDA_ENV_NAME", "CONDA_PREFIX", "APP_PYTHON", "APP_WORKDIR");

  private ContractVariables() {}

  public static boolean isContractVariable(String name) {
    return NAMES.contains(name);
  }

  /** In the order the renderer writes them. */
  public static Map<String, String> values(Contract c) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("CONDA_ROOT_PREFIX", c.rootPrefix());
    m.put("CONDA_ENV_NAME", c.envName());
    m.put("CONDA_PREFIX", c.envPrefix());
    m.put("APP_PYTHON", c.python());
    m.put("APP_WORKDIR", c.workingDir());
    return m;
  }

  public static FindingKind kind(String name) {
    return switch (name) {
      case "CONDA_ENV_NAME" -> FindingKind.ENV_NAME_MISMATCH;
      case "APP_PYTHON" -> FindingKind.INTERPRETER_MISMATCH;
      case "APP_WORKDIR" -> FindingKind.WORKING_DIR_MISMATCH;
      default -> FindingKind.ENV_PREFIX_MISMATCH;
    };
  }

  /** The reference a value of this variable stands for. */
  public static Reference.Kind referenceKind(String name) {
    return switch (name) {
      case "CONDA_ROOT_PREFIX" -> Reference.Kind.CONDA_ROOT;
      case "CONDA_ENV_NAME" -> Reference.Kind.ENV_NAME;
      case "CONDA_PREFIX" -> Reference.Kind.ENV_PREFIX;
      case "APP_PYTHON" -> Reference.Kind.INTERPRETER;
      default -> Reference.Kind.WORKDIR;
    };
  }
}
