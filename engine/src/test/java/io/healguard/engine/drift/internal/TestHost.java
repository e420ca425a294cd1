package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A small host under a temp dir, the ingest contract, and a script read on it as bash would run it. */
final class TestHost {
  static final Contract CONTRACT = new Contract("/opt/conda", "ingest", "/opt/conda/envs/ingest",
      "/opt/conda/envs/ingest/bin/python3.11", "/srv/ingest", "/etc/app/runtime.env", List.of(), List.of(), null);
  static final String SCRIPT = "/opt/app/scripts/run.sh";

  final Path root;

  TestHost(Path root) {
    this.root = root;
  }

  TestHost file(String hostPath, String content) {
    try {
      Path p = root.resolve(hostPath.substring(1));
      Files.createDirectories(p.getParent());
      Files.writeString(p, content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  TestHost link(String hostPath, String target) {
    try {
      Path p = root.resolve(hostPath.substring(1));
      Files.createDirectories(p.getParent());
      Files.createSymbolicLink(p, Path.of(target));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** A script no unit runs: as root (home /root), from an unknown directory. */
  List<String> script(String text) {
    return script(text, null, Map.of());
  }

  /** A script run from {@code cwd} with these environment variables (set at line 1 of the env file). */
  List<String> script(String text, String cwd, Map<String, String> env) {
    CheckContext ctx = new CheckContext(CONTRACT, new HostFs(root));
    ScriptReader reader = new ScriptReader(ctx);
    Map<String, Value> vars = new HashMap<>();
    env.forEach((k, v) -> vars.put(k, Value.of(v, new Located(v, CONTRACT.envFile(), 1))));
    ShellSession s = new ShellSession(reader, vars, "/root", cwd, null, false, !env.isEmpty(),
        "the script does not source " + CONTRACT.envFile(), null);
    reader.script(SCRIPT, List.of(text.split("\n", -1)), s);
    return ctx.finish().stream().map(TestHost::summary).toList();
  }

  static String summary(DriftFinding f) {
    return f.line() + " " + f.kind() + " " + f.severity().id();
  }
}
