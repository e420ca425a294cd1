package io.healguard.engine.policy;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.health.Tier;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.Reports;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.BeforeContainer;
import net.jqwik.api.statistics.Statistics;

/**
 * Invariants over random report streams (statuses, overrides, time gaps): whatever arrives, the
 * engine never permits more restarts in the churn window than the policy allows (the window
 * counts every restart since the circuit last closed or an operator reset it), never more than
 * the safety envelope in any hour (resets notwithstanding), and never a policy restart during a
 * hold.
 */
class RestartInvariantPropertyTest {
  static PolicySnapshot policy;
  static final String UNIT = "api.service";

  @BeforeContainer
  static void compile() {
    policy = new PolicyCompiler(java.time.Clock.systemUTC()).compile(Fixtures.bundledTables());
  }

  record Event(int gapSeconds, String kind) {}

  @Provide
  Arbitrary<List<Event>> streams() {
    Arbitrary<String> kind = Arbitraries.frequency(
        net.jqwik.api.Tuple.of(60, "DOWN"), net.jqwik.api.Tuple.of(15, "UP"), net.jqwik.api.Tuple.of(8, "DEGRADED"),
        net.jqwik.api.Tuple.of(3, "HOLD"), net.jqwik.api.Tuple.of(3, "RELEASE"), net.jqwik.api.Tuple.of(2, "FORCE"),
        net.jqwik.api.Tuple.of(1, "RESET"));
    Arbitrary<Integer> gap = Arbitraries.frequency(
        net.jqwik.api.Tuple.of(70, Arbitraries.integers().between(0, 30)),
        net.jqwik.api.Tuple.of(25, Arbitraries.integers().between(30, 600)),
        net.jqwik.api.Tuple.of(5, Arbitraries.integers().between(600, 7200))).flatMap(a -> a);
    return Combinators.combine(gap, kind).as(Event::new).list().ofMinSize(20).ofMaxSize(300);
  }

  @Property(tries = 60)
  void restartsStayWithinWindowEnvelopeAndHolds(@ForAll("streams") List<Event> events, @ForAll Tier tier) {
    MutableClock clock = MutableClock.at("2026-03-01T00:00:00Z");
    SafetyEnvelope envelope = new SafetyEnvelope(4);
    RecoveryEngine e = new RecoveryEngine(() -> policy, LocalStateStore.memory(), clock, envelope,
        List.of(new UnitProfile(UNIT, tier, List.of())));
    Thresholds th = policy.thresholds(tier);
    List<Instant> windowRestarts = new ArrayList<>();
    List<Instant> allRestarts = new ArrayList<>();
    int policyRestarts = 0;
    for (Event ev : events) {
      clock.advance(Duration.ofSeconds(ev.gapSeconds()));
      boolean holdBefore = e.view(UNIT).map(v -> v.hold() != null).orElse(false);

      Decision d = e.decide(input(ev.kind()));

      if (d.reason().equals("MANUAL_RESET") || d.reason().equals("CIRCUIT_CLOSED")) windowRestarts.clear();
      if (d.action() != Action.RESTART) continue;
      allRestarts.add(d.at());
      windowRestarts.add(d.at());
      if (d.reason().equals("MANUAL_FORCE")) continue;
      policyRestarts++;
      assertThat(holdBefore).as("policy restart at %s during a hold", d.at()).isFalse();
      long perHour = allRestarts.stream().filter(r -> r.isAfter(d.at().minus(Duration.ofHours(1)))).count();
      assertThat(perHour).as("restarts in the hour before %s", d.at()).isLessThanOrEqualTo(envelope.maxRestartsPerHour());
      if (d.reason().equals("RESTART_PERMITTED")) {
        long inWindow = windowRestarts.stream().filter(r -> r.isAfter(d.at().minus(th.window()))).count();
        assertThat(inWindow).as("restarts in the window before %s", d.at()).isLessThanOrEqualTo(th.maxRestarts());
      }
    }
    // the bounds above hold vacuously for a stream the policy never restarted on: count those
    Statistics.label("policy restarts").collect(policyRestarts > 0 ? "some" : "none");
    Statistics.label("policy restarts").coverage(c -> c.check("some").percentage(p -> p >= 50.0));
  }

  private static Input input(String kind) {
    return switch (kind) {
      case "DOWN" -> Reports.down(UNIT);
      case "UP" -> Reports.up(UNIT);
      case "DEGRADED" -> Reports.degraded(UNIT);
      case "HOLD" -> Reports.hold(UNIT, Duration.ofMinutes(20));
      case "RELEASE" -> Reports.override(UNIT, OverrideMode.RELEASE);
      case "FORCE" -> Reports.override(UNIT, OverrideMode.FORCE_RESTART);
      default -> Reports.override(UNIT, OverrideMode.RESET);
    };
  }
}
