package io.healguard.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healguard.engine.Healguard;
import io.healguard.engine.json.Json;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.table.TableSource;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The fact-space verdict kept in the data directory: reused at the next start for the same tables
 * and the same build, and never standing in for a check it did not make. The unsafe tables below
 * (a row that restarts through a hold) fail only the fact-space part of the check, so they are
 * refused only if that part runs.
 */
class PolicyManagerCheckCacheTest {
  @TempDir Path tmp;
  MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  Path tables;
  PolicyArchive archive;
  Path checks;

  @BeforeEach
  void setUp() throws Exception {
    tables = PolicyTables.copyBundled(tmp.resolve("tables"));
    archive = new PolicyArchive(tmp.resolve("data/policies"));
    checks = tmp.resolve("data/policy-checks");
  }

  private Healguard start() {
    return Healguard.open(tables, LocalStateStore.memory(), clock, SafetyEnvelope.DEFAULT, List.of(), archive);
  }

  private String versionOf(Path dir) {
    return TableSource.load(dir, new ArrayList<>()).version();
  }

  /** The verdict the first start wrote, changed as {@code edit} says, written back. */
  private void forge(String version, java.util.function.Consumer<ObjectNode> edit) throws Exception {
    Path f = checks.resolve(version + ".json");
    ObjectNode entry = (ObjectNode) Json.MAPPER.readTree(f.toFile());
    edit.accept(entry);
    Files.write(f, Json.MAPPER.writeValueAsBytes(entry));
  }

  @Test
  void shouldReuseTheVerdictOfTheSameTablesAndBuildAtTheNextStart() throws Exception {
    String version;
    try (Healguard first = start()) {
      version = first.policy().current().version();
    }
    forge(version, e -> ((ArrayNode) e.get("warnings")).addObject().put("message", "marker from the cached verdict"));

    try (Healguard second = start()) {

      assertThat(second.policy().current().warnings()).extracting(PolicyProblem::message)
          .contains("marker from the cached verdict");
    }
  }

  @Test
  void shouldCheckTablesWithoutACachedVerdictBeforeTheyDecide() throws Exception {
    PolicyTables.setCell(tables.resolve("gates.xlsx"), "DT-GATES-015", "action", "RESTART");

    assertThatThrownBy(this::start)
        .isInstanceOf(PolicyRejectedException.class)
        .hasMessageContaining("would restart through a hold");
    assertThat(checks.resolve(versionOf(tables) + ".json")).doesNotExist();
  }

  @Test
  void shouldCheckTablesWhoseCachedVerdictIsFromAnotherBuildBeforeTheyDecide() throws Exception {
    start().close(); // the first start checks the safe tables and remembers the verdict
    String safe = versionOf(tables);
    PolicyTables.setCell(tables.resolve("gates.xlsx"), "DT-GATES-015", "action", "RESTART");
    String unsafe = versionOf(tables);
    // a passing verdict for the unsafe tables, as an earlier build of healguard would have written it
    Files.copy(checks.resolve(safe + ".json"), checks.resolve(unsafe + ".json"));
    forge(unsafe, e -> e.put("policy", unsafe).put("code", "jar healguard.jar 0.0.9 1 1"));

    assertThatThrownBy(this::start)
        .isInstanceOf(PolicyRejectedException.class)
        .hasMessageContaining("would restart through a hold");
  }

  @Test
  void shouldCheckAReloadWhoseCachedVerdictIsFromAnotherBuildBeforeItIsActivated() throws Exception {
    try (Healguard hg = start()) {
      String safe = hg.policy().current().version();
      PolicyTables.setCell(tables.resolve("gates.xlsx"), "DT-GATES-015", "action", "RESTART");
      String unsafe = versionOf(tables);
      Files.copy(checks.resolve(safe + ".json"), checks.resolve(unsafe + ".json"));
      forge(unsafe, e -> e.put("policy", unsafe).put("code", "classes 0"));

      ReloadOutcome o = hg.policy().reload("alice");

      assertThat(o.status()).isEqualTo(ReloadOutcome.Status.REJECTED);
      assertThat(hg.policy().current().version()).isEqualTo(safe);
    }
  }

  /** Every kept sheets file, its DRL replaced by text no Drools compiles, its build set to {@code code}. */
  private void spoilKeptSheets(String code) throws Exception {
    try (var files = Files.list(checks)) {
      for (Path f : files.filter(p -> p.getFileName().toString().startsWith("sheets-")).toList()) {
        ObjectNode entry = (ObjectNode) Json.MAPPER.readTree(f.toFile());
        entry.put("code", code == null ? entry.get("code").asText() : code);
        for (var sheet : entry.get("sheets")) {
          ((ObjectNode) sheet).put("drl", "this is not DRL");
        }
        Files.write(f, Json.MAPPER.writeValueAsBytes(entry));
      }
    }
  }

  @Test
  void shouldCompileTheKeptDrlOfAnUnchangedWorkbookInsteadOfReadingItAgain() throws Exception {
    start().close(); // the first start reads the workbooks and keeps their DRL
    spoilKeptSheets(null);

    assertThatThrownBy(this::start)
        .isInstanceOf(PolicyRejectedException.class)
        .hasMessageContaining("compile error");
  }

  @Test
  void shouldReadAWorkbookAgainWhenItsKeptDrlIsFromAnotherBuild() throws Exception {
    String version;
    try (Healguard first = start()) {
      version = first.policy().current().version();
    }
    spoilKeptSheets("jar healguard.jar 0.0.9 1 1");

    try (Healguard second = start()) {

      assertThat(second.policy().current().version()).isEqualTo(version);
    }
  }
}
