package io.healguard.api.cli;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * The failed invocation's last log lines, from {@code journalctl _SYSTEMD_INVOCATION_ID=<id> -o cat}:
 * at most {@link #LINES} lines and {@link #MAX_BYTES} bytes, cut from the front (the last lines say
 * why it died). Anything that goes wrong here is a warning, never a lost report.
 */
final class JournalTail {
  static final int LINES = 50;
  static final int MAX_BYTES = 8 * 1024;
  private static final long TIMEOUT_SECONDS = 5;
  private static final int READ_LIMIT = 4 * 1024 * 1024;

  private JournalTail() {}

  record Result(Optional<String> text, Optional<String> warning) {
    static Result warn(String w) {
      return new Result(Optional.empty(), Optional.of(w));
    }
  }

  static Result read(Map<String, String> env, String invocationId) {
    if (invocationId == null) {
      return Result.warn("--journal: no usable MONITOR_INVOCATION_ID, so no log tail");
    }
    Optional<Path> journalctl = onPath(env.get("PATH"), "journalctl");
    if (journalctl.isEmpty()) {
      return Result.warn("--journal: journalctl is not on PATH, so no log tail");
    }
    ProcessBuilder pb = new ProcessBuilder(journalctl.get().toString(), "_SYSTEMD_INVOCATION_ID=" + invocationId,
        "-o", "cat", "-n", Integer.toString(LINES), "--no-pager", "-q")
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
    pb.environment().clear();
    pb.environment().putAll(env);
    Process p;
    try {
      p = pb.start();
    } catch (IOException e) {
      return Result.warn("--journal: " + journalctl.get() + " could not be started: " + e.getMessage());
    }
    CompletableFuture<byte[]> out = drain(p.getInputStream());
    CompletableFuture<byte[]> err = drain(p.getErrorStream());
    try {
      if (!p.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        return Result.warn("--journal: journalctl did not finish within " + TIMEOUT_SECONDS + "s, so no log tail");
      }
      byte[] bytes = out.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (p.exitValue() != 0) {
        return Result.warn("--journal: journalctl exited " + p.exitValue() + ": "
            + firstLine(new String(err.get(TIMEOUT_SECONDS, TimeUnit.SECONDS), StandardCharsets.UTF_8)));
      }
      String tail = tail(new String(bytes, StandardCharsets.UTF_8));
      if (tail.isEmpty()) {
        return Result.warn("--journal: journalctl found no lines for invocation " + invocationId
            + " (may this user read the journal? group systemd-journal)");
      }
      return new Result(Optional.of(tail), Optional.empty());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      p.destroyForcibly();
      return Result.warn("--journal: interrupted");
    } catch (Exception e) {
      p.destroyForcibly();
      return Result.warn("--journal: reading journalctl's output failed: " + e);
    }
  }

  /**
   * The end of {@code log}, at most {@link #MAX_BYTES} UTF-8 bytes: cut at a line start when one
   * falls in the kept part, else at a character start; trailing line ends dropped.
   */
  static String tail(String log) {
    String s = log.stripTrailing();
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    if (b.length <= MAX_BYTES) {
      return s;
    }
    int from = b.length - MAX_BYTES;
    while ((b[from] & 0xC0) == 0x80) {
      from++; // a continuation byte: start at the next whole character
    }
    if (b[from - 1] != '\n') {
      // the cut fell inside a line: drop that partial line when a whole one follows
      for (int i = from; i < b.length - 1; i++) {
        if (b[i] == '\n') {
          from = i + 1;
          break;
        }
      }
    }
    return new String(b, from, b.length - from, StandardCharsets.UTF_8);
  }

  static Optional<Path> onPath(String path, String name) {
    if (path == null) {
      return Optional.empty();
    }
    for (String dir : path.split(":")) {
      if (dir.isEmpty()) continue;
      Path p = Path.of(dir, name);
      if (Files.isRegularFile(p) && Files.isExecutable(p)) {
        return Optional.of(p);
      }
    }
    return Optional.empty();
  }

  /** Read on a thread of its own: both pipes must drain at once, or a chatty child stalls. */
  private static CompletableFuture<byte[]> drain(InputStream in) {
    CompletableFuture<byte[]> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (in) {
        byte[] b = in.readNBytes(READ_LIMIT);
        in.transferTo(java.io.OutputStream.nullOutputStream());
        f.complete(b);
      } catch (IOException e) {
        f.complete(new byte[0]);
      }
    }, "journalctl-output");
    t.setDaemon(true);
    t.start();
    return f;
  }

  private static String firstLine(String s) {
    String t = s.strip();
    int nl = t.indexOf('\n');
    return t.isEmpty() ? "(no message)" : nl < 0 ? t : t.substring(0, nl);
  }
}
