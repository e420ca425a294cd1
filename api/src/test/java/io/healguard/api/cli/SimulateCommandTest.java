package io.healguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.healguard.engine.json.Json;
import io.healguard.engine.testing.Fixtures;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SimulateCommandTest {
  @TempDir Path tmp;
  private final CliRun cli = new CliRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int run(String... args) {
    return cli.run(args);
  }

  @Test
  void shouldPrintOneJsonObjectPerDecisionWithItsExplanation() throws Exception {
    Path scenario = Fixtures.repoRoot().resolve("tables/src/main/resources/scenarios/crash-loop.yaml");

    int code = run("simulate", scenario.toString(), "--tables", Fixtures.bundledTables().toString());

    assertThat(code).isZero();
    List<String> lines = out.toString().lines().toList();
    assertThat(lines).hasSizeGreaterThan(15);
    JsonNode first = Json.MAPPER.readTree(lines.get(3));
    for (String field : List.of("at", "unit", "action", "reason", "rule", "circuit", "restartsInWindow", "recommendation", "policyVersion")) {
      assertThat(first.has(field)).as(field).isTrue();
    }
    assertThat(first.get("rule").asText()).isEqualTo("DT-GATES-026");
  }

  @Test
  void shouldExitTwoNamingTheStepOfAMalformedScenarioAndPrintNothing() throws Exception {
    Path bad = tmp.resolve("bad.yaml");
    Files.writeString(bad, """
        steps:
          - {at: 0s, report: {unit: api.service, status: DOWN}}
          - {at: 1m, override: {unit: api.service, mode: PAUSE, actor: a, reason: r}}
        """);

    int code = run("simulate", bad.toString(), "--tables", Fixtures.bundledTables().toString());

    assertThat(code).isEqualTo(2);
    assertThat(out.toString()).isEmpty();
    assertThat(err.toString()).contains("step 2 (at 1m): override.mode must be one of HOLD, RELEASE, FORCE_RESTART, RESET, but was 'PAUSE'");
  }

  @Test
  void shouldExitOneWhenAnExpectationIsNotMet() throws Exception {
    Path sc = tmp.resolve("expect.yaml");
    Files.writeString(sc, """
        steps:
          - {at: 0s, report: {unit: api.service, status: DOWN}, expect: {action: RESTART}}
        """);

    int code = run("simulate", sc.toString(), "--tables", Fixtures.bundledTables().toString());

    assertThat(code).isEqualTo(1);
    assertThat(err.toString()).contains("step 1", "action: expected RESTART, got NONE");
  }

  @Test
  void shouldExitTwoOnABrokenTableNamingTheRow() throws Exception {
    Path tables = io.healguard.engine.testing.PolicyTables.copyBundled(tmp.resolve("t"));
    io.healguard.engine.testing.PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-003", "cooloff", "-5m");
    Path scenario = Fixtures.repoRoot().resolve("tables/src/main/resources/scenarios/crash-loop.yaml");

    int code = run("simulate", scenario.toString(), "--tables", tables.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("DT-THRESHOLDS-003", "cooloff");
  }
}
