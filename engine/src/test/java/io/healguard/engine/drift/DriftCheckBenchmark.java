package io.healguard.engine.drift;

import io.healguard.engine.contract.Contract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Times {@code DriftChecker.check} on a generated host of N units (each with a drop-in) and N
 * scripts, after warm-up; prints min/median/max. With a fourth argument, the classes directory of
 * an earlier build of the engine, it times that checker on the same host in the same JVM,
 * alternating one run of each, so both see the same machine load. Not a test: timing asserts in
 * unit tests flake. Run: see docs/benchmarks-drift.md.
 * Args: [units=200] [runs=20] [warmup=5] [baseline classes dir].
 */
public final class DriftCheckBenchmark {
  private DriftCheckBenchmark() {}

  public static void main(String[] args) throws Exception {
    int n = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : 20;
    int warmup = args.length > 2 ? Integer.parseInt(args[2]) : 5;
    Path root = Files.createTempDirectory("drift-bench");
    Contract contract = generate(root, n);
    List<Checker> checkers = new ArrayList<>();
    checkers.add(new Checker("current", () -> DriftChecker.check(contract, root).findings().size()));
    if (args.length > 3) {
      checkers.add(baseline(Path.of(args[3]), contract, root));
    }

    for (int i = 0; i < warmup; i++) {
      for (Checker c : checkers) {
        c.run.call();
      }
    }
    long[][] ms = new long[checkers.size()][runs];
    int[] findings = new int[checkers.size()];
    for (int i = 0; i < runs; i++) {
      for (int k = 0; k < checkers.size(); k++) {
        long t0 = System.nanoTime();
        findings[k] = checkers.get(k).run.call();
        ms[k][i] = (System.nanoTime() - t0) / 1_000_000;
      }
    }
    for (int k = 0; k < checkers.size(); k++) {
      Arrays.sort(ms[k]);
      System.out.printf("%-8s units=%d scripts=%d runs=%d warmup=%d findings=%d min=%dms median=%dms max=%dms%n",
          checkers.get(k).name, n, n, runs, warmup, findings[k], ms[k][0], ms[k][runs / 2], ms[k][runs - 1]);
    }
  }

  private record Checker(String name, java.util.concurrent.Callable<Integer> run) {}

  /** The earlier engine's checker, loaded child-first so its classes do not resolve to the current ones. */
  private static Checker baseline(Path classes, Contract contract, Path root) throws Exception {
    ClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {classes.toUri().toURL()},
        DriftCheckBenchmark.class.getClassLoader()) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        synchronized (getClassLoadingLock(name)) {
          Class<?> c = findLoadedClass(name);
          if (c == null && name.startsWith("io.healguard.")) {
            try {
              c = findClass(name);
            } catch (ClassNotFoundException e) {
              c = null;
            }
          }
          return c != null ? c : super.loadClass(name, resolve);
        }
      }
    };
    Class<?> contractType = loader.loadClass("io.healguard.engine.contract.Contract");
    Object old = contractType.getConstructors()[0].newInstance(contract.rootPrefix(), contract.envName(),
        contract.envPrefix(), contract.python(), contract.workingDir(), contract.envFile(), contract.units(),
        contract.scripts(), contract.watchdogConfig());
    java.lang.reflect.Method check = loader.loadClass("io.healguard.engine.drift.DriftChecker")
        .getMethod("check", contractType, Path.class);
    java.lang.reflect.Method findings = check.getReturnType().getMethod("findings");
    return new Checker("baseline", () -> ((List<?>) findings.invoke(check.invoke(null, old, root))).size());
  }

  /** Every 10th unit and script drifts, so the report is not trivially empty. */
  static Contract generate(Path root, int n) throws IOException {
    write(root, "/etc/passwd", "root:x:0:0:root:/root:/bin/bash\napp:x:1000:1000::/home/app:/bin/bash\n");
    write(root, "/etc/app/runtime.env", "CONDA_ROOT_PREFIX=/opt/conda\nCONDA_ENV_NAME=app\nCONDA_PREFIX=/opt/conda/envs/app\n"
        + "APP_PYTHON=/opt/conda/envs/app/bin/python3.11\nAPP_WORKDIR=/srv/app\n");
    Files.createDirectories(root.resolve("opt/miniconda3/envs/app/bin"));
    Files.writeString(root.resolve("opt/miniconda3/envs/app/bin/python3.11"), "");
    Files.createSymbolicLink(root.resolve("opt/conda"), Path.of("/opt/miniconda3"));
    List<String> units = new ArrayList<>();
    List<String> scripts = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      String env = i % 10 == 0 ? "app-2023" : "app";
      String unit = "app-" + i + ".service";
      units.add(unit);
      String script = "/opt/app/scripts/job-" + i + ".sh";
      scripts.add(script);
      write(root, "/usr/lib/systemd/system/" + unit, "[Unit]\nDescription=app " + i + "\n\n[Service]\nUser=app\n"
          + "EnvironmentFile=/etc/app/runtime.env\nWorkingDirectory=/srv/app\n"
          + "ExecStartPre=/opt/conda/envs/app/bin/python3.11 -m app.migrate \\\n  --shard " + i + "\n"
          + "ExecStart=/opt/conda/envs/app/bin/python3.11 -m app.worker --id " + i + "\n");
      write(root, "/etc/systemd/system/" + unit + ".d/override.conf", "[Service]\nExecStart=\n"
          + "ExecStart=/opt/conda/envs/" + env + "/bin/python3.11 -m app.worker --id " + i + " --port ${PORT}\n"
          + "Environment=PORT=" + (8000 + i) + "\n");
      write(root, script, "#!/bin/bash\nset -euo pipefail\n. /etc/app/runtime.env\n"
          + "source /opt/conda/etc/profile.d/conda.sh\n# conda activate old\nconda activate " + env + "\n"
          + "cd \"$APP_WORKDIR\"\npython -m app.job --n " + i + "\n\"$APP_PYTHON\" -m app.report\n");
    }
    write(root, "/etc/app/watchdog.yaml", "env_file: /etc/app/runtime.env\nhooks:\n  on_failure:\n"
        + "    command: /opt/conda/envs/app/bin/python3.11 -m app.diagnose\n    cwd: /srv/app\n");
    return new Contract("/opt/conda", "app", "/opt/conda/envs/app", "/opt/conda/envs/app/bin/python3.11", "/srv/app",
        "/etc/app/runtime.env", units, scripts, "/etc/app/watchdog.yaml");
  }

  private static void write(Path root, String hostPath, String content) throws IOException {
    Path p = root.resolve(hostPath.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }
}
