package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.FindingKind;
import java.util.Map;
import java.util.Set;

/**
 * The five variables {@code contract render} writes into the env file, what each must hold, and
 * the finding kind when a consumer that expands one gets something else.
 */
public final class ContractVariables {
  public static final Set<String> NAMES = Set.copyOf(Contract.ENV_VARIABLES);

  private ContractVariables() {}

  public static boolean isContractVariable(String name) {
    return NAMES.contains(name);
  }

  /** In the order the renderer writes them. */
  public static Map<String, String> values(Contract c) {
    return c.envVariables();
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
