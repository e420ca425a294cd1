package io.healguard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.cli.HealguardCommand;
import io.healguard.api.testing.ServeProcess;
import io.healguard.api.testing.TestServer;
import io.healguard.api.testing.Waits;
import io.healguard.engine.testing.Fixtures;
import io.vertx.core.json.JsonObject;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code serve} as a real child JVM, with the jar's own logging, stopped by SIGTERM (what
 * {@code systemctl stop} sends) while eight clients keep reporting: it must exit 0, its last line
 * must say the store is closed, and every decision a client received must be in the store.
 */
class ServeStopTest {
  private static final String TOKEN = "stop-admin";
  private static final int CLIENTS = 8;
  @TempDir Path dir;
  ServeProcess serve;
  final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();

  @AfterEach
  void kill() throws Exception {
    if (serve != null) serve.close();
  }

  record Ack(String unit, String id, String action) {}

  @Test
  void shouldExitZeroWithItsLastLineAndEveryAcknowledgedDecisionStoredOnSigtermUnderLoad() throws Exception {
    Path config = dir.resolve("healguard.yaml");
    Files.writeString(config, "data:\n  dir: data\npolicy:\n  tables-dir: " + Fixtures.bundledTables()
        + "\n  watch-interval: 0\nauth:\n  tokens:\n    - {name: ci, role: admin, hash: \"" + ApiToken.hashText(TOKEN) + "\"}\n");
    serve = ServeProcess.launch(config, TestServer.freePort()).productionLogging().start();
    List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    List<Thread> clients = new ArrayList<>();
    for (int i = 0; i < CLIENTS; i++) {
      String unit = "stop-" + i + ".service";
      // DOWN in a loop: after the first restart every answer is a BLOCK, and audited
      Thread t = new Thread(() -> {
        while (running.get()) {
          report(unit).ifPresent(acks::add);
        }
      }, "client-" + i);
      clients.add(t);
      t.start();
    }
    // the load runs against a real process: wait (bounded) until it has answered plenty
    Waits.until(Duration.ofMinutes(2), acks::size, n -> n >= 400);

    int exit = serve.terminate(Duration.ofMinutes(2));
    running.set(false);
    for (Thread t : clients) t.join(60_000);

    List<String> lines = serve.lines().stream().filter(l -> !l.isBlank()).toList();
    Set<String> stored = exportedIds(dir.resolve("data"));
    List<Ack> audited = acks.stream().filter(a -> !"NONE".equals(a.action())).toList();
    assertThat(exit).as("exit status; output:\n%s", serve.tail(15)).isZero();
    assertThat(lines.get(lines.size() - 1)).as("last line; output:\n%s", serve.tail(15)).contains("healguard stopped; store sqlite:").endsWith(" closed");
    assertThat(audited).hasSizeGreaterThan(300);
    assertThat(audited.stream().map(Ack::id).collect(Collectors.toSet()))
        .as("acknowledged decisions missing from the store").isSubsetOf(stored);
  }

  /** One DOWN report; the decision when it was acknowledged (200), else empty. */
  private java.util.Optional<Ack> report(String unit) {
    HttpRequest req = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + serve.port + "/api/v1/reports"))
        .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + TOKEN)
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"unit\":\"" + unit + "\",\"status\":\"DOWN\"}")).build();
    try {
      HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200) {
        return java.util.Optional.empty(); // 503 while stopping: refused, nothing decided
      }
      JsonObject d = new JsonObject(r.body());
      return java.util.Optional.of(new Ack(unit, d.getString("id"), d.getString("action")));
    } catch (Exception e) {
      return java.util.Optional.empty(); // refused or cut: never acknowledged
    }
  }

  /** The audit event ids in the data dir, read with {@code healguard audit export} after the service exited. */
  private static Set<String> exportedIds(Path data) {
    StringWriter out = new StringWriter();
    CommandLine cl = HealguardCommand.commandLine();
    cl.setOut(new PrintWriter(out, true));

    int code = cl.execute("audit", "export", "--data", data.toString());

    assertThat(code).as("audit export exit code").isZero();
    return out.toString().lines().map(l -> new JsonObject(l).getString("id"))
        .collect(Collectors.toSet());
  }
}
