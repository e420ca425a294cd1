package io.healguard.engine.policycheck;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.policycheck.internal.CompileErrors;
import io.healguard.engine.policycheck.internal.TableAnalysis;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicyProblem;
import io.healguard.engine.rules.PolicyRejectedException;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.table.CauseRules;
import io.healguard.engine.rules.table.TableSheet;
import io.healguard.engine.rules.table.TableSource;
import io.healguard.engine.scenario.Scenario;
import io.healguard.engine.scenario.ScenarioParser;
import io.healguard.engine.scenario.Simulator;
import io.healguard.engine.scenario.StepResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The validation gate operators run before a table edit goes live: everything the engine's
 * reload rejects, plus what the reload only warns about or cannot see. A row no situation
 * reaches is an error here (the reload keeps it a warning so that a live policy is never
 * refused for dead rows); two rows that tie at the same salience with different actions are an
 * error (the winner would be Drools' choice, not the operator's). Then every scenario of the
 * suite runs against the tables and each step's {@code expect:} is compared.
 *
 * <p>Adding a check: give it a {@link FindingKind}, produce {@link Finding}s naming file, sheet
 * and row, and add a bad table for it to the gate tests in {@code tables/}.
 */
public final class PolicyCheck {
  private final Clock clock;
  private final SafetyEnvelope envelope;

  /** @param envelope the safety envelope for scenarios that do not set their own */
  public PolicyCheck(Clock clock, SafetyEnvelope envelope) {
    this.clock = clock;
    this.envelope = envelope;
  }

  /**
   * @param scenarios a directory of scenario YAML files, or null to skip the suite
   * @param linkBase the directory runbook links in the tables are relative to (the repository
   *     root), or null to skip checking that they lead to a file
   */
  public CheckReport run(Path tables, Path scenarios, Path linkBase) {
    if (!Files.isDirectory(tables)) {
      throw InvalidInputException.field("--tables", tables.toString(), "a directory of decision tables");
    }
    if (scenarios != null && !Files.isDirectory(scenarios)) {
      throw InvalidInputException.field("--scenarios", scenarios.toString(), "a directory of scenario YAML files");
    }
    Map<String, Finding> findings = new LinkedHashMap<>();
    String version = null;
    PolicySnapshot compiled = null;
    try {
      PolicySnapshot p = new PolicyCompiler(clock).compile(tables);
      version = p.version();
      compiled = p;
      // the reload's warnings (rows never reached) fail the gate
      p.warnings().forEach(w -> add(findings, Finding.of(w)));
    } catch (PolicyRejectedException e) {
      e.problems().forEach(pr -> add(findings, Finding.of(pr)));
    }
    TableSource.Loaded loaded = TableSource.load(tables, new ArrayList<PolicyProblem>());
    locateCompileErrors(loaded, findings);
    analyse(loaded, linkBase, findings);
    causeLinks(loaded, linkBase, findings);

    List<Finding> sorted = new ArrayList<>(findings.values());
    sorted.sort(Comparator.comparing((Finding f) -> f.file() == null ? "" : f.file())
        .thenComparing(f -> f.sheet() == null ? "" : f.sheet())
        .thenComparing(f -> f.line() == null ? 0 : f.line())
        .thenComparing(f -> f.kind().ordinal()));
    List<ScenarioRun> runs = new ArrayList<>();
    String note = null;
    if (scenarios == null) {
      note = "not run (no scenario directory given: --scenarios DIR)";
    } else if (compiled == null) {
      note = "not run: the engine rejects these tables, so no scenario can run on them";
    } else {
      for (Path f : yamlFiles(scenarios)) {
        runs.add(runScenario(f, compiled));
      }
      if (runs.isEmpty()) {
        note = "none found in " + scenarios;
      }
    }
    return new CheckReport(tables.toString(), version, List.copyOf(sorted),
        scenarios == null ? null : scenarios.toString(), List.copyOf(runs), note);
  }

  /**
   * Drools reports some compile errors (a bad value in a condition cell) without a line; name
   * the row by compiling that sheet's rows one by one.
   */
  private static void locateCompileErrors(TableSource.Loaded loaded, Map<String, Finding> findings) {
    List<String> unlocated = new ArrayList<>();
    findings.forEach((k, f) -> {
      if (f.kind() == FindingKind.COMPILE_ERROR && f.row() == null && f.file() != null) unlocated.add(k);
    });
    for (String key : unlocated) {
      Finding f = findings.get(key);
      for (TableSheet sheet : loaded.sheets()) {
        if (!sheet.file().equals(f.file()) || !java.util.Objects.equals(sheet.sheet(), f.sheet())) continue;
        Map<String, String> rows = CompileErrors.byRow(sheet);
        if (rows.isEmpty()) continue;
        findings.remove(key);
        rows.forEach((row, message) -> add(findings, new Finding(FindingKind.COMPILE_ERROR, f.file(), f.sheet(), row,
            sheet.ruleLines().get(row), "compile error: " + message)));
      }
    }
  }

