package io.healguard.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** The archive the build made, unpacked with the real {@code tar}, and processes run from it. */
final class Install {
  private Install() {}

  static Path archive() {
    String a = System.getProperty("healguard.dist.archive");
    assertThat(a).as("system property healguard.dist.archive (set by the dist pom)").isNotNull();
    Path p = Path.of(a);
    assertThat(p).as("the archive the build made").isRegularFile();
    return p;
  }

  /** Unpacks the archive into {@code prefix}; returns the install directory {@code prefix/healguard-<version>}. */
  static Path unpack(Path prefix) throws Exception {
    Files.createDirectories(prefix);
    Result r = run(prefix, Map.of(), List.of("tar", "-xzf", archive().toString(), "-C", prefix.toString()));
    assertThat(r.code).as("tar: %s", r.err).isZero();
    Path home = prefix.resolve(System.getProperty("healguard.dist.name"));
    assertThat(home).isDirectory();
    return home;
  }

  record Result(int code, String out, String err) {
    List<String> errLines() {
      return err.strip().isEmpty() ? List.of() : err.strip().lines().toList();
    }
  }

  /**
   * Runs {@code cmd} in {@code cwd} with exactly {@code env} (nothing of the test JVM's own
   * environment but PATH when env has none) and waits for it, at most two minutes.
   */
  static Result run(Path cwd, Map<String, String> env, List<String> cmd) throws Exception {
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(cwd.toFile());
    pb.environment().clear();
    pb.environment().put("PATH", System.getenv("PATH"));
    pb.environment().putAll(env);
    Process p = pb.start();
    p.getOutputStream().close();
    CompletableFuture<String> out = drain(p.getInputStream());
    CompletableFuture<String> err = drain(p.getErrorStream());
    if (!p.waitFor(2, TimeUnit.MINUTES)) {
      p.destroyForcibly();
      throw new IllegalStateException(cmd + " did not finish within 2 minutes");
    }
    return new Result(p.exitValue(), out.get(1, TimeUnit.MINUTES), err.get(1, TimeUnit.MINUTES));
  }

  static CompletableFuture<String> drain(java.io.InputStream in) {
    CompletableFuture<String> f = new CompletableFuture<>();
    Thread t = new Thread(() -> {
      try (in) {
        f.complete(new String(in.readAllBytes(), StandardCharsets.UTF_8));
      } catch (IOException e) {
        f.completeExceptionally(e);
      }
    });
    t.setDaemon(true);
    t.start();
    return f;
  }

  static List<String> cmd(Path exe, String... args) {
    List<String> c = new ArrayList<>();
    c.add(exe.toString());
    c.addAll(List.of(args));
    return c;
  }

  static int freePort() throws IOException {
    try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
