package io.healguard.engine.contract;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.internal.ContractYaml;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The runtime contract of one application, consistent in itself: the environment lives in the
 * installation's {@code envs/} and the interpreter in the environment's {@code bin/}. Paths are
 * host paths (absolute, as the host sees them) with trailing slashes removed, so two contracts
 * that mean the same thing are equal. Field names in messages are the YAML keys operators write.
 */
public record Contract(
    String rootPrefix,
    String envName,
    String envPrefix,
    String python,
    String workingDir,
    String envFile,
    List<String> units,
    List<String> scripts,
    String watchdogConfig) {

  /** The keys a contract file may hold, in the order operators write them. */
  public static final List<String> KEYS =
      List.of(
          "root_prefix", "env_name", "env_prefix", "python", "working_dir", "env_file", "units",
          "scripts", "watchdog_config");

  private static final Pattern ENV_NAME = Pattern.compile("[A-Za-z0-9._+-]+");
  private static final Pattern PYTHON = Pattern.compile("python(\\d+(\\.\\d+)?)?");
  // only services have ExecStart/WorkingDirectory; a timer or socket in a contract is a mistake
  private static final Pattern UNIT = Pattern.compile("[A-Za-z0-9:_.\\\\-]+(@[A-Za-z0-9:_.\\\\-]*)?\\.service");

  public Contract {
    rootPrefix = absolute("root_prefix", rootPrefix);
    envPrefix = absolute("env_prefix", envPrefix);
    python = absolute("python", python);
    workingDir = absolute("working_dir", workingDir);
    envFile = absolute("env_file", envFile);
    if (envName == null || envName.isBlank()) {
      throw InvalidInputException.field("env_name", envName, "set to the conda environment's name");
    }
    if (!ENV_NAME.matcher(envName).matches()) {
      throw InvalidInputException.field("env_name", envName, "a conda environment name (letters, digits, . _ + -)");
    }
    String expectedPrefix = envName.equals("base") ? rootPrefix : rootPrefix + "/envs/" + envName;
    if (!envPrefix.equals(expectedPrefix)) {
      throw InvalidInputException.field(
          "env_prefix", envPrefix, "root_prefix + /envs/ + env_name (" + expectedPrefix + ")");
    }
    String pythonDir = envPrefix + "/bin/";
    if (!python.startsWith(pythonDir)
        || !PYTHON.matcher(python.substring(pythonDir.length())).matches()) {
      throw InvalidInputException.field(
          "python", python, "an interpreter in env_prefix's bin/ (" + pythonDir + "python[X[.Y]])");
    }
    units = List.copyOf(units == null ? List.of() : units);
    for (String unit : units) {
      if (unit == null || !UNIT.matcher(unit).matches()) {
        throw InvalidInputException.field("units", unit, "a service unit name such as app.service or app@.service");
      }
    }
    scripts = (scripts == null ? List.<String>of() : scripts).stream().map(s -> absolute("scripts", s)).toList();
    watchdogConfig = watchdogConfig == null ? null : absolute("watchdog_config", watchdogConfig);
  }

  /** Reads and validates a contract file; the exception names the file and the offending key. */
  public static Contract load(Path file) {
    return ContractYaml.read(file);
  }

  /** The variables render writes into the env file, in the order it writes them. */
  public static final List<String> ENV_VARIABLES =
      List.of("CONDA_ROOT_PREFIX", "CONDA_ENV_NAME", "CONDA_PREFIX", "APP_PYTHON", "APP_WORKDIR");

  /** Each of {@link #ENV_VARIABLES} with the value this contract gives it. */
  public java.util.Map<String, String> envVariables() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("CONDA_ROOT_PREFIX", rootPrefix);
    m.put("CONDA_ENV_NAME", envName);
    m.put("CONDA_PREFIX", envPrefix);
    m.put("APP_PYTHON", python);
    m.put("APP_WORKDIR", workingDir);
    return m;
  }

  /** The directory holding the interpreter, {@code <env_prefix>/bin}. */
  public String binDir() {
    return envPrefix + "/bin";
  }

  private static String absolute(String key, String value) {
    if (value == null || value.isBlank()) {
      throw InvalidInputException.field(key, value, "set to an absolute path");
    }
    if (!value.startsWith("/")) {
      throw InvalidInputException.field(key, value, "an absolute path (starting with /)");
    }
    if (value.contains("/../") || value.endsWith("/..") || value.contains("/./")) {
      throw InvalidInputException.field(key, value, "a path without . or .. segments");
    }
    String trimmed = value.replaceAll("/+", "/");
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed;
  }
}