  private static void analyse(TableSource.Loaded loaded, Path linkBase, Map<String, Finding> findings) {
    Optional<TableAnalysis.Result> result = TableAnalysis.run(loaded.sheets());
    if (result.isEmpty()) {
      return;
    }
    TableAnalysis.Result r = result.get();
    for (TableAnalysis.GateRule g : r.rules()) {
      if (r.wins().getOrDefault(g.name(), 0) == 0) {
        String why = r.matches().getOrDefault(g.name(), 0) == 0
            ? "never reached: no situation the engine can ask matches its conditions"
            : "never reached: an earlier row always wins";
        add(findings, new Finding(FindingKind.UNREACHABLE, g.file(), g.sheet(), g.name(), g.line(), why));
      }
      if (g.verdict() == null) {
        continue;
      }
      if (blank(g.verdict().reason())) {
        add(findings, new Finding(FindingKind.MISSING_LINK, g.file(), g.sheet(), g.name(), g.line(), "has no reason code"));
      }
      if (blank(g.verdict().recommendation())) {
        add(findings, new Finding(FindingKind.MISSING_LINK, g.file(), g.sheet(), g.name(), g.line(), "has no recommendation code"));
      }
      if (blank(g.verdict().runbook())) {
        add(findings, new Finding(FindingKind.MISSING_LINK, g.file(), g.sheet(), g.name(), g.line(), "has no runbook link"));
      } else if (linkBase != null) {
        RunbookLinks.problem(linkBase, g.verdict().runbook()).ifPresent(m ->
            add(findings, new Finding(FindingKind.MISSING_LINK, g.file(), g.sheet(), g.name(), g.line(), m)));
      }
    }
    for (TableAnalysis.Tie t : r.ties()) {
      TableAnalysis.GateRule a = t.first();
      TableAnalysis.GateRule b = t.second();
      add(findings, new Finding(FindingKind.AMBIGUOUS, b.file(), b.sheet(), b.name(), b.line(),
          "matches the same facts as " + a.name() + " at the same priority (salience " + b.salience() + ") but decides "
              + b.verdict().action() + " where " + a.name() + " decides " + a.verdict().action() + ", e.g. facts "
              + t.example() + "; Drools, not the table, would pick the winner: make the sheet Sequential"
              + " (RuleSet option 'Sequential true') or narrow one of the two rows"));
    }
  }

  /** The causes rows' runbook links lead to a page and heading (the engine checks they are there at all). */
  private static void causeLinks(TableSource.Loaded loaded, Path linkBase, Map<String, Finding> findings) {
    if (linkBase == null) {
      return;
    }
    for (CauseRules.Row r : CauseRules.of(loaded.sheets()).rows()) {
      if (r.runbook() == null || r.runbook().isBlank()) continue;
      RunbookLinks.problem(linkBase, r.runbook()).ifPresent(m -> add(findings, new Finding(FindingKind.MISSING_LINK,
          r.sheet().file(), r.sheet().sheet(), r.name(), r.sheet().ruleLines().get(r.name()), m)));
    }
  }

  /** One finding per row and problem: the engine and this gate may both see the same one. */
  private static void add(Map<String, Finding> findings, Finding f) {
    String key = f.kind() + "|" + f.file() + "|" + f.row() + "|"
        + (f.kind() == FindingKind.UNREACHABLE ? "" : f.message().replaceAll(" \\(facts.*", ""));
    findings.putIfAbsent(key, f);
  }

  /** Runs one scenario on the policy compiled above: compiling once serves every scenario. */
  private ScenarioRun runScenario(Path file, PolicySnapshot policy) {
    String name = file.getFileName().toString();
    Scenario sc;
    try {
      sc = ScenarioParser.parse(file);
    } catch (InvalidInputException e) {
      return new ScenarioRun(name, name, 0, List.of(), e.getMessage());
    }
    List<StepResult> results = Simulator.run(sc, policy, envelope, null, null);
    List<ScenarioRun.StepFailure> failures = new ArrayList<>();
    for (StepResult r : results) {
      if (!r.passed()) {
        failures.add(new ScenarioRun.StepFailure(r.step().number(), r.decision().at(), r.decision().unit(),
            r.decision().input(), r.mismatches()));
      }
    }
    return new ScenarioRun(name, sc.name(), results.size(), List.copyOf(failures), null);
  }

  private static List<Path> yamlFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> {
        String n = p.getFileName().toString();
        return Files.isRegularFile(p) && (n.endsWith(".yaml") || n.endsWith(".yml"));
      }).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
