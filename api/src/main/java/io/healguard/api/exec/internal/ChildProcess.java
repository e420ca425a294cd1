package io.healguard.api.exec.internal;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one argv as a child process: no shell (an argument can never become shell syntax), stdin
 * from {@code /dev/null}, stdout and stderr to temp files of which only the last bytes are kept,
 * and one timeout after which the whole process tree is killed. Shared by the restart and the
 * unit-state probe, so both kill and report a hung {@code systemctl} the same way.
 */
public final class ChildProcess {
  private ChildProcess() {}

  /**
   * What the child did: its exit code (null when it never started or was killed on timeout), the
   * tails of its output, and {@code error} saying why it did not start.
   */
  public record Result(Integer exitCode, boolean timedOut, String stdoutTail, String stderrTail, String error,
      long durationMs) {}

  /** Runs {@code argv} on the calling thread; blocks for at most {@code timeout} (plus the kill). */
  public static Result run(List<String> argv, Duration timeout, int stdoutBytes, int stderrBytes) {
    long t0 = System.nanoTime();
    Path out = null;
    Path err = null;
    try {
      out = stdoutBytes > 0 ? Files.createTempFile("healguard-child-", ".stdout") : null;
      err = Files.createTempFile("healguard-child-", ".stderr");
      Process p = new ProcessBuilder(argv)
          .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")))
          .redirectOutput(out == null ? ProcessBuilder.Redirect.DISCARD : ProcessBuilder.Redirect.to(out.toFile()))
          .redirectError(err.toFile())
          .start();
      boolean exited = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
      if (!exited) {
        killTree(p);
      }
      return new Result(exited ? p.exitValue() : null, !exited, out == null ? null : tail(out, stdoutBytes),
          tail(err, stderrBytes), null, millisSince(t0));
    } catch (IOException e) {
      return new Result(null, false, null, null, e.getMessage(), millisSince(t0));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Result(null, false, null, null, "interrupted", millisSince(t0));
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static long millisSince(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  /** Children first, so none is re-parented and left running when its parent dies. */
  private static void killTree(Process p) throws InterruptedException {
    List<ProcessHandle> tree = p.descendants().toList();
    tree.forEach(ProcessHandle::destroyForcibly);
    p.destroyForcibly();
    p.waitFor(5, TimeUnit.SECONDS);
    // SIGKILL is asynchronous: report the timeout only once the descendants are really gone
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
    for (ProcessHandle h : tree) {
      while (h.isAlive() && !isZombie(h) && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }
    }
  }

  /** A killed child re-parented to init is a zombie until init reaps it: dead, just not yet gone. */
  private static boolean isZombie(ProcessHandle h) {
    try {
      String stat = Files.readString(Path.of("/proc/" + h.pid() + "/stat"));
      return stat.substring(stat.lastIndexOf(')') + 1).trim().startsWith("Z");
    } catch (IOException | RuntimeException e) {
      return true; // no /proc entry: gone
    }
  }

  private static String tail(Path file, int max) throws IOException {
    try (RandomAccessFile f = new RandomAccessFile(file.toFile(), "r")) {
      long len = f.length();
      int n = (int) Math.min(len, max);
      byte[] b = new byte[n];
      f.seek(len - n);
      f.readFully(b);
      return new String(b, StandardCharsets.UTF_8);
    }
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // a leftover temp file is harmless
    }
  }
}
