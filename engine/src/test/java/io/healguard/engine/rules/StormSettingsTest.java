package io.healguard.engine.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/**
 * The storm check stops counting DOWN units at {@link StormSettings#unitsNeeded}: that is only
 * right if the storm verdict turns true exactly there and stays true above it, for every setting.
 */
class StormSettingsTest {

  @Property(tries = 3000)
  void shouldTurnIntoAStormExactlyAtUnitsNeeded(
      @ForAll @IntRange(min = 2, max = 10_000) int minUnits,
      @ForAll @IntRange(min = 1, max = 100) int minPercent,
      @ForAll @IntRange(min = 0, max = 20_000) int knownUnits,
      @ForAll @IntRange(min = 1, max = 20_000) int downUnits) {
    StormSettings s = new StormSettings(minUnits, minPercent, Duration.ofMinutes(5), "DT-THRESHOLDS-STORM");
    int needed = s.unitsNeeded(knownUnits);

    // as the engine asks: the known units are never fewer than those counted DOWN
    boolean storm = s.isStorm(downUnits, Math.max(knownUnits, downUnits));

    assertThat(storm).as("storm with %d DOWN of %d known, %d needed", downUnits, knownUnits, needed)
        .isEqualTo(downUnits >= needed);
  }

  @Property(tries = 200)
  void shouldNeedTheMinimumOrThePercentWhicheverIsMore(
      @ForAll @IntRange(min = 0, max = 20_000) int knownUnits) {
    StormSettings s = new StormSettings(5, 20, Duration.ofMinutes(5), "DT-THRESHOLDS-STORM");

    assertThat(s.unitsNeeded(knownUnits)).isEqualTo(Math.max(5, (int) Math.ceil(knownUnits * 0.2)));
  }
}
