package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.RawHttp;
import io.healguard.api.testing.ServeProcess;
import io.healguard.api.testing.TestServer;
import io.healguard.api.testing.Waits;
import io.healguard.engine.testing.Fixtures;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Clients that hold connections without finishing a request, against a real {@code serve} child
 * with short deadlines: headers sent a byte at a time, nothing sent at all, a keep-alive connection
 * left idle. Each is closed by its deadline while {@code /health} keeps answering, and a client
 * past {@code http.max-connections} gets a 503 problem instead of a silent hang.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SlowClientTest {
  private static final int MAX_CONNECTIONS = 40;
  ServeProcess serve;
  final List<Socket> sockets = new ArrayList<>();

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    Path config = dir.resolve("healguard.yaml");
    Files.writeString(config, "data:\n  dir: data\npolicy:\n  tables-dir: " + Fixtures.bundledTables()
        + "\n  watch-interval: 0\nhttp:\n  header-timeout: 2s\n  body-timeout: 2s\n  idle-timeout: 3s\n  max-connections: " + MAX_CONNECTIONS + "\n");
    serve = ServeProcess.launch(config, TestServer.freePort()).in(dir).productionLogging().start();
  }

  @AfterAll
  void stop() throws IOException {
    for (Socket s : sockets) s.close();
    if (serve != null) serve.close();
  }

  private Socket open() throws IOException {
    Socket s = new Socket();
    s.connect(new InetSocketAddress("127.0.0.1", serve.port), 10_000);
    sockets.add(s);
    return s;
  }

  /** A thread that reads {@code s} to its end and then counts it as closed. */
  private static void watchClose(Socket s, AtomicInteger closed) {
    Thread t = new Thread(() -> {
      try (InputStream in = s.getInputStream()) {
        while (in.read() >= 0) {
          // an answer (a keep-alive one) is read and dropped; only the end of the stream counts
        }
      } catch (IOException reset) {
        // a reset is a close too
      }
      closed.incrementAndGet();
    }, "watch-" + s.getLocalPort());
    t.setDaemon(true);
    t.start();
  }

  @Test
  void shouldCloseSlowAndIdleConnectionsAfterTheirDeadlinesWhileHealthAnswers() throws Exception {
    AtomicInteger closed = new AtomicInteger();
    ScheduledExecutorService trickle = Executors.newSingleThreadScheduledExecutor();
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 10; i++) {
        Socket s = open();
        s.getOutputStream().write("GET /health HTTP/1.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
        slow.add(s);
        watchClose(s, closed);
      }
      // the attacker's pace: a header byte every 200 ms keeps any idle timeout from firing
      trickle.scheduleAtFixedRate(() -> slow.forEach(s -> {
        try {
          OutputStream out = s.getOutputStream();
          out.write('x');
          out.flush();
        } catch (IOException gone) {
          // closed by the server: what the test waits for
        }
      }), 200, 200, TimeUnit.MILLISECONDS);
      for (int i = 0; i < 10; i++) {
        watchClose(open(), closed); // connects and sends nothing
      }
      for (int i = 0; i < 5; i++) {
        Socket s = open();
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
        watchClose(s, closed); // answered, then left idle on keep-alive
      }

      int healthWhileHeld = RawHttp.exchange(serve.port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10_000).status();
      // the deadlines run on the child's real clock: bounded wait for all 25 to be closed
      int closedInTime = Waits.until(Duration.ofSeconds(60), closed::get, n -> n == 25);

      assertThat(healthWhileHeld).isEqualTo(200);
      assertThat(closedInTime).isEqualTo(25);
      assertThat(RawHttp.exchange(serve.port, "GET /metrics HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10_000).body())
          .contains("healguard_http_rejections_total{kind=\"header-timeout\"}");
    } finally {
      trickle.shutdownNow();
    }
  }

  @Test
  void shouldAnswer408WhenTheBodyStopsHalfway() throws Exception {
    // headers complete, then 2 of the 40 declared body bytes, then nothing: the body deadline answers
    String stalled = "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
        + "Content-Length: 40\r\n\r\n{\"";

    RawHttp.Response r = RawHttp.exchange(serve.port, stalled, 30_000);

    assertThat(r.status()).isEqualTo(408);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(r.body()).contains("http.body-timeout");
  }

  @Test
  void shouldRefuseAConnectionPastTheLimitWithA503Problem() throws Exception {
    List<Socket> held = new ArrayList<>();
    for (int i = 0; i < MAX_CONNECTIONS; i++) {
      Socket s = open();
      s.setSoTimeout(10_000);
      // one answered request each: the service has surely counted the connection
      s.getOutputStream().write("GET /health HTTP/1.1\r\nHost: x\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      assertThat(RawHttp.read(s.getInputStream(), false).status()).isEqualTo(200);
      held.add(s);
    }

    RawHttp.Response refused = RawHttp.exchange(serve.port, "GET /health HTTP/1.1\r\nHost: x\r\n\r\n", 10_000);

    assertThat(refused.status()).isEqualTo(503);
    assertThat(refused.contentType()).startsWith("application/problem+json");
    assertThat(refused.body()).contains("http.max-connections");
    for (Socket s : held) s.close();
    // the held ones closed: a new client is served again (its close reaches the child on real time)
    assertThat(Waits.until(Duration.ofSeconds(30), this::health, st -> st == 200)).isEqualTo(200);
  }

  private int health() {
    try {
      return RawHttp.exchange(serve.port, "GET /health HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n", 10_000).status();
    } catch (IOException e) {
      return -1;
    }
  }
}
