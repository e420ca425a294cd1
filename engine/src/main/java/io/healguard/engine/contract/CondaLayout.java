package io.healguard.engine.contract;

import io.healguard.engine.systemd.HostFs;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How conda lays a host out, as far as a contract needs to know: interpreters are
 * {@code python[X[.Y]]} in an environment's {@code bin/}, environments sit in an installation's
 * {@code envs/}. Used by the checker to recognise another environment's program and by the
 * renderer to swap a tool for the contract environment's own.
 */
public final class CondaLayout {
  public static final Pattern PYTHON = Pattern.compile("python(\\d+(?:\\.\\d+)?)?");
  /** The package manager's own binaries live in an installation's bin/ without being "the app's env". */
  public static final Set<String> MANAGERS = Set.of("conda", "mamba", "micromamba", "activate", "deactivate", "conda-env");

  private static final Pattern NAMED_LIKE_CONDA = Pattern.compile(".*(conda|mamba|forge).*");

  private final HostFs fs;
  private final String root;
  private final String envPrefix;

  public CondaLayout(Contract contract, HostFs fs) {
    this.fs = fs;
    this.root = fs.canonical(contract.rootPrefix());
    this.envPrefix = fs.canonical(contract.envPrefix());
  }

  public static boolean isPython(String basename) {
    return PYTHON.matcher(basename).matches();
  }

  /** "3.11" for python3.11, "" for python. */
  public static String versionOf(String basename) {
    Matcher m = PYTHON.matcher(basename);
    return m.matches() && m.group(1) != null ? m.group(1) : "";
  }

  /**
   * Whether a directory is a conda environment or installation: it sits in an {@code envs/}, is
   * (under) the contract's installation, has {@code conda-meta/}, or is named like one. An old
   * environment that was deleted still counts, which is exactly the drift we look for.
   */
  public boolean isCondaPrefix(String dir) {
    if (HostFs.basename(HostFs.parent(dir)).equals("envs")) {
      return true;
    }
    String c = fs.canonical(dir);
    if (c.equals(root) || c.startsWith(root + "/") || c.equals(envPrefix)) {
      return true;
    }
    if (fs.isDirectory(dir + "/conda-meta")) {
      return true;
    }
    return NAMED_LIKE_CONDA.matcher(HostFs.basename(dir).toLowerCase(Locale.ROOT)).matches();
  }

  /** The environment whose {@code bin/} holds this absolute program, or empty for any other program. */
  public Optional<String> environmentOf(String program) {
    String dir = HostFs.parent(HostFs.normalize(program));
    if (!HostFs.basename(dir).equals("bin") || !isCondaPrefix(HostFs.parent(dir))) {
      return Optional.empty();
    }
    return Optional.of(HostFs.parent(dir));
  }

  /** A program in some environment's bin/ that is neither python nor the package manager: gunicorn, celery. */
  public boolean isEnvironmentTool(String program) {
    String base = HostFs.basename(program);
    return !isPython(base) && !MANAGERS.contains(base) && environmentOf(program).isPresent();
  }
}
