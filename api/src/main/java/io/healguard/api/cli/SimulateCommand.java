package io.healguard.api.cli;

import io.healguard.engine.json.Json;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.scenario.Scenario;
import io.healguard.engine.scenario.ScenarioParser;
import io.healguard.engine.scenario.Simulator;
import io.healguard.engine.scenario.StepResult;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.SyncMode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Replays a scenario through the real engine on the scenario's clock and prints one JSON object
 * per decision. Exit 1 when a step has expectations that the decision does not meet.
 */
@Command(
    name = "simulate",
    mixinStandardHelpOptions = true,
    description = "Run a scenario through the engine on its own clock; one JSON line per decision.")
public final class SimulateCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Parameters(index = "0", paramLabel = "SCENARIO", description = "scenario YAML file")
  Path scenario;

  @Option(names = "--tables", paramLabel = "DIR", defaultValue = "decision-tables",
      description = "decision tables directory (default: ${DEFAULT-VALUE})")
  Path tables;

  @Option(names = "--data", paramLabel = "DIR",
      description = "keep state in an embedded store in DIR (default: in memory only)")
  Path data;

  @Option(names = "--max-restarts-per-hour", defaultValue = "10",
      description = "the safety envelope (default: ${DEFAULT-VALUE})")
  int maxRestartsPerHour;

  @Override
  public Integer call() {
    Scenario sc = ScenarioParser.parse(scenario);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    StateStore store = data == null ? null : LocalStateStore.sqlite(data, SyncMode.NORMAL);
    List<StepResult> results = Simulator.run(sc, tables, new SafetyEnvelope(maxRestartsPerHour), store,
        r -> {
          out.println(Json.write(Simulator.toJson(r)));
          out.flush();
        });
    long failed = results.stream().filter(r -> !r.passed()).count();
    for (StepResult r : results) {
      if (!r.passed()) {
        err.println("step " + r.step().number() + " (" + r.decision().at() + ", " + r.decision().unit() + "): "
            + String.join("; ", r.mismatches()));
      }
    }
    return failed == 0 ? HealguardCommand.EXIT_OK : HealguardCommand.EXIT_FINDINGS;
  }
}
