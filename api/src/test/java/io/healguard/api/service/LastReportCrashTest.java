package io.healguard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.testing.ServeProcess;
import io.healguard.api.testing.TestServer;
import io.healguard.api.testing.Waits;
import io.healguard.engine.testing.Fixtures;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Repeated UP reports change nothing that decides, so they are not written one by one; the store
 * writes the last one every second. After a kill -9 under such reports, a unit's last report is at
 * most the documented two seconds (the interval plus one write) older than the one shown before.
 */
class LastReportCrashTest {
  private static final String TOKEN = "crash-admin";
  private static final String UNIT = "steady.service";
  /** docs/service.md: the flush interval (1 s) plus the time of the flush's own write. */
  private static final Duration BOUND = Duration.ofSeconds(2);
  @TempDir Path dir;
  ServeProcess serve;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void kill() {
    if (serve != null) serve.close();
  }

  @Test
  void shouldShowALastReportAtMostTheFlushBoundOlderAfterKill9() throws Exception {
    Path config = dir.resolve("healguard.yaml");
    Files.writeString(config, "data:\n  dir: data\npolicy:\n  tables-dir: " + Fixtures.bundledTables()
        + "\n  watch-interval: 0\nauth:\n  tokens:\n    - {name: ci, role: admin, hash: \"" + ApiToken.hashText(TOKEN) + "\"}\n");
    serve = ServeProcess.launch(config, TestServer.freePort()).in(dir).start();
    report(0);
    Instant first = lastReport(serve.port);
    AtomicBoolean running = new AtomicBoolean(true);
    AtomicInteger sent = new AtomicInteger();
    Thread reporter = new Thread(() -> {
      while (running.get()) {
        if (report(sent.incrementAndGet()) != 200) return;
      }
    }, "steady-reporter");
    reporter.start();
    // real time in a real child: report for a few flush intervals (bounded wait)
    Waits.until(Duration.ofSeconds(60), () -> lastReport(serve.port), at -> Duration.between(first, at).toMillis() >= 3_500);

    Instant shown = lastReport(serve.port);
    serve.close(); // SIGKILL: no flush at close
    running.set(false);
    reporter.join(30_000);
    serve = ServeProcess.launch(config, TestServer.freePort()).in(dir).start();
    Instant afterRestart = lastReport(serve.port);

    assertThat(sent.get()).as("UP reports sent").isGreaterThan(10);
    assertThat(Duration.between(afterRestart, shown)).as("shown " + shown + ", after kill -9 " + afterRestart)
        .isLessThanOrEqualTo(BOUND);
  }

  private int report(int n) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port + "/api/v1/reports"))
          .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"unit\":\"" + UNIT + "\",\"status\":\"UP\",\"detail\":\"n=" + n + "\"}"))
          .timeout(Duration.ofSeconds(30)).build();
      return http.send(req, HttpResponse.BodyHandlers.discarding()).statusCode();
    } catch (Exception e) {
      return -1; // the child was killed under it
    }
  }

  private Instant lastReport(int port) {
    try {
      HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/units/" + UNIT))
          .header("Authorization", "Bearer " + TOKEN).timeout(Duration.ofSeconds(30)).build();
      String body = http.send(req, HttpResponse.BodyHandlers.ofString()).body();
      return Instant.parse(new JsonObject(body).getJsonObject("lastReport").getString("at"));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
