package io.healguard.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.Tier;
import io.healguard.engine.policy.UnitView;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.decision.UnitSnapshot;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {
  private static final long REFRESH = 200;
  private static final Instant NOW = Instant.parse("2026-01-01T12:00:00Z");

  private final List<UnitView> fleet = new ArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong(1_000);
  private Object alerts = List.of();
  private final ChangeFeed feed = new ChangeFeed(() -> {
    reads.incrementAndGet();
    return List.copyOf(fleet);
  }, () -> alerts, () -> Map.of("version", "v1"), Clock.fixed(NOW, ZoneOffset.UTC), nanos::get, REFRESH);

  @Test
  void shouldAnswerEverythingWithoutACursorAndNothingAfterItWhenNothingChanged() {
    fleet.add(view("a.service", Tier.STANDARD));
    fleet.add(view("b.service", Tier.CRITICAL));
    ChangeFeed.Changes first = feed.since(null, 100);
    nanos.addAndGet(REFRESH);

    ChangeFeed.Changes second = feed.since(first.cursor(), 100);

    assertThat(first.full()).isTrue();
    assertThat(first.units()).extracting(UnitView::unit).containsExactly("a.service", "b.service");
    assertThat(first.policy()).isEqualTo(Map.of("version", "v1"));
    assertThat(second.full()).isFalse();
    assertThat(second.units()).isEmpty();
    assertThat(second.alerts()).isNull();
    assertThat(second.policy()).isNull();
  }

  @Test
  void shouldAnswerOnlyTheUnitThatChangedSinceTheCursor() {
    fleet.add(view("a.service", Tier.STANDARD));
    fleet.add(view("b.service", Tier.STANDARD));
    String cursor = feed.since(null, 100).cursor();
    fleet.set(1, view("b.service", Tier.CRITICAL));
    alerts = List.of("b.service CIRCUIT_OPEN");
    nanos.addAndGet(REFRESH);

    ChangeFeed.Changes c = feed.since(cursor, 100);

    assertThat(c.units()).extracting(UnitView::tier).containsExactly(Tier.CRITICAL);
    assertThat(c.alerts()).isEqualTo(List.of("b.service CIRCUIT_OPEN"));
  }

  @Test
  void shouldNotCountTheSameReportAgainNorANextRestartOfNowAsAChange() {
    fleet.add(healthy("a.service", NOW.minusSeconds(10), NOW.minusSeconds(10)));
    String cursor = feed.since(null, 100).cursor();
    // ten seconds later the watchdog says UP again; nothing blocks a restart, so "next" is now
    fleet.set(0, healthy("a.service", NOW, NOW));
    nanos.addAndGet(REFRESH);

    ChangeFeed.Changes c = feed.since(cursor, 100);
    ChangeFeed.Changes full = feed.since(null, 100);

    assertThat(c.units()).isEmpty();
    assertThat(full.units().get(0).lastReport().at()).isEqualTo(NOW);
  }

  @Test
  void shouldCountAStatusChangeAsAChange() {
    fleet.add(healthy("a.service", NOW.minusSeconds(10), NOW.minusSeconds(10)));
    String cursor = feed.since(null, 100).cursor();
    fleet.set(0, new UnitView("a.service", Tier.STANDARD, List.of(),
        new LastReport(HealthStatus.DOWN, NOW, NOW, "watchdog", null, null, null), null, snapshot(NOW), null, List.of(), null));
    nanos.addAndGet(REFRESH);

    ChangeFeed.Changes c = feed.since(cursor, 100);

    assertThat(c.units()).extracting(v -> v.lastReport().status()).containsExactly(HealthStatus.DOWN);
  }

  @Test
  void shouldSendAtMostTheLimitAndTheRestFromTheNextCursor() {
    fleet.add(view("a.service", Tier.STANDARD));
    fleet.add(view("b.service", Tier.STANDARD));
    fleet.add(view("c.service", Tier.STANDARD));

    ChangeFeed.Changes first = feed.since(null, 2);
    ChangeFeed.Changes rest = feed.since(first.cursor(), 2);

    assertThat(first.more()).isTrue();
    assertThat(first.units()).hasSize(2);
    assertThat(rest.more()).isFalse();
    assertThat(rest.units()).hasSize(1);
    assertThat(java.util.stream.Stream.concat(first.units().stream(), rest.units().stream()).map(UnitView::unit))
        .containsExactlyInAnyOrder("a.service", "b.service", "c.service");
  }

  @Test
  void shouldReadTheFleetOncePerRefreshIntervalHoweverManyPagesAsk() {
    fleet.add(view("a.service", Tier.STANDARD));

    for (int page = 0; page < 10; page++) {
      feed.since(null, 100);
    }
    // the interval has passed: the next page's question reads the fleet again
    nanos.addAndGet(REFRESH);
    feed.since(null, 100);

    assertThat(reads.get()).isEqualTo(2);
  }

  @Test
  void shouldAnswerEverythingForACursorOfAnotherProcess() {
    fleet.add(view("a.service", Tier.STANDARD));

    ChangeFeed.Changes c = feed.since("00000000.5", 100);

    assertThat(c.full()).isTrue();
    assertThat(c.units()).hasSize(1);
  }

  @Test
  void shouldRefuseACursorThatIsNotOneWithTheFieldNamed() {
    assertThatThrownBy(() -> feed.since("yesterday", 100))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cursor").hasMessageContaining("yesterday");
  }

  private static UnitView healthy(String unit, Instant reportAt, Instant next) {
    return new UnitView(unit, Tier.STANDARD, List.of(), new LastReport(HealthStatus.UP, reportAt, reportAt, "watchdog", null, null, null),
        null, snapshot(next), null, List.of(), null);
  }

  private static UnitSnapshot snapshot(Instant next) {
    return new UnitSnapshot(CircuitState.CLOSED, null, null, null, 0, 5, "15m", false, null, 0, next, 0, 0, null, 0);
  }

  private static UnitView view(String unit, Tier tier) {
    return new UnitView(unit, tier, List.of(), null, null, null, null, List.of(), null);
  }
}
