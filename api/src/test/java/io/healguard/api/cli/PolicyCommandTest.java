package io.healguard.api.cli;

import static io.healguard.engine.testing.PolicyTables.gate;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.healguard.engine.json.Json;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.PolicyTables;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Exit codes of {@code healguard policy ...}: 0 all good, 1 findings or differences, 2 usage. */
class PolicyCommandTest {
  private static final Path ROOT = Fixtures.repoRoot();
  private static final String TABLES = ROOT.resolve("decision-tables").toString();
  private static final String SCENARIOS = ROOT.resolve("tables/src/test/resources/scenarios").toString();
  private static final String CRASH_LOOP = ROOT.resolve("tables/src/test/resources/scenarios/crash-loop.yaml").toString();

  @TempDir Path dir;
  private final CliRun cli = new CliRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int healguard(String... args) {
    return cli.run(args);
  }

  @Test
  void checkShouldExitZeroOnTheBundledTablesAndScenarios() {
    int code = healguard("policy", "check", "--tables", TABLES, "--scenarios", SCENARIOS);

    assertThat(code).as(out + "\n" + err).isEqualTo(0);
    assertThat(out.toString()).contains("tables: ok").contains("result: PASS");
  }

  @Test
  void checkShouldExitOneAndNameTheRowOfAFinding() throws IOException {
    Path tables = unreachableRow();

    int code = healguard("policy", "check", "--tables", tables.toString());

    assertThat(code).isEqualTo(1);
    assertThat(out.toString()).contains("UNREACHABLE").contains("gates.xlsx, sheet Gates, row 41 (DT-GATES-099)");
  }

  @Test
  void checkShouldPrintJsonWithTheFindings() throws IOException {
    Path tables = unreachableRow();

    int code = healguard("policy", "check", "--tables", tables.toString(), "--format", "json");
    JsonNode json = Json.read(out.toString(), JsonNode.class);

    assertThat(code).isEqualTo(1);
    assertThat(json.get("passed").asBoolean()).isFalse();
    assertThat(json.at("/findings/0/row").asText()).isEqualTo("DT-GATES-099");
    assertThat(json.at("/findings/0/kind").asText()).isEqualTo("UNREACHABLE");
  }

  @Test
  void checkShouldExitTwoOnUsageErrors() {
    int missingDir = healguard("policy", "check", "--tables", dir.resolve("nope").toString());
    int badFormat = healguard("policy", "check", "--tables", TABLES, "--format", "yaml");
    int noSubcommand = healguard("policy");

    assertThat(List.of(missingDir, badFormat, noSubcommand)).containsExactly(2, 2, 2);
  }

  @Test
  void diffShouldExitOneWhenDecisionsDifferAndZeroWhenNoneDo() throws IOException {
    Path changed = PolicyTables.copyBundled(dir.resolve("changed"));
    PolicyTables.setCell(changed.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");

    int differ = healguard("policy", "diff", "--from", TABLES, "--to", changed.toString(), "--scenario", CRASH_LOOP);
    String text = out.toString();
    int same = healguard("policy", "diff", "--from", TABLES, "--to", TABLES, "--scenario", CRASH_LOOP);

    assertThat(differ).isEqualTo(1);
    assertThat(text).contains("4 decisions differ").contains("totals");
    assertThat(same).isEqualTo(0);
  }

  @Test
  void diffShouldPrintJson() {
    int code = healguard("policy", "diff", "--from", TABLES, "--to", TABLES, "--scenario", CRASH_LOOP, "--format", "json");
    JsonNode json = Json.read(out.toString(), JsonNode.class);

    assertThat(code).isEqualTo(0);
    assertThat(json.get("decisions").asInt()).isEqualTo(19);
    assertThat(json.at("/from/totals/RESTART").asInt()).isEqualTo(4);
  }

  @Test
  void diffShouldExitTwoWithoutExactlyOneReplaySource() {
    int none = healguard("policy", "diff", "--from", TABLES, "--to", TABLES);
    int both = healguard("policy", "diff", "--from", TABLES, "--to", TABLES, "--scenario", CRASH_LOOP, "--audit", CRASH_LOOP);

    assertThat(List.of(none, both)).containsExactly(2, 2);
  }

  @Test
  void exportShouldRewriteOnlyStaleGeneratedSectionsAndCheckThem() throws IOException {
    Path tables = PolicyTables.copyBundled(dir.resolve("decision-tables"));
    copyTree(ROOT.resolve("runbook"), dir.resolve("runbook"));
    String readme = dir.resolve("runbook/README.md").toString();

    int fresh = healguard("policy", "export-markdown", "--tables", tables.toString(), "--out", readme, "--check");
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");
    int stale = healguard("policy", "export-markdown", "--tables", tables.toString(), "--out", readme, "--check");
    int written = healguard("policy", "export-markdown", "--tables", tables.toString(), "--out", readme);
    int again = healguard("policy", "export-markdown", "--tables", tables.toString(), "--out", readme, "--check");

    assertThat(List.of(fresh, stale, written, again)).containsExactly(0, 1, 0, 0);
    assertThat(Files.readString(Path.of(readme))).contains("| DT-THRESHOLDS-002 | standard | 3 | 60s | 10m | 5 |")
        .contains("## Recovery state machine");
  }

  private Path unreachableRow() throws IOException {
    Path tables = dir.resolve("tables");
    PolicyTables.writeDefaults(tables);
    List<PolicyTables.GateRow> rows = new ArrayList<>(PolicyTables.defaultGates());
    rows.add(gate("DT-GATES-099", "input=REPORT, event=DOWN, cooldownActive=true", "BLOCK", "COOLDOWN_ACTIVE", "WAIT_FOR_COOLDOWN"));
    PolicyTables.writeGates(tables.resolve("gates.xlsx"), rows);
    return tables;
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) Files.createDirectories(t);
        else Files.copy(p, t);
      }
    }
  }
}
