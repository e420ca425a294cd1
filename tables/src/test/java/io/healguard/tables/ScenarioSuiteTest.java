package io.healguard.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.policy.Reasons;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.scenario.ScenarioParser;
import io.healguard.engine.scenario.Simulator;
import io.healguard.engine.scenario.StepResult;
import io.healguard.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every scenario under tables/src/test/resources/scenarios runs through the real engine and the
 * bundled tables; each step's expectations must hold. Together they must reach every reason code.
 */
class ScenarioSuiteTest {
  static Path dir() {
    return Fixtures.repoRoot().resolve("tables/src/test/resources/scenarios");
  }

  static List<Path> scenarios() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
    }
  }

  static PolicySnapshot policy;

  @BeforeAll
  static void compile() {
    policy = new PolicyCompiler(Clock.systemUTC()).compile(Fixtures.bundledTables());
  }

  static List<StepResult> run(Path file) {
    return Simulator.run(ScenarioParser.parse(file), policy, SafetyEnvelope.DEFAULT, null, null);
  }

  @TestFactory
  Stream<DynamicTest> everyScenarioMeetsItsExpectations() throws IOException {
    return scenarios().stream().map(file -> DynamicTest.dynamicTest(file.getFileName().toString(), () -> {
      List<StepResult> results = run(file);

      List<String> failures = results.stream().filter(r -> !r.passed())
          .map(r -> "step " + r.step().number() + " at " + r.decision().at() + ": " + r.mismatches()).toList();
      assertThat(failures).isEmpty();
      assertThat(results.stream().filter(r -> !r.step().expect().isEmpty())).isNotEmpty();
    }));
  }

  @Test
  void shouldReachEveryReasonCodeAcrossTheSuite() throws IOException {
    Set<String> reached = new TreeSet<>();

    for (Path file : scenarios()) {
      run(file).forEach(r -> reached.add(r.decision().reason()));
    }

    // STORE_UNAVAILABLE is the engine's answer to a failing store, which no scenario has
    assertThat(reached).containsAll(Reasons.ALL.stream().filter(r -> !r.equals(Reasons.STORE_UNAVAILABLE)).toList());
  }

  @Test
  void shouldRunTheBundledExampleScenario() {
    Path example = Fixtures.repoRoot().resolve("tables/src/main/resources/scenarios/crash-loop.yaml");

    List<StepResult> results = run(example);

    assertThat(results).allMatch(StepResult::passed);
    assertThat(results).extracting(r -> r.decision().reason()).contains("CIRCUIT_CLOSED");
  }
}
