package io.healguard.engine.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.policy.Input;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

class ScenarioParserTest {
  @Test
  void shouldExpandRepeatedStepsOnTheirOwnTimes() {
    Scenario sc = ScenarioParser.parse("t", """
        units: [{name: api.service, tier: critical}]
        steps:
          - {at: 1m, report: {unit: api.service, status: DOWN}, repeat: 3, every: 30s}
          - {at: 3m, override: {unit: api.service, mode: HOLD, ttl: 30m, actor: alice, reason: x}}
        """);

    assertThat(sc.steps()).extracting(Step::at).containsExactly(
        Duration.ofSeconds(60), Duration.ofSeconds(90), Duration.ofSeconds(120), Duration.ofMinutes(3));
    assertThat(sc.steps().get(3).input()).isInstanceOf(Input.OperatorOverride.class);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      unknown status     | - {at: 0s, report: {unit: a.service, status: SICK}}                    | step 1 (at 0s): report.status must be one of UP, DEGRADED, DOWN, but was 'SICK'
      bad unit name      | - {at: 0s, report: {unit: 'a service', status: UP}}                    | step 1 (at 0s): unit must be made of
      time goes back     | - {at: 5m, report: {unit: a.service, status: UP}}\\n  - {at: 1m, report: {unit: a.service, status: UP}} | step 2 (at 1m): at must not go back in time
      two inputs         | - {at: 0s, report: {unit: a.service, status: UP}, drift_clear: {unit: a.service}} | step 1 (at 0s): needs exactly one of report, override, drift, drift_clear
      hold over 24h      | - {at: 0s, override: {unit: a.service, mode: HOLD, ttl: 25h, actor: a, reason: r}} | step 1 (at 0s): ttl must be between 1s and 24h
      missing reason     | - {at: 0s, override: {unit: a.service, mode: RESET, actor: a}}        | step 1 (at 0s): reason must be a short text
      bad duration       | - {at: soon, report: {unit: a.service, status: UP}}                    | step 1 (at soon): at must be a duration such as 30s, 5m or 1h30m, but was 'soon'
      unknown key        | - {at: 0s, report: {unit: a.service, status: UP, color: red}}          | step 1 (at 0s): report has an unknown key 'color'
      bad drift severity | - {at: 0s, drift: {unit: a.service, severity: fatal, kind: x}}        | step 1 (at 0s): drift.severity must be one of error, warning, but was 'fatal'
      """)
  void shouldNameTheStepAndFieldOfAMalformedScenario(String name, String steps, String message) {
    String yaml = "steps:\n  " + steps.replace("\\n", "\n");

    assertThatThrownBy(() -> ScenarioParser.parse("t", yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith(message);
  }
}
