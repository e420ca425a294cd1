package io.healguard.api.console;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** The console's pages over real HTTP: their security headers, and the API's answers without them. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ConsoleHeadersTest {
  @TempDir static Path dir;
  private Vertx vertx;
  private TestServer server;
  private Http http;

  @BeforeAll
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir);
    http = new Http(vertx, server.port);
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get();
  }

  @Test
  void shouldServeThePageAtTheRootWithAStrictContentSecurityPolicy() {
    Http.Reply r = http.get("/", null);

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/html");
    assertThat(r.headers().get("Content-Security-Policy")).isEqualTo(ConsoleRoutes.CSP).contains("script-src 'self'")
        .doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
    assertThat(r.headers().get("X-Content-Type-Options")).isEqualTo("nosniff");
    assertThat(r.headers().get("Referrer-Policy")).isEqualTo("no-referrer");
    assertThat(r.body()).contains("<script src=\"/ui/app.js\" defer></script>").doesNotContain("<script>");
  }

  @Test
  void shouldServeTheAssetsUnderUiWithTheSameHeaders() {
    Http.Reply js = http.get("/ui/app.js", null);
    Http.Reply missing = http.get("/ui/nothing-here.js", null);

    assertThat(js.status()).isEqualTo(200);
    assertThat(js.contentType()).contains("javascript");
    assertThat(js.headers().get("Content-Security-Policy")).isEqualTo(ConsoleRoutes.CSP);
    assertThat(missing.status()).isEqualTo(404);
  }

  @Test
  void shouldLeaveTheApiAnswersWithoutTheConsoleHeaders() {
    Http.Reply ping = http.get("/api/v1/ping", TestServer.REPORTER);

    assertThat(ping.status()).isEqualTo(200);
    assertThat(ping.headers().get("Content-Security-Policy")).isNull();
    assertThat(ping.headers().get("Referrer-Policy")).isNull();
  }

  @Test
  void shouldTellAnyTokenItsRoleAndRefuseTheChangeFeedToAReporter() {
    Http.Reply me = http.get("/api/v1/whoami", TestServer.REPORTER);
    Http.Reply feed = http.get("/api/v1/changes", TestServer.REPORTER);

    assertThat(me.json().getString("name")).isEqualTo("watchdog");
    assertThat(me.json().getString("role")).isEqualTo("reporter");
    assertThat(me.json().getBoolean("mayView")).isFalse();
    assertThat(feed.status()).isEqualTo(403);
  }

  @Test
  void shouldRefuseAPreviewOfAnUnknownModeNamingTheField() {
    Http.Reply r = http.get("/api/v1/units/configured.service/preview?mode=PAUSE&reason=x", TestServer.VIEWER);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("detail")).contains("mode").contains("PAUSE").contains("HOLD, RELEASE, FORCE_RESTART, RESET");
  }
}
