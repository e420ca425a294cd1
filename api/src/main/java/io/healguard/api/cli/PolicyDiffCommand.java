package io.healguard.api.cli;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.Tier;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.json.Json;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.whatif.DiffReport;
import io.healguard.engine.whatif.PolicyDiff;
import io.healguard.engine.whatif.Replay;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Replays a scenario or an audit export through two policies and prints the decisions that
 * differ, then totals per action. Exit 0 when nothing differs, 1 when something does (like
 * diff(1)), 2 on usage errors or when either policy is rejected.
 */
@Command(
    name = "diff",
    mixinStandardHelpOptions = true,
    description = {
      "Replay a scenario, or the inputs of an audit export (JSON lines), through two",
      "policies on one clock; print where they decide differently, then totals per action.",
      "An audit replay is partial: only acting or state-changing decisions are audited.",
      "Exit 0: no difference. 1: differences. 2: usage error or a policy is rejected."
    })
public final class PolicyDiffCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--from", paramLabel = "DIR", required = true, description = "tables in force (the old policy)")
  Path from;

  @Option(names = "--to", paramLabel = "DIR", required = true, description = "candidate tables (the new policy)")
  Path to;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Source source;

  static final class Source {
    @Option(names = "--scenario", paramLabel = "FILE", description = "scenario YAML to replay")
    Path scenario;

    @Option(names = "--audit", paramLabel = "FILE",
        description = "audit export to replay (GET /api/v1/audit?format=jsonl)")
    Path audit;
  }

  @Option(names = "--unit", paramLabel = "NAME=TIER",
      description = "tier of a unit in an audit replay (repeatable; others are standard)")
  List<String> unitTiers = new ArrayList<>();

  @Option(names = "--format", defaultValue = "text", description = "text or json (default: ${DEFAULT-VALUE})")
  PolicyCommand.Format format;

  @Option(names = "--max-restarts-per-hour", defaultValue = "10",
      description = "safety envelope when the scenario sets none (default: ${DEFAULT-VALUE})")
  int maxRestartsPerHour;

  @Override
  public Integer call() {
    for (Path dir : List.of(from, to)) {
      if (!Files.isDirectory(dir)) {
        throw InvalidInputException.field("--from/--to", dir.toString(), "a directory of decision tables");
      }
    }
    Replay replay = source.scenario != null ? Replay.ofScenario(source.scenario) : Replay.ofAudit(source.audit, units());
    DiffReport report = PolicyDiff.run(from, to, replay, new SafetyEnvelope(maxRestartsPerHour));
    PrintWriter out = spec.commandLine().getOut();
    if (format == PolicyCommand.Format.json) {
      out.println(Json.write(report));
    } else {
      out.print(report.toText());
    }
    out.flush();
    return report.differences().isEmpty() ? HealguardCommand.EXIT_OK : HealguardCommand.EXIT_FINDINGS;
  }

  private List<UnitProfile> units() {
    List<UnitProfile> out = new ArrayList<>();
    for (String u : unitTiers) {
      String[] kv = u.split("=", 2);
      if (kv.length != 2) {
        throw InvalidInputException.field("--unit", u, "NAME=TIER, e.g. api.service=critical");
      }
      out.add(new UnitProfile(kv[0].trim(), Tier.parse("--unit " + kv[0].trim(), kv[1]), List.of()));
    }
    return out;
  }
}
