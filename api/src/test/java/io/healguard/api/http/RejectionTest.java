package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.RawHttp;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Requests the service does not accept, each sent as raw bytes over a real socket: every one is a
 * 4xx problem+json that names what was wrong, never a 5xx and never Vert.x's bare default answer.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RejectionTest {
  private static final String R = TestServer.REPORTER;
  private static final String V = TestServer.VIEWER;
  private static final String O = TestServer.OPERATOR;
  Vertx vertx;
  TestServer server;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir);
    try (Http http = new Http(vertx, server.port)) {
      http.post("/api/v1/reports", R, "{\"unit\":\"known.service\",\"status\":\"UP\"}");
    }
  }

  @AfterAll
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private RawHttp.Response send(String request) throws Exception {
    return RawHttp.exchange(server.port, request.replace("\n", "\r\n"), 10_000);
  }

  private static String get(String target, String token) {
    return "GET " + target + " HTTP/1.1\nHost: x\nAuthorization: Bearer " + token + "\n\n";
  }

  private static String post(String target, String token, String body) {
    return "POST " + target + " HTTP/1.1\nHost: x\nAuthorization: Bearer " + token
        + "\nContent-Type: application/json\nContent-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\n\n" + body;
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      bad escape in a query          | /api/v1/units?limit=%ZZ           | 400 | query
      lone percent in a query        | /api/v1/audit?unit=%              | 400 | query
      bad escape in a path           | /api/v1/units/%zz                 | 400 | path
      escape that is not UTF-8       | /api/v1/units/%C3%28.service      | 400 | UTF-8
      ttl-sized duration in since    | /api/v1/audit?since=9999999999999999d | 400 | since
      instant past year 9999         | /api/v1/audit?since=%2B1000000000-01-01T00:00:00Z | 400 | since
      year 10000 instant             | /api/v1/audit?since=%2B10000-01-01T00:00:00Z | 400 | since
      template unit                  | /api/v1/units/foo@.service        | 400 | instance
      unit with only an instance     | /api/v1/units/@.service           | 400 | prefix
      """)
  void shouldRejectBadQueriesAndPathsWithAProblemNamingThePart(String name, String target, int status, String names)
      throws Exception {
    RawHttp.Response r = send(get(target, V));

    assertThat(r.status()).as(name).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(new JsonObject(r.body()).getString("detail")).contains(names);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
      two documents        | /api/v1/reports                      | {'unit':'a.service','status':'UP'} {'unit':'b.service','status':'DOWN'} | 400 | trailing
      trailing garbage     | /api/v1/reports                      | {'unit':'a.service','status':'UP'}xyz | 400 | JSON
      duplicate key        | /api/v1/units/known.service/overrides | {'mode':'BOGUS','reason':'r','mode':'RESET'} | 400 | mode
      overflowing ttl      | /api/v1/units/known.service/overrides | {'mode':'HOLD','ttl':'999999999999999999999h'} | 400 | ttl
      ttl under a second   | /api/v1/units/known.service/overrides | {'mode':'HOLD','ttl':'500ms'} | 400 | between 1s and 24h
      template unit report | /api/v1/reports                      | {'unit':'foo@.service','status':'DOWN'} | 400 | instance
      year 10000 observedAt | /api/v1/reports                     | {'unit':'a.service','status':'UP','observedAt':'+10000-01-01T00:00:00Z'} | 400 | observedAt
      lone surrogate detail | /api/v1/reports                     | {'unit':'a.service','status':'UP','detail':'x\\ud800y'} | 400 | detail
      lone surrogate reason | /api/v1/units/known.service/overrides | {'mode':'HOLD','reason':'\\udc00'} | 400 | reason
      deep nesting         | /api/v1/reports                      | [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]] | 400 | depth
      """)
  void shouldRejectBodiesThatAreNotOneStrictDocument(String name, String target, String body, int status, String names)
      throws Exception {
    String token = target.contains("overrides") ? O : R;

    RawHttp.Response r = send(post(target, token, body.replace('\'', '"')));

    assertThat(r.status()).as(name).isEqualTo(status);
    assertThat(r.contentType()).startsWith("application/problem+json");
    assertThat(new JsonObject(r.body()).getString("detail")).as(r.body()).containsIgnoringCase(names);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      status in lower case         | /api/v1/reports                         | {'unit':'lenient-a.service','status':'up'}
      status with spaces           | /api/v1/reports                         | {'unit':'lenient-b.service','status':' Down '}
      mode in lower case, ISO ttl  | /api/v1/units/known.service/overrides   | {'mode':'hold','reason':'r','ttl':'PT30M'}
      release in mixed case        | /api/v1/units/known.service/overrides   | {'mode':'Release','reason':'r'}
      an instance of a template    | /api/v1/reports                         | {'unit':'getty@tty1.service','status':'UP'}
      """)
  void shouldKeepTheDocumentedLenientForms(String name, String target, String body) throws Exception {
    String token = target.contains("overrides") ? O : R;

    RawHttp.Response r = send(post(target, token, body.replace('\'', '"')));

    assertThat(r.status()).as(name + ": " + r.body()).isEqualTo(200);
  }

  @Test
  void shouldAnswerARequestWithoutHostWith400() throws Exception {
    RawHttp.Response r = send("GET /health HTTP/1.1\n\n");

    assertThat(r.status()).isEqualTo(400);
    assertThat(new JsonObject(r.body()).getString("detail")).contains("Host");
  }

  @Test
  void shouldCloseOnAnInvalidChunkSizeAndCountItAsTheClientsError() throws Exception {
    // Vert.x closes a connection whose chunk framing is lost before any answer can be written
    RawHttp.Response r = send("POST /api/v1/reports HTTP/1.1\nHost: x\nAuthorization: Bearer " + R
        + "\nContent-Type: application/json\nTransfer-Encoding: chunked\n\nZZZ\n{}\n0\n\n");

    assertThat(r.status()).isIn(-1, 400);
    assertThat(metrics()).contains("healguard_http_rejections_total{kind=\"malformed-body\"}")
        .doesNotContain("status=\"500\"");
  }

  @Test
  void shouldCountAClientThatLeavesMidBodyAsADisconnectNotAnError() throws Exception {
    byte[] cut = ("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + R
        + "\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"unit\":").getBytes(StandardCharsets.UTF_8);

    RawHttp.Response r = RawHttp.exchange(server.port, cut, 10_000, true);

    assertThat(r.status()).isIn(-1, 400);
    assertThat(metrics()).doesNotContain("status=\"500\"");
  }

  @Test
  void shouldCountEveryRejectionKindFromZero() throws Exception {
    String m = metrics();

    assertThat(ProblemTypes.REJECTIONS).allSatisfy(kind ->
        assertThat(m).contains("healguard_http_rejections_total{kind=\"" + kind + "\"}"));
    // no test here fills the server's connections: the series exists all the same, at 0
    assertThat(m).contains("healguard_http_rejections_total{kind=\"too-many-connections\"} 0.0");
  }

  private String metrics() throws Exception {
    return send("GET /metrics HTTP/1.1\nHost: x\n\n").body();
  }

  @Test
  void shouldAnswerATooLongRequestLineWith414() throws Exception {
    RawHttp.Response r = send(get("/api/v1/units?cursor=" + "a".repeat(5000), V));

    assertThat(r.status()).isEqualTo(414);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void shouldAnswerTooLargeHeadersWith431() throws Exception {
    RawHttp.Response r = send("GET /health HTTP/1.1\nHost: x\nX-Big: " + "b".repeat(9000) + "\n\n");

    assertThat(r.status()).isEqualTo(431);
    assertThat(r.contentType()).startsWith("application/problem+json");
  }

  @Test
  void shouldAnswerAMadeUpMethodWith405AndAllow() throws Exception {
    RawHttp.Response r = send("BREW /api/v1/units HTTP/1.1\nHost: x\n\n");

    assertThat(r.status()).isEqualTo(405);
    assertThat(r.header("allow")).isEqualTo("GET, HEAD");
  }

  @Test
  void shouldAnswerHeadWhereverGetAnswers() throws Exception {
    RawHttp.Response r = send("HEAD /health HTTP/1.1\nHost: x\n\n");

    assertThat(r.status()).isEqualTo(200);
    assertThat(r.body()).isEmpty();
  }
}
