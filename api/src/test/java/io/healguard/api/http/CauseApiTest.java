package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** Reports with a failure cause, over real HTTP, against the bundled causes and gates tables. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CauseApiTest {
  static final String MODULE_MISSING = "{\"result\":\"exit-code\",\"exitCode\":\"exited\",\"exitStatus\":\"1\","
      + "\"logTail\":\"Traceback (most recent call last):\\nModuleNotFoundError: No module named 'requests'\\n\"}";
  Vertx vertx;
  TestServer server;
  Http http;

  @BeforeAll
  void start(@TempDir Path dir) throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir);
    http = new Http(vertx, server.port);
  }

  @AfterAll
  void stop() throws Exception {
    http.close();
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  @Test
  void shouldDecideAReportByItsCauseAndShowItInTheUnitViewAndTheAudit() {
    String unit = "worker.service";
    for (int i = 0; i < 2; i++) {
      report(unit, MODULE_MISSING);
    }

    Http.Reply third = report(unit, MODULE_MISSING);

    JsonObject d = third.json();
    assertThat(third.status()).isEqualTo(200);
    assertThat(d.getString("action")).isEqualTo("ESCALATE");
    assertThat(d.getString("reason")).isEqualTo("NON_TRANSIENT_FAILURE");
    assertThat(d.getString("rule")).isEqualTo("DT-GATES-027");
    assertThat(d.getJsonObject("recommendation").getString("text")).isEqualTo("A restart cannot fix this: RUNTIME_BROKEN, see the log tail.");
    assertThat(d.getJsonObject("cause").getString("causeClass")).isEqualTo("RUNTIME_BROKEN");
    assertThat(d.getJsonObject("cause").getString("matchedLine")).isEqualTo("ModuleNotFoundError: No module named 'requests'");
    JsonObject last = http.get("/api/v1/units/" + unit, TestServer.VIEWER).json().getJsonObject("lastReport");
    assertThat(last.getJsonObject("cause").getString("exitStatus")).isEqualTo("1");
    assertThat(last.getJsonObject("cause").getString("logTail")).contains("ModuleNotFoundError");
    assertThat(last.getJsonObject("classification").getString("row")).isEqualTo("DT-CAUSES-002");
    JsonObject event = http.get("/api/v1/audit?unit=" + unit, TestServer.VIEWER).json().getJsonArray("events").getJsonObject(0);
    assertThat(event.getString("reason")).isEqualTo("NON_TRANSIENT_FAILURE");
    assertThat(event.getJsonObject("input").getJsonObject("cause").getString("result")).isEqualTo("exit-code");
    assertThat(event.getJsonObject("detail").getJsonObject("cause").getString("causeClass")).isEqualTo("RUNTIME_BROKEN");
    assertThat(event.getJsonObject("detail").getJsonObject("cause").getString("matchedLine")).contains("No module named");
    JsonObject alert = http.get("/api/v1/alerts", TestServer.VIEWER).json().getJsonArray("alerts").stream()
        .map(a -> (JsonObject) a).filter(a -> unit.equals(a.getString("unit")) && "NON_TRANSIENT_FAILURE".equals(a.getString("signal")))
        .findFirst().orElseThrow();
    assertThat(alert.getJsonObject("details").getString("causeClass")).isEqualTo("RUNTIME_BROKEN");
    assertThat(alert.getJsonObject("details").getString("matchedLine")).isEqualTo("ModuleNotFoundError: No module named 'requests'");
    assertThat(alert.getJsonObject("recommendation").getString("runbook")).isEqualTo("runbook/NON_TRANSIENT_FAILURE.md");
    assertThat(http.get("/metrics", null).body())
        // counted, not only present: every series exists at 0 from the start
        .containsPattern("healguard_decisions_by_cause_total\\{action=\"ESCALATE\",cause_class=\"RUNTIME_BROKEN\"\\} [1-9][0-9]*\\.0")
        .containsPattern("healguard_decisions_by_cause_total\\{action=\"NONE\",cause_class=\"RUNTIME_BROKEN\"\\} [1-9][0-9]*\\.0");
  }

  @Test
  void shouldBlockLaterNonTransientFailuresWithoutRestarting() {
    String unit = "env-gone.service";
    String gone = "{\"result\":\"exit-code\",\"exitCode\":\"exited\",\"exitStatus\":203}";
    for (int i = 0; i < 3; i++) {
      report(unit, gone);
    }

    Http.Reply fourth = report(unit, gone);

    assertThat(fourth.json().getString("action")).isEqualTo("BLOCK");
    assertThat(fourth.json().getString("rule")).isEqualTo("DT-GATES-028");
    assertThat(fourth.json().getInteger("restartsInWindow")).isZero();
  }

  @Test
  void shouldCutALongLogTailFromTheFront() {
    String log = "first line\\n" + "x".repeat(20_000) + "\\nlast line";

    Http.Reply r = report("long-log.service", "{\"logTail\":\"" + log + "\"}");

    assertThat(r.status()).isEqualTo(200);
    String kept = http.get("/api/v1/units/long-log.service", TestServer.VIEWER).json()
        .getJsonObject("lastReport").getJsonObject("cause").getString("logTail");
    assertThat(kept).hasSize(8 * 1024).endsWith("\nlast line").doesNotContain("first line");
  }

  static Stream<Arguments> badCauses() {
    return Stream.of(
        Arguments.of("unknown result", "{\"result\":\"crashed\"}", "cause.result", "exit-code"),
        Arguments.of("unknown exit code", "{\"exitCode\":\"died\"}", "cause.exitCode", "exited, killed, dumped"),
        Arguments.of("status over 255", "{\"exitStatus\":\"256\"}", "cause.exitStatus", "0-255"),
        Arguments.of("status no signal", "{\"exitStatus\":\"SEGFAULT\"}", "cause.exitStatus", "signal name"),
        Arguments.of("signal unknown", "{\"signal\":\"SIGFOO\"}", "cause.signal", "SEGV"),
        Arguments.of("log not a string", "{\"logTail\":[\"a\",\"b\"]}", "cause.logTail", "a string"),
        Arguments.of("unknown field", "{\"reason\":\"x\"}", "cause", "logTail"),
        Arguments.of("not an object", "\"oom\"", "cause", "an object"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("badCauses")
  void shouldRefuseABadCauseNamingTheFieldAndStoreNothing(String name, String cause, String field, String allowed) {
    String unit = "bad-" + name.replace(' ', '-') + ".service";

    Http.Reply r = report(unit, cause);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("detail")).contains(field).contains(allowed);
    assertThat(http.get("/api/v1/units/" + unit, TestServer.VIEWER).status()).isEqualTo(404);
    JsonArray events = http.get("/api/v1/audit?unit=" + unit, TestServer.VIEWER).json().getJsonArray("events");
    assertThat(events).isEmpty();
  }

  @Test
  void shouldRefuseABatchWithOneBadCauseNamingItsIndex() {
    String body = "[{\"unit\":\"batch-a.service\",\"status\":\"DOWN\"},"
        + "{\"unit\":\"batch-b.service\",\"status\":\"DOWN\",\"cause\":{\"exitCode\":\"gone\"}}]";

    Http.Reply r = http.post("/api/v1/reports", TestServer.REPORTER, body);

    assertThat(r.status()).isEqualTo(400);
    assertThat(r.json().getString("detail")).startsWith("[1].cause.exitCode must be one of exited, killed, dumped");
    assertThat(List.of("batch-a.service", "batch-b.service"))
        .allSatisfy(u -> assertThat(http.get("/api/v1/units/" + u, TestServer.VIEWER).status()).isEqualTo(404));
  }

  private Http.Reply report(String unit, String cause) {
    return http.post("/api/v1/reports", TestServer.REPORTER,
        "{\"unit\":\"" + unit + "\",\"status\":\"DOWN\",\"cause\":" + cause + "}");
  }
}
