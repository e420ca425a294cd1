package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.FindingKind;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The only place that compares what a host references with the contract. Both sides are
 * normalised the same way before comparing (symlinks resolved under the root, trailing slashes,
 * {@code ..}), so equal things are never reported as drift; a textual difference that normalises
 * away is reported as {@code ok-normalized} (info) so operators can still see it.
 */
public final class Judge {
  public static final Pattern PYTHON = Pattern.compile("python(\\d+(?:\\.\\d+)?)?");

  private final Contract contract;
  private final HostFs fs;
  private final String root;
  private final String envPrefix;
  private final String python;
  private final String pythonDir;
  private final String pythonVersion;
  private final String workingDir;
  private final String envFile;

  public Judge(Contract contract, HostFs fs) {
    this.contract = contract;
    this.fs = fs;
    this.root = fs.canonical(contract.rootPrefix());
    this.envPrefix = fs.canonical(contract.envPrefix());
    this.python = fs.canonical(contract.python());
    this.pythonDir = fs.canonical(contract.binDir());
    this.pythonVersion = versionOf(HostFs.basename(python)).isEmpty()
        ? versionOf(HostFs.basename(contract.python())) : versionOf(HostFs.basename(python));
    this.workingDir = fs.canonical(contract.workingDir());
    this.envFile = fs.canonical(contract.envFile());
  }

  public Contract contract() {
    return contract;
  }

  /** "3.11" for python3.11, "" for python. */
  public static String versionOf(String basename) {
    Matcher m = PYTHON.matcher(basename);
    return m.matches() && m.group(1) != null ? m.group(1) : "";
  }

  public static boolean isPython(String basename) {
    return PYTHON.matcher(basename).matches();
  }

  public boolean isContractEnvFile(String path) {
    return path.startsWith("/") && fs.canonical(path).equals(envFile);
  }

  /**
   * Whether a directory is a conda environment or installation: it sits in an {@code envs/}, is
   * (under) the contract's installation, has {@code conda-meta/}, or is named like one. An old
   * environment that was deleted still counts, which is exactly the drift we look for.
   */
  public boolean isCondaPrefix(String dir) {
    if (!dir.startsWith("/")) {
      return dir.contains("envs/");
    }
    String parent = HostFs.basename(HostFs.parent(dir));
    if (parent.equals("envs")) {
      return true;
    }
    String c = fs.canonical(dir);
    if (c.equals(root) || c.startsWith(root + "/") || c.equals(envPrefix)) {
      return true;
    }
    if (fs.isDirectory(dir + "/conda-meta")) {
      return true;
    }
    return HostFs.basename(dir).toLowerCase(java.util.Locale.ROOT).matches(".*(conda|mamba|forge).*");
  }

  public Optional<DriftFinding> judge(Reference r) {
    return Optional.ofNullable(switch (r.kind()) {
      case INTERPRETER -> interpreter(r);
      case BARE_PYTHON -> barePython(r);
      case ENV_TOOL -> prefix(r, "runs a program from environment " + r.value());
      case ENV_PREFIX -> prefix(r, "uses environment " + r.value());
      case ENV_NAME -> r.value().equals(contract.envName()) ? null
          : finding(FindingKind.ENV_NAME_MISMATCH, r, r.where() + " uses environment '" + r.value() + "', not the contract's '" + contract.envName() + "'", contract.envName());
      case CONDA_ROOT -> path(r, root, contract.rootPrefix(), FindingKind.ENV_PREFIX_MISMATCH,
          r.where() + " uses the conda installation " + r.value() + ", so environment names resolve under it");
      case WORKDIR -> path(r, workingDir, contract.workingDir(), FindingKind.WORKING_DIR_MISMATCH,
          r.where() + " is " + r.value());
      case ENV_FILE -> path(r, envFile, contract.envFile(), FindingKind.ENV_FILE_NOT_REFERENCED,
          r.where() + " loads " + r.value() + " instead of the contract's env file");
      case RELATIVE -> finding(FindingKind.RELATIVE_PATH, r,
          r.where() + " uses the relative path " + r.value() + ", which depends on the current directory", "an absolute path");
    });
  }

  private DriftFinding interpreter(Reference r) {
    String v = r.value();
    if (!v.startsWith("/")) {
      return finding(FindingKind.RELATIVE_PATH, r, r.where() + " runs the relative interpreter path " + v, contract.python());
    }
    if (v.equals(contract.python())) {
      return null;
    }
    String c = fs.canonical(v);
    String version = versionOf(HostFs.basename(v));
    // python/python3 beside python3.11 in the same bin/ are that interpreter even when the
    // snapshot lacks the links that would prove it
    boolean sameEnvAlias = fs.canonical(HostFs.parent(v)).equals(pythonDir) && pythonVersion.startsWith(version);
    if (c.equals(python) || sameEnvAlias) {
      return finding(FindingKind.OK_NORMALIZED, r, r.where() + " names the contract's interpreter as " + v, contract.python());
    }
    return finding(FindingKind.INTERPRETER_MISMATCH, r, r.where() + " runs " + v + ", not the contract's interpreter", contract.python());
  }

  private DriftFinding barePython(Reference r) {
    String version = versionOf(r.value());
    if (pythonVersion.isEmpty() || pythonVersion.equals(version) || pythonVersion.startsWith(version + ".")
        || version.isEmpty()) {
      return null;
    }
    return finding(FindingKind.INTERPRETER_MISMATCH, r,
        r.where() + " runs " + r.value() + " from PATH, but the contract's interpreter is Python " + pythonVersion, contract.python());
  }

  private DriftFinding prefix(Reference r, String message) {
    return path(r, envPrefix, contract.envPrefix(), FindingKind.ENV_PREFIX_MISMATCH, r.where() + " " + message);
  }

  private DriftFinding path(Reference r, String canonicalExpected, String expected, FindingKind mismatch, String message) {
    String v = r.value();
    if (!v.startsWith("/")) {
      return finding(FindingKind.RELATIVE_PATH, r, r.where() + " uses the relative path " + v, expected);
    }
    if (v.equals(expected)) {
      return null;
    }
    if (fs.canonical(v).equals(canonicalExpected)) {
      return finding(FindingKind.OK_NORMALIZED, r, r.where() + " writes " + v + ", which resolves to " + expected, expected);
    }
    return finding(mismatch, r, message, expected);
  }

  private static DriftFinding finding(FindingKind kind, Reference r, String message, String expected) {
    return DriftFinding.of(kind, r.site().file(), r.site().line(), message, expected, r.value(), r.site().unit());
  }
}
