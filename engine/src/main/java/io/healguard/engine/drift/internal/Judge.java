package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.systemd.HostFs;
import java.util.Optional;

/**
 * The only place that compares what a host uses with the contract. Both sides are normalised the
 * same way before comparing (symlinks resolved under the root, trailing slashes, {@code ..}), so
 * equal things are never reported as drift; a textual difference that normalises away is
 * reported as {@code ok-normalized} (info) so operators can still see it, unless the value came
 * from a PATH lookup (the host never wrote it).
 */
public final class Judge {
  /** How a reference compares with the contract. */
  public enum Verdict { SAME, NORMALIZED, DIFFERENT, RELATIVE }

  private final Contract contract;
  private final HostFs fs;
  private final String root;
  private final String envPrefix;
  private final String python;
  private final String pythonDir;
  private final String pythonVersion;
  private final String workingDir;
  private final String envFile;

  public Judge(Contract contract, HostFs fs, CondaLayout layout) {
    this.contract = contract;
    this.fs = fs;
    this.root = fs.canonical(contract.rootPrefix());
    this.envPrefix = fs.canonical(contract.envPrefix());
    this.python = fs.canonical(contract.python());
    this.pythonDir = fs.canonical(contract.binDir());
    String v = CondaLayout.versionOf(HostFs.basename(python));
    this.pythonVersion = v.isEmpty() ? CondaLayout.versionOf(HostFs.basename(contract.python())) : v;
    this.workingDir = fs.canonical(contract.workingDir());
    this.envFile = fs.canonical(contract.envFile());
  }

  public boolean isContractEnvFile(String path) {
    return path.startsWith("/") && fs.canonical(path).equals(envFile);
  }

  /** Whether {@code name} in the contract's bin/ is the contract's interpreter (python, python3 beside python3.11). */
  public boolean isContractAlias(String name) {
    String version = CondaLayout.versionOf(name);
    return CondaLayout.isPython(name) && (pythonVersion.equals(version) || pythonVersion.startsWith(version.isEmpty() ? "" : version + "."));
  }

  public String pythonVersion() {
    return pythonVersion;
  }

  public Verdict compare(Reference r) {
    String v = r.value();
    if (r.kind() == Reference.Kind.ENV_NAME) {
      return v.equals(contract.envName()) ? Verdict.SAME : Verdict.DIFFERENT;
    }
    if (!v.startsWith("/")) {
      return Verdict.RELATIVE;
    }
    String expected = expected(r.kind());
    if (v.equals(expected)) {
      return Verdict.SAME;
    }
    String c = fs.canonical(v);
    boolean same = switch (r.kind()) {
      case INTERPRETER -> c.equals(python)
          // python/python3 beside python3.11 are that interpreter even when the snapshot lacks the links
          || (fs.canonical(HostFs.parent(v)).equals(pythonDir) && isContractAlias(HostFs.basename(v)));
      case ENV_TOOL, ENV_PREFIX -> c.equals(envPrefix);
      case CONDA_ROOT -> c.equals(root);
      case WORKDIR -> c.equals(workingDir);
      case ENV_FILE -> c.equals(envFile);
      case ENV_NAME -> false;
    };
    return same ? Verdict.NORMALIZED : Verdict.DIFFERENT;
  }

  public String expected(Reference.Kind kind) {
    return switch (kind) {
      case INTERPRETER -> contract.python();
      case ENV_TOOL, ENV_PREFIX -> contract.envPrefix();
      case ENV_NAME -> contract.envName();
      case CONDA_ROOT -> contract.rootPrefix();
      case WORKDIR -> contract.workingDir();
      case ENV_FILE -> contract.envFile();
    };
  }

  public static FindingKind mismatchKind(Reference.Kind kind) {
    return switch (kind) {
      case INTERPRETER -> FindingKind.INTERPRETER_MISMATCH;
      case ENV_NAME -> FindingKind.ENV_NAME_MISMATCH;
      case ENV_TOOL, ENV_PREFIX, CONDA_ROOT -> FindingKind.ENV_PREFIX_MISMATCH;
      case WORKDIR -> FindingKind.WORKING_DIR_MISMATCH;
      case ENV_FILE -> FindingKind.ENV_FILE_NOT_REFERENCED;
    };
  }

  public Optional<DriftFinding> judge(Reference r) {
    Verdict verdict = compare(r);
    String how = r.how().isEmpty() ? "" : " (" + r.how() + ")";
    String expected = expected(r.kind());
    return Optional.ofNullable(switch (verdict) {
      case SAME -> null;
      case NORMALIZED -> r.lookedUp() ? null
          : finding(FindingKind.OK_NORMALIZED, Severity.INFO, r, r.where() + " names " + r.value() + ", which is " + expected + how, expected);
      case RELATIVE -> finding(mismatchKind(r.kind()), Severity.WARNING, r, r.where() + " uses the relative path " + r.value()
          + ", so what it means depends on the directory it is run from" + how, expected);
      case DIFFERENT -> r.kind() == Reference.Kind.ENV_FILE ? null // another env file is the application's own
          : finding(mismatchKind(r.kind()), r.severity() == null ? Severity.ERROR : r.severity(), r, message(r) + how, expected);
    });
  }

  private String message(Reference r) {
    String v = r.value();
    if (r.where().endsWith("=")) { // an assignment: "Environment= CONDA_PREFIX="
      return r.where() + v + " is not the contract's " + switch (r.kind()) {
        case INTERPRETER -> "interpreter";
        case ENV_TOOL, ENV_PREFIX, ENV_NAME -> "environment";
        case CONDA_ROOT -> "conda installation";
        case WORKDIR -> "working directory";
        case ENV_FILE -> "env file";
      };
    }
    return switch (r.kind()) {
      case INTERPRETER -> r.where() + " runs " + v + ", not the contract's interpreter";
      case ENV_TOOL -> r.where() + " runs a program from environment " + v + ", not the contract's";
      case ENV_PREFIX -> r.where() + " uses environment " + v + ", not the contract's";
      case ENV_NAME -> r.where() + " uses environment '" + v + "', not the contract's '" + contract.envName() + "'";
      case CONDA_ROOT -> r.where() + " uses the conda installation " + v + ", so environment names resolve under it"
          + (fs.exists(v) ? "" : "; " + v + " does not exist on this host");
      case WORKDIR -> r.where() + " is " + v + ", not the contract's working directory";
      case ENV_FILE -> r.where() + " loads " + v;
    };
  }

  private static DriftFinding finding(FindingKind kind, Severity severity, Reference r, String message, String expected) {
    return DriftFinding.of(kind, severity, r.site().file(), r.site().line(), message, expected, r.value(), r.site().unit());
  }
}
