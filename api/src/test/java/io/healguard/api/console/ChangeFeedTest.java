package io.healguard.api.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.Tier;
import io.healguard.engine.policy.UnitView;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class ChangeFeedTest {
  private static final long REFRESH = 200;

  private final List<UnitView> fleet = new ArrayList<>();
  private final AtomicInteger reads = new AtomicInteger();
  private final AtomicLong nanos = new AtomicLong(1_000);
  private Object alerts = List.of();
  private final ChangeFeed feed = new ChangeFeed(() -> {
    reads.incrementAndGet();
    return List.copyOf(fleet);
  }, () -> alerts, () -> Map.of("version", "v1"), nanos::get, REFRESH);

  @Test
  void shouldAnswerEverythingWithoutACursorAndNothingAfterItWhenNothingChanged() {
    fleet.add(view("a.service", Tier.STANDARD));
    fleet.add(view("b.service", Tier.CRITICAL));
    ChangeFeed.Changes first = feed.since(null);
    nanos.addAndGet(REFRESH);

    ChangeFeed.Changes second = feed.since(first.cursor());

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
    String cursor = feed.since(null).cursor();
    fleet.set(1, view("b.service", Tier.CRITICAL));
    alerts = List.of("b.service CIRCUIT_OPEN");
    nanos.addAndGet(REFRESH);

    ChangeFeed.Changes c = feed.since(cursor);

    assertThat(c.units()).extracting(UnitView::tier).containsExactly(Tier.CRITICAL);
    assertThat(c.alerts()).isEqualTo(List.of("b.service CIRCUIT_OPEN"));
  }

  @Test
  void shouldReadTheFleetOncePerRefreshIntervalHoweverManyPagesAsk() {
    fleet.add(view("a.service", Tier.STANDARD));

    for (int page = 0; page < 10; page++) {
      feed.since(null);
    }
    // the interval has passed: the next page's question reads the fleet again
    nanos.addAndGet(REFRESH);
    feed.since(null);

    assertThat(reads.get()).isEqualTo(2);
  }

  @Test
  void shouldAnswerEverythingForACursorOfAnotherProcess() {
    fleet.add(view("a.service", Tier.STANDARD));

    ChangeFeed.Changes c = feed.since("00000000.5");

    assertThat(c.full()).isTrue();
    assertThat(c.units()).hasSize(1);
  }

  @Test
  void shouldRefuseACursorThatIsNotOneWithTheFieldNamed() {
    assertThatThrownBy(() -> feed.since("yesterday"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("cursor").hasMessageContaining("yesterday");
  }

  private static UnitView view(String unit, Tier tier) {
    return new UnitView(unit, tier, List.of(), null, null, null, null, List.of(), null);
  }
}
