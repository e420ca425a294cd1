package io.healguard.engine.policy;

import static io.healguard.engine.testing.Reports.down;
import static io.healguard.engine.testing.Reports.hold;
import static io.healguard.engine.testing.Reports.override;
import static io.healguard.engine.testing.Reports.up;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.health.Tier;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.PolicyTables;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The state machine around the tables: explanation, hard guards, durability and fail-safety. */
class RecoveryEngineTest {
  static PolicySnapshot bundled;
  static PolicySnapshot noSafetyRow;
  MutableClock clock = MutableClock.at("2026-03-01T12:00:00Z");
  @TempDir Path data;

  @BeforeAll
  static void compile(@TempDir Path tables) throws Exception {
    bundled = new PolicyCompiler(java.time.Clock.systemUTC()).compile(io.healguard.engine.testing.Fixtures.bundledTables());
    // an operator's edit that deletes the safety row: the engine's envelope must still hold
    List<PolicyTables.GateRow> rows = new ArrayList<>(PolicyTables.defaultGates());
    rows.removeIf(r -> r.name().equals("DT-GATES-025"));
    PolicyTables.writeGates(tables.resolve("gates.xlsx"), rows);
    PolicyTables.writeThresholds(tables.resolve("thresholds.xlsx"), PolicyTables.defaultThresholds(), PolicyTables.defaultStorm());
    noSafetyRow = new PolicyCompiler(java.time.Clock.systemUTC()).compile(tables);
  }

  RecoveryEngine engine(PolicySnapshot p, StateStore store, int maxPerHour, UnitProfile... units) {
    return new RecoveryEngine(() -> p, store, clock, new SafetyEnvelope(maxPerHour), List.of(units));
  }

  /** DOWN reports until one is eligible: the tier's failure threshold. */
  static Decision eligibleDown(RecoveryEngine e, String unit, int failures) {
    Decision d = null;
    for (int i = 0; i < failures; i++) d = e.decide(down(unit));
    return d;
  }

  @Test
  void shouldShowAUnitThatAnotherReplicaStoredAfterThisOneStarted() {
    StateStore shared = LocalStateStore.memory();
    RecoveryEngine here = engine(bundled, shared, 10);
    RecoveryEngine there = engine(bundled, shared, 10);

    eligibleDown(there, "late.service", 3);

    assertThat(here.views()).extracting(UnitView::unit).containsExactly("late.service");
    assertThat(here.view("late.service")).get()
        .satisfies(v -> assertThat(v.state().restartsInWindow()).isEqualTo(1));
    assertThat(here.view("never.service")).isEmpty();
  }

  @Test
  void shouldExplainARestartWithRowVersionCountersAndNextAllowedTime() {
    RecoveryEngine e = engine(bundled, LocalStateStore.memory(), 10);

    Decision d = eligibleDown(e, "api.service", 3);

    assertThat(d.action()).isEqualTo(Action.RESTART);
    assertThat(d.reason()).isEqualTo("RESTART_PERMITTED");
    assertThat(d.rule()).isEqualTo("DT-GATES-026");
    assertThat(d.policyVersion()).isEqualTo(bundled.version()).hasSize(64);
    assertThat(d.recommendation()).isEqualTo(new Recommendation("WATCH_RECOVERY",
        "Restart allowed: watch the unit come back with systemctl status.", "runbook/RESTART_PERMITTED.md"));
    assertThat(d.state().restartsInWindow()).isEqualTo(1);
    assertThat(d.state().maxRestarts()).isEqualTo(3);
    assertThat(d.state().window()).isEqualTo("15m");
    assertThat(d.state().cooldownUntil()).isEqualTo(clock.instant().plusSeconds(60));
    assertThat(d.state().nextRestartAllowedAt()).isEqualTo(clock.instant().plusSeconds(60));
  }

  @Test
  void shouldBlockThroughTheEnvelopeWhenTheTableLostItsSafetyRow() {
    RecoveryEngine e = engine(noSafetyRow, LocalStateStore.memory(), 2);
    eligibleDown(e, "api.service", 3);
    clock.advance(Duration.ofMinutes(2)); // past the first cooldown (60s)
    eligibleDown(e, "api.service", 3);
    clock.advance(Duration.ofMinutes(3)); // past the second cooldown (2m)

    Decision third = eligibleDown(e, "api.service", 3);

    assertThat(third.action()).isEqualTo(Action.BLOCK);
    assertThat(third.reason()).isEqualTo("SAFETY_ENVELOPE");
    assertThat(third.rule()).isEqualTo(Guards.GUARD_SAFETY);
    assertThat(third.state().restartsInWindow()).isEqualTo(2);
  }

  @Test
  void shouldLetAnOperatorForceThroughHoldAndEnvelope() {
    RecoveryEngine e = engine(bundled, LocalStateStore.memory(), 1);
    eligibleDown(e, "api.service", 3);
    e.decide(hold("api.service", Duration.ofMinutes(30)));

    Decision forced = e.decide(override("api.service", OverrideMode.FORCE_RESTART));

    assertThat(forced.action()).isEqualTo(Action.RESTART);
    assertThat(forced.reason()).isEqualTo("MANUAL_FORCE");
    assertThat(forced.state().restartsInWindow()).isEqualTo(2);
  }

