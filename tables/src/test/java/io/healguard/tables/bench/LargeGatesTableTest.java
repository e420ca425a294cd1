package io.healguard.tables.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.TableInfo;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.rules.table.FactSpace;
import io.healguard.engine.testing.MutableClock;
import io.healguard.tables.reference.ReferencePolicy;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The benchmark's 205-row table is a policy the gate accepts, and it still says runbook v1. */
class LargeGatesTableTest {
  @TempDir static Path dir;
  private static PolicySnapshot large;

  @BeforeAll
  static void generateAndCompile() throws IOException {
    LargeGatesTable.write(dir);
    large = new PolicyCompiler(MutableClock.at("2025-01-01T00:00:00Z")).compile(dir);
  }

  @Test
  void shouldCompileAll205GatesRows() {
    TableInfo gates = large.tables().stream().filter(t -> t.file().equals("gates.xlsx")).findFirst().orElseThrow();

    int rows = gates.rows().size();

    assertThat(rows).isEqualTo(LargeGatesTable.ROWS);
  }

  @Test
  void shouldDecideEverySituationWithRunbookV1sActionAndReason() {
    List<Situation> space = FactSpace.all();

    List<String> differences = differencesFromReference(space);

    assertThat(differences).as("situations the 205-row table decides unlike runbook v1").isEmpty();
  }

  /** Row names differ by design; action and reason must not. */
  private static List<String> differencesFromReference(List<Situation> space) {
    ReferencePolicy reference = new ReferencePolicy();
    List<String> out = new ArrayList<>();
    for (Situation s : space) {
      Verdict table = large.decide(s.copyFacts());
      Verdict plain = reference.decide(s.copyFacts());
      if (table.action() != plain.action() || !table.reason().equals(plain.reason())) {
        out.add(s + ": " + table.row() + " " + table.action() + " " + table.reason());
      }
    }
    return out;
  }
}
