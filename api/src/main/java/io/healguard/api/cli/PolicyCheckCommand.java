package io.healguard.api.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healguard.engine.policycheck.CheckReport;
import io.healguard.engine.policycheck.PolicyCheck;
import io.healguard.engine.json.Json;
import io.healguard.engine.policy.SafetyEnvelope;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The validation gate: every table finding with file, sheet and row, then the scenario suite.
 * Exit 0 only when there is no finding and every scenario passes.
 */
@Command(
    name = "check",
    mixinStandardHelpOptions = true,
    description = {
      "Check decision tables before they go live, then run the scenario suite.",
      "Findings name file, sheet and row: compile errors, missing tiers, numbers out of",
      "range, rows that could restart through a hold or an open circuit, rows never",
      "reached, rows that tie at the same priority with different actions, rows without",
      "a name or a runbook link.",
      "Exit 0: all pass. 1: findings or failing scenarios. 2: usage error."
    })
public final class PolicyCheckCommand implements Callable<Integer> {
  /** The suite in a source checkout; used when --scenarios is not given and it exists. */
  static final Path DEFAULT_SCENARIOS = Path.of("tables", "src", "test", "resources", "scenarios");

  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--tables", paramLabel = "DIR", defaultValue = "decision-tables",
      description = "decision tables directory (default: ${DEFAULT-VALUE})")
  Path tables;

  @Option(names = "--scenarios", paramLabel = "DIR",
      description = "scenario YAML directory (default: tables/src/test/resources/scenarios when it exists)")
  Path scenarios;

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
  PolicyCommand.Format format;

  @Option(names = "--max-restarts-per-hour", defaultValue = "10",
      description = "safety envelope for scenarios that set none (default: ${DEFAULT-VALUE})")
  int maxRestartsPerHour;

  @Override
  public Integer call() {
    Path suite = scenarios != null ? scenarios : Files.isDirectory(DEFAULT_SCENARIOS) ? DEFAULT_SCENARIOS : null;
    Path root = tables.toAbsolutePath().normalize().getParent();
    // runbook links in the tables are relative to the checkout; check them only where the runbook is
    Path linkBase = root != null && Files.isDirectory(root.resolve("runbook")) ? root : null;
    CheckReport report = new PolicyCheck(Clock.systemUTC(), new SafetyEnvelope(maxRestartsPerHour))
        .run(tables, suite, linkBase);
    PrintWriter out = spec.commandLine().getOut();
    if (format == PolicyCommand.Format.json) {
      ObjectNode n = Json.MAPPER.valueToTree(report);
      n.put("passed", report.passed());
      out.println(Json.write(n));
    } else {
      out.print(report.toText());
    }
    out.flush();
    return report.passed() ? HealguardCommand.EXIT_OK : HealguardCommand.EXIT_FINDINGS;
  }
}
