package io.healguard.api.exec;

import io.healguard.api.exec.internal.ChildProcess;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Runs a unit's restart as a child process: argv only (no shell, so a unit name can never become
 * shell syntax), stdout discarded, stderr to a temp file of which the last 2 KiB are kept, and one
 * timeout after which the whole process tree is killed.
 *
 * <p>Runs happen on this executor's own threads, never on a decision thread: one unit's slow
 * restart cannot delay another unit's decision. Two runs for the same unit are serialized.
 */
public final class RestartExecutor implements AutoCloseable {
  public static final int STDERR_TAIL_BYTES = 2048;

  private final ExecutorMode mode;
  private final List<String> template;
  private final Duration timeout;
  private final Clock clock;
  private final ExecutorService pool;
  private final Map<String, ReentrantLock> perUnit = new ConcurrentHashMap<>();

  public RestartExecutor(ExecutorMode mode, List<String> template, Duration timeout, Clock clock) {
    this.mode = mode;
    this.template = List.copyOf(template);
    this.timeout = timeout;
    this.clock = clock;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "healguard-exec-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
  }

  public ExecutorMode mode() {
    return mode;
  }

  /** False in advisory mode: decisions are answered, nothing is run. */
  public boolean executes() {
    return mode != ExecutorMode.ADVISORY;
  }

  public List<String> argv(String unit) {
    if (mode == ExecutorMode.SYSTEMCTL) {
      // "--" ends options: a unit name can never be read as a systemctl flag
      return List.of("systemctl", "restart", "--", unit);
    }
    List<String> out = new ArrayList<>(template.size());
    template.forEach(a -> out.add(a.replace("{unit}", unit)));
    return out;
  }

  public CompletableFuture<ExecutionOutcome> submit(String unit) {
    return CompletableFuture.supplyAsync(() -> run(unit), pool);
  }

  /** Runs the restart now on the calling thread; blocks for at most the timeout (plus the kill). */
  public ExecutionOutcome run(String unit) {
    ReentrantLock lock = perUnit.computeIfAbsent(unit, k -> new ReentrantLock());
    lock.lock();
    try {
      return runLocked(unit);
    } finally {
      lock.unlock();
    }
  }

  private ExecutionOutcome runLocked(String unit) {
    List<String> argv = argv(unit);
    Instant started = clock.instant();
    ChildProcess.Result r = ChildProcess.run(argv, timeout, 0, STDERR_TAIL_BYTES);
    return new ExecutionOutcome(unit, mode.label(), argv, started, r.durationMs(), r.exitCode(), r.timedOut(),
        r.stderrTail(), r.error());
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
