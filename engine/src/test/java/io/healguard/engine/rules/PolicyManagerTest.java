package io.healguard.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.Healguard;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hot reload: an edited table changes decisions without a restart; a broken one changes nothing. */
class PolicyManagerTest {
  @TempDir Path tables;
  MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  Healguard hg;

  @BeforeEach
  void open() throws Exception {
    PolicyTables.copyBundled(tables);
    hg = Healguard.open(tables, LocalStateStore.memory(), clock, SafetyEnvelope.DEFAULT, List.of());
  }

  @AfterEach
  void close() {
    hg.close();
  }

  /** Three restarts of a standard unit, 5 minutes apart: past every cooldown, inside the 15m window. */
  private Decision crashLoopFourthRestart() {
    Decision d = null;
    for (int restart = 0; restart < 4; restart++) {
      for (int i = 0; i < 3; i++) {
        d = hg.engine().decide(new Input.Report(HealthReport.of("api.service", HealthStatus.DOWN)));
      }
      clock.advance(Duration.ofMinutes(4)); // past the cooldown of the restart just made
    }
    return d;
  }

  @Test
  void shouldChangeDecisionsAfterReloadOfAnEditedTable() throws Exception {
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");

    ReloadOutcome outcome = hg.policy().reload("alice");

    assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.ACTIVATED);
    Decision fourth = crashLoopFourthRestart();
    assertThat(fourth.action()).isEqualTo(Action.RESTART);
    assertThat(fourth.state().maxRestarts()).isEqualTo(5);
    assertThat(fourth.policyVersion()).isEqualTo(outcome.version()).isNotEqualTo(outcome.previousVersion());
  }

  @Test
  void shouldEscalateTheFourthRestartUnderTheBundledTable() {
    Decision fourth = crashLoopFourthRestart();

    assertThat(fourth.action()).isEqualTo(Action.ESCALATE);
    assertThat(fourth.reason()).isEqualTo("CHURN_LIMIT_REACHED");
  }

  @Test
  void shouldRejectABrokenTableAndKeepDecidingWithTheOldOne() throws Exception {
    String before = hg.policy().current().version();
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "0");

    ReloadOutcome outcome = hg.policy().reload("bob");

    assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.REJECTED);
    assertThat(outcome.problems()).singleElement().satisfies(p -> {
      assertThat(p.file()).isEqualTo("thresholds.xlsx");
      assertThat(p.sheet()).isEqualTo("Thresholds");
      assertThat(p.row()).isEqualTo("DT-THRESHOLDS-002");
      assertThat(p.message()).contains("maxRestarts must be between 1 and 1000, but was 0");
    });
    assertThat(hg.policy().current().version()).isEqualTo(before);
    assertThat(crashLoopFourthRestart().reason()).isEqualTo("CHURN_LIMIT_REACHED");
  }

  @Test
  void shouldAuditActivationAndRejectionWithVersionAndActor() throws Exception {
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "maxRestarts", "5");
    ReloadOutcome ok = hg.policy().reload("alice");
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-002", "window", "soon");
    hg.policy().reload("bob");

    List<AuditEvent> events = hg.store().audit(AuditQuery.latest(10));

    assertThat(events).extracting(AuditEvent::type, AuditEvent::actor, AuditEvent::policyVersion)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(AuditType.POLICY_REJECTED, "bob", ok.version()),
            org.assertj.core.groups.Tuple.tuple(AuditType.POLICY_ACTIVATED, "alice", ok.version()));
    assertThat(events.get(0).detail().get("problems").toString()).contains("DT-THRESHOLDS-002", "window", "soon");
  }

  @Test
  void shouldNameRowAndCellOfACompileError() throws Exception {
    PolicyTables.setCell(tables.resolve("gates.xlsx"), "DT-GATES-015", "holdActive", "maybe");

    ReloadOutcome outcome = hg.policy().reload("carol");

    assertThat(outcome.rejected()).isTrue();
    assertThat(outcome.problems()).anySatisfy(p -> {
      assertThat(p.file()).isEqualTo("gates.xlsx");
      assertThat(p.row()).isEqualTo("DT-GATES-015");
    });
  }

  @Test
  void shouldRejectARowThatWouldRestartThroughAHold() throws Exception {
    PolicyTables.setCell(tables.resolve("gates.xlsx"), "DT-GATES-015", "action", "RESTART");

    ReloadOutcome outcome = hg.policy().reload("dave");

    assertThat(outcome.problems()).anySatisfy(p -> {
      assertThat(p.row()).isEqualTo("DT-GATES-015");
      assertThat(p.message()).contains("would restart through a hold");
    });
  }

  @Test
  void shouldRejectARowThatWouldRestartThroughAnOpenCircuit() throws Exception {
    PolicyTables.setCell(tables.resolve("gates.xlsx"), "DT-GATES-020", "action", "RESTART");

    ReloadOutcome outcome = hg.policy().reload("erin");

    assertThat(outcome.problems()).anySatisfy(p -> {
      assertThat(p.row()).isEqualTo("DT-GATES-020");
      assertThat(p.message()).contains("would restart through an open circuit");
    });
  }

  @Test
  void shouldRejectAMissingTier() throws Exception {
    PolicyTables.setCell(tables.resolve("thresholds.xlsx"), "DT-THRESHOLDS-003", "tier", "nightly");

    ReloadOutcome outcome = hg.policy().reload("frank");

    assertThat(outcome.problems()).extracting(PolicyProblem::message)
        .anySatisfy(m -> assertThat(m).contains("missing tier", "batch"));
  }

  @Test
  void shouldRejectARowWithoutAStableName() throws Exception {
    PolicyTables.setCell(tables.resolve("gates.xlsx"), "DT-GATES-011", "Row", "healthy");

    ReloadOutcome outcome = hg.policy().reload("gina");

    assertThat(outcome.problems()).anySatisfy(p -> {
      assertThat(p.row()).isEqualTo("healthy");
      assertThat(p.line()).isEqualTo(20);
      assertThat(p.message()).contains("stable name");
    });
  }

  @Test
  void shouldReportUnchangedWhenTheTablesHashTheSame() {
    ReloadOutcome outcome = hg.policy().reload("harry");

    assertThat(outcome.status()).isEqualTo(ReloadOutcome.Status.UNCHANGED);
  }

  @Test
  void shouldPickUpAnEditThroughTheFileWatch() throws Exception {
    Path thresholds = tables.resolve("thresholds.xlsx");
    PolicyTables.setCell(thresholds, "DT-THRESHOLDS-002", "maxRestarts", "4");
    // a later modification time, set explicitly: the watch sees the edit even if it landed in the same millisecond
    Files.setLastModifiedTime(thresholds, FileTime.fromMillis(Files.getLastModifiedTime(thresholds).toMillis() + 60_000));

    hg.policy().pollOnce(); // the watch notices the change and waits one interval: an editor may still be writing
    hg.policy().pollOnce(); // unchanged since: reloaded

    assertThat(hg.policy().current().thresholds(io.healguard.engine.health.Tier.STANDARD).maxRestarts()).isEqualTo(4);
    assertThat(hg.policy().lastOutcome().actor()).isEqualTo("file-watch");
  }

  @Test
  void shouldRefuseToStartOnABrokenTable() throws Exception {
    Path broken = Files.createTempDirectory(tables, "broken");
    PolicyTables.copyBundled(broken);
    PolicyTables.setCell(broken.resolve("thresholds.xlsx"), "DT-THRESHOLDS-001", "failures", "two");

    assertThatThrownBy(() -> new PolicyManager(broken, clock))
        .isInstanceOf(PolicyRejectedException.class)
        .hasMessageContaining("thresholds.xlsx, sheet Thresholds, row 9 (DT-THRESHOLDS-001)")
        .hasMessageContaining("failures must be a whole number, but was 'two'");
  }
}