  @Test
  void shouldAuditTheHoldExpiryOnceWithWhoSetIt() {
    StateStore store = LocalStateStore.memory();
    RecoveryEngine e = engine(bundled, store, 10);
    e.decide(hold("api.service", Duration.ofMinutes(10)));
    clock.advance(Duration.ofMinutes(10)); // the hold's expiry

    int expired = e.expireHolds();
    int again = e.expireHolds();

    assertThat(expired).isEqualTo(1);
    assertThat(again).isZero();
    List<AuditEvent> events = store.audit(new AuditQuery("api.service", AuditType.HOLD_EXPIRED, null, 10));
    assertThat(events).singleElement().satisfies(ev -> {
      assertThat(ev.at()).isEqualTo(Instant.parse("2026-03-01T12:10:00Z"));
      assertThat(ev.detail()).containsEntry("setBy", "alice").containsEntry("holdReason", "investigating");
    });
    assertThat(e.view("api.service").orElseThrow().hold()).isNull();
  }

  @Test
  void shouldNeverRestartWhenTheStoreCannotMakeItDurable() {
    StateStore store = LocalStateStore.sqlite(data, SyncMode.NORMAL);
    RecoveryEngine e = engine(bundled, store, 10);
    e.decide(down("api.service"));
    e.decide(down("api.service"));
    store.close(); // the disk is gone: nothing can be acknowledged

    Decision d = e.decide(down("api.service"));

    assertThat(d.action()).isEqualTo(Action.BLOCK);
    assertThat(d.reason()).isEqualTo("STORE_UNAVAILABLE");
    assertThat(d.rule()).isEqualTo(Guards.GUARD_STORE);
    assertThat(d.state().restartsInWindow()).isZero();
  }

  @Test
  void shouldKeepTheChurnWindowAcrossOurOwnRestart() {
    StateStore first = LocalStateStore.sqlite(data, SyncMode.FULL);
    RecoveryEngine e = engine(bundled, first, 10);
    for (int restart = 0; restart < 3; restart++) {
      eligibleDown(e, "api.service", 3);
      clock.advance(Duration.ofMinutes(4)); // past each cooldown, inside the window
    }
    first.close();

    RecoveryEngine reopened = engine(bundled, LocalStateStore.sqlite(data, SyncMode.FULL), 10);
    Decision d = eligibleDown(reopened, "api.service", 3);

    assertThat(d.action()).isEqualTo(Action.ESCALATE);
    assertThat(d.reason()).isEqualTo("CHURN_LIMIT_REACHED");
    assertThat(reopened.decide(down("api.service")).reason()).isEqualTo("CIRCUIT_OPEN");
  }

  @Test
  void shouldNotWriteForASteadyStreamOfUpReports() {
    StateStore store = LocalStateStore.sqlite(data, SyncMode.FULL);
    RecoveryEngine e = engine(bundled, store, 10);
    e.decide(up("api.service")); // first UP: upSince is set, which is stored

    for (int i = 0; i < 50; i++) {
      clock.advance(Duration.ofSeconds(5));
      e.decide(up("api.service"));
    }

    assertThat(e.view("api.service").orElseThrow().lastReport().at())
        .as("the view still shows the latest report").isEqualTo(clock.instant());
    StateStore reopened = reopen(store);
    assertThat(reopened.unit("api.service").orElseThrow().lastReport().at())
        .as("the stored report is the first one: later identical UPs were not written")
        .isEqualTo(Instant.parse("2026-03-01T12:00:00Z"));
  }

  private StateStore reopen(StateStore s) {
    s.close();
    return LocalStateStore.sqlite(data, SyncMode.FULL);
  }

  @Test
  void shouldUseTheTierOfTheUnitProfile() {
    RecoveryEngine e = engine(bundled, LocalStateStore.memory(), 10,
        new UnitProfile("db.service", Tier.CRITICAL, List.of()));

    Decision d = eligibleDown(e, "db.service", 2);

    assertThat(d.action()).isEqualTo(Action.RESTART);
    assertThat(d.state().maxRestarts()).isEqualTo(5);
  }

  @Test
  void shouldRejectAHoldLongerThanADayWithTheFieldNamed() {
    assertThatThrownBy(() -> hold("api.service", Duration.ofHours(25)))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("ttl must be between 1s and 24h, but was '1d1h'");
  }

  @Test
  void shouldRejectAnInvalidUnitName() {
    assertThatThrownBy(() -> down("api service"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unit must be made of A-Z a-z 0-9");
  }

  @Test
  void shouldShowTheHalfOpenStateOnceTheCooloffIsOver() {
    RecoveryEngine e = engine(bundled, LocalStateStore.memory(), 10);
    for (int restart = 0; restart < 3; restart++) {
      eligibleDown(e, "api.service", 3);
      clock.advance(Duration.ofMinutes(4));
    }
    Decision escalated = eligibleDown(e, "api.service", 3);
    clock.advance(Duration.ofMinutes(30)); // the standard cool-off

    UnitView v = e.view("api.service").orElseThrow();

    assertThat(escalated.state().circuit()).isEqualTo(CircuitState.OPEN);
    assertThat(v.state().circuit()).isEqualTo(CircuitState.HALF_OPEN);
    assertThat(v.state().nextRestartAllowedAt()).isEqualTo(clock.instant());
  }
}
