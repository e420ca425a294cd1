package io.healguard.api.exec;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
import java.util.concurrent.TimeUnit;
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
    long t0 = System.nanoTime();
    Path err = null;
    try {
      err = Files.createTempFile("healguard-restart-", ".stderr");
      Process p = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(ProcessBuilder.Redirect.DISCARD)
          .redirectError(err.toFile())
          .start();
      boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        killTree(p);
      }
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new ExecutionOutcome(unit, mode.label(), argv, started, ms, exited ? p.exitValue() : null,
          !exited, tail(err), null);
    } catch (IOException e) {
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new ExecutionOutcome(unit, mode.label(), argv, started, ms, null, false, null, e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      long ms = (System.nanoTime() - t0) / 1_000_000;
      return new ExecutionOutcome(unit, mode.label(), argv, started, ms, null, false, null, "interrupted");
    } finally {
      if (err != null) {
        try {
          Files.deleteIfExists(err);
        } catch (IOException ignored) {
          // a leftover temp file is harmless
        }
      }
    }
  }

  /** Children first, so none is re-parented and left running when its parent dies. */
  private static void killTree(Process p) throws InterruptedException {
    List<ProcessHandle> tree = p.descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(5, TimeUnit.SECONDS);
  }

  private static String tail(Path file) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      int n = (int) Math.min(len, STDERR_TAIL_BYTES);
      byte[] b = new byte[n];
      f.seek(len - n);
      f.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  @Override
  public void close() {
    pool.shutdownNow();
  }
}
