package io.healguard.api.exec;

import io.healguard.api.exec.internal.ChildProcess;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Asks systemd whether a unit is still failed: {@code systemctl show -p ActiveState,SubState --
 * UNIT}, a read that needs no polkit grant (any user may read a unit's properties). Only in
 * {@link ExecutorMode#SYSTEMCTL}: in the other modes healguard does not know that the units are
 * systemd's on this host, so {@link #supported()} is false and nothing is run.
 *
 * <p>Runs like a restart: argv only, {@code executor.timeout}, the whole tree killed on timeout,
 * on this probe's own threads.
 */
public final class UnitStateProbe implements AutoCloseable {
  private static final int OUTPUT_BYTES = 1024;

  private final ExecutorMode mode;
  private final Duration timeout;
  private final ExecutorService pool;

  public UnitStateProbe(ExecutorMode mode, Duration timeout) {
    this.mode = mode;
    this.timeout = timeout;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "healguard-probe-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  /** True in systemctl mode only: the one mode where healguard knows systemd runs the units. */
  public boolean supported() {
    return mode == ExecutorMode.SYSTEMCTL;
  }

  public List<String> argv(String unit) {
    // "--" ends options: a unit name can never be read as a systemctl flag
    return List.of("systemctl", "show", "-p", "ActiveState,SubState", "--", unit);
  }

  public CompletableFuture<UnitActivity> submit(String unit) {
    return CompletableFuture.supplyAsync(() -> probe(unit), pool);
  }

  /** Asks now, on the calling thread; blocks for at most the timeout (plus the kill). */
  public UnitActivity probe(String unit) {
    if (!supported()) {
      return new UnitActivity(unit, null, null, "executor.mode " + mode.label() + " does not ask systemd");
    }
    ChildProcess.Result r = ChildProcess.run(argv(unit), timeout, OUTPUT_BYTES, OUTPUT_BYTES);
    if (r.error() != null) {
      return new UnitActivity(unit, null, null, "systemctl show did not start: " + r.error());
    }
    if (r.timedOut()) {
      return new UnitActivity(unit, null, null, "systemctl show timed out after " + timeout.toMillis() + " ms");
    }
    if (r.exitCode() != 0) {
      return new UnitActivity(unit, null, null, "systemctl show exited " + r.exitCode() + ": " + lastLine(r.stderrTail()));
    }
    String active = property(r.stdoutTail(), "ActiveState");
    if (active == null) {
      return new UnitActivity(unit, null, null, "systemctl show printed no ActiveState: " + lastLine(r.stdoutTail()));
    }
    return new UnitActivity(unit, active, property(r.stdoutTail(), "SubState"), null);
  }

  private static String property(String out, String name) {
    for (String line : out.split("\n")) {
      if (line.startsWith(name + "=")) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  private static String lastLine(String s) {
    if (s == null || s.isBlank()) return "(no output)";
    String t = s.strip();
    return t.substring(t.lastIndexOf('\n') + 1);
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
