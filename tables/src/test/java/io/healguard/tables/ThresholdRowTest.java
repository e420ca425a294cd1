package io.healguard.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.health.Tier;
import io.healguard.engine.rules.StormSettings;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.testing.Fixtures;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The bundled thresholds rows reproduce runbook v1 exactly, one case per row. */
class ThresholdRowTest {
  static PolicySnapshot policy;

  @BeforeAll
  static void compile() {
    policy = new PolicyCompiler(Clock.systemUTC()).compile(Fixtures.bundledTables());
  }

  @ParameterizedTest(name = "{0}: {1}")
  @CsvSource({
    // row,              tier,     failures, base, cap,  max, window, cooloff, cooloffCap, stable
    "DT-THRESHOLDS-001, CRITICAL, 2, PT30S, PT5M,  5, PT15M, PT10M, PT1H, PT5M",
    "DT-THRESHOLDS-002, STANDARD, 3, PT60S, PT10M, 3, PT15M, PT30M, PT2H, PT10M",
    "DT-THRESHOLDS-003, BATCH,    3, PT5M,  PT30M, 2, PT60M, PT2H,  PT8H, PT10M",
  })
  void shouldReadTierThresholdsFromItsRow(String row, Tier tier, int failures, Duration base, Duration cap,
      int max, Duration window, Duration cooloff, Duration cooloffCap, Duration stable) {
    Thresholds expected = new Thresholds(tier, failures, base, cap, max, window, cooloff, cooloffCap, stable, row);

    Thresholds actual = policy.thresholds(tier);

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void shouldReadFleetStormFromItsRow() {
    StormSettings expected = new StormSettings(3, 30, Duration.ofMinutes(2), "DT-STORM-001");

    StormSettings actual = policy.storm();

    assertThat(actual).isEqualTo(expected);
  }

  @Test
  void shouldDoubleCooldownPerRestartUpToItsCap() {
    Thresholds standard = policy.thresholds(Tier.STANDARD);

    assertThat(standard.cooldownAfter(1)).isEqualTo(Duration.ofSeconds(60));
    assertThat(standard.cooldownAfter(2)).isEqualTo(Duration.ofMinutes(2));
    assertThat(standard.cooldownAfter(4)).isEqualTo(Duration.ofMinutes(8));
    assertThat(standard.cooldownAfter(5)).isEqualTo(Duration.ofMinutes(10));
    assertThat(standard.cooldownAfter(30)).isEqualTo(Duration.ofMinutes(10));
  }
}
