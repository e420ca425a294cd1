package io.healguard.api.testing;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * A real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}) on a free loopback
 * port with its own storage directory, started and stopped by the test; no cluster listener (the
 * empty {@code --cluster.listen-address}), so tests running side by side never gossip. Kept
 * storage means a {@link #restart} keeps its silences, as a real restart does; alerts live in
 * memory only and come back when a sender re-sends them.
 */
public final class AlertmanagerProcess implements AutoCloseable {
  public final int port;
  public final Path dir;
  private final Path binary;
  private final Path config;
  private Process process;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private AlertmanagerProcess(Path binary, Path dir, Path config, int port) {
    this.binary = binary;
    this.dir = dir;
    this.config = config;
    this.port = port;
  }

  /** The binary on PATH, or the test is skipped with the reason. */
  public static Path binary() {
    Path found = onPath("prometheus-alertmanager", "alertmanager");
    Assumptions.assumeTrue(found != null,
        "Alertmanager is not installed (Debian package prometheus-alertmanager; .ci/run installs it): skipped");
    return found;
  }

  /** The first of {@code names} found on PATH, or null. */
  public static Path onPath(String... names) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(":")) {
      for (String n : names) {
        Path p = Path.of(dir.isEmpty() ? "." : dir, n);
        if (Files.isExecutable(p)) {
          return p;
        }
      }
    }
    return null;
  }

  /** Starts one with {@code configYaml} as its configuration and waits (bounded) until it is ready. */
  public static AlertmanagerProcess start(Path dir, String configYaml) throws Exception {
    Path bin = binary();
    Files.createDirectories(dir.resolve("data"));
    Path cfg = Files.writeString(dir.resolve("alertmanager.yml"), configYaml);
    AlertmanagerProcess am = new AlertmanagerProcess(bin, dir, cfg, TestServer.freePort());
    am.launch();
    return am;
  }

  /** A configuration whose one receiver does nothing, grouping by alert name. */
  public static String quietConfig() {
    return "route:\n  receiver: none\n  group_by: [alertname]\n  group_wait: 1s\n  group_interval: 1s\n"
        + "receivers:\n  - name: none\n";
  }

  private void launch() throws Exception {
    ProcessBuilder pb = new ProcessBuilder(binary.toString(), "--config.file=" + config,
        "--web.listen-address=127.0.0.1:" + port, "--cluster.listen-address=", "--storage.path=" + dir.resolve("data"),
        "--log.level=warn")
        .redirectErrorStream(true).redirectOutput(dir.resolve("alertmanager.log").toFile());
    process = pb.start();
    String ready = Waits.until(Duration.ofSeconds(30), () -> get("/-/ready"), "OK"::equals);
    if (!"OK".equals(ready)) {
      close();
      throw new IllegalStateException("alertmanager on port " + port + " not ready: " + ready + "\n" + log());
    }
  }

  /** kill -9, then the same binary, port and storage again. */
  public void restart() throws Exception {
    kill();
    launch();
  }

  /** kill -9: no goodbye, as a crash. */
  public void kill() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }

  public String url() {
    return "http://127.0.0.1:" + port;
  }

  /** GET on the API; the body, or the failure as text (so a poll can show what it saw). */
  public String get(String path) {
    try {
      HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5))
          .GET().build(), HttpResponse.BodyHandlers.ofString());
      return r.statusCode() == 200 ? r.body().strip() : "HTTP " + r.statusCode() + ": " + r.body();
    } catch (IOException e) {
      return "unreachable: " + e;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }

  public String post(String path, String json) throws Exception {
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + path)).timeout(Duration.ofSeconds(5))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() / 100 != 2) {
      throw new IllegalStateException("POST " + path + " answered " + r.statusCode() + ": " + r.body());
    }
    return r.body();
  }

  /** {@code amtool alert query -o json} against this Alertmanager (every alert, silenced ones too). */
  public String amtoolQuery(String... matchers) throws Exception {
    Path amtool = onPath("amtool");
    Assumptions.assumeTrue(amtool != null, "amtool is not installed (Debian package prometheus-alertmanager): skipped");
    List<String> cmd = new java.util.ArrayList<>(List.of(amtool.toString(), "--alertmanager.url=" + url(),
        "alert", "query", "--silenced", "--active", "-o", "json"));
    cmd.addAll(List.of(matchers));
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes()).strip();
    if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
      throw new IllegalStateException("amtool failed: " + out);
    }
    return out;
  }

  public String log() {
    try (Stream<String> lines = Files.lines(dir.resolve("alertmanager.log"))) {
      return String.join("\n", lines.toList());
    } catch (IOException e) {
      return "(no log: " + e + ")";
    }
  }

  @Override
  public void close() {
    if (process != null && process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
