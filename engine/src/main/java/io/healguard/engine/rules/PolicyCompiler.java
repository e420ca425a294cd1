package io.healguard.engine.rules;

import io.healguard.engine.health.Tier;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.rules.table.CauseRules;
import io.healguard.engine.rules.table.FactSpace;
import io.healguard.engine.rules.internal.RowLocation;
import io.healguard.engine.rules.table.TableSheet;
import io.healguard.engine.rules.table.TableSource;
import io.healguard.engine.rules.internal.CheckVerdictCache;
import io.healguard.engine.rules.internal.ThresholdsReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.drools.compiler.compiler.DescrBuildError;
import org.drools.drl.ast.descr.RuleDescr;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.StatelessKieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderError;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compiles a tables directory into a {@link PolicySnapshot} and runs the policy gate on it: compile
 * errors, unnamed rows, missing tiers, out-of-range numbers, rows that would restart through a
 * hold or an open circuit, situations no row decides, a FORCE_RESTART that does not restart, and
 * in the causes table bad classes, unsafe log patterns and causes no row classifies.
 * Anything wrong throws {@link PolicyRejectedException} naming file, sheet and row; nothing is
 * activated by this class.
 *
 * <p>Rules are built with a plain KnowledgeBuilder from the generated DRL, not through a
 * KieContainer: nothing is registered in the KieRepository, so reloads do not accumulate modules.
 *
 * <p>The run over the fact space and reading the workbooks are the slow parts of a start. With a
 * {@link CheckVerdictCache} the run's passing outcome is remembered by the tables' hash and the
 * build, each workbook's DRL by its own hash and the build, and reused only for exactly those:
 * every other check (names, compile errors, thresholds) runs on every compile.
 */
public final class PolicyCompiler {
  /** Stable row names; Drools' defaults ("Gates_12") change when a row moves. */
  public static final Pattern ROW_NAME = Pattern.compile("DT-[A-Z0-9]+-\\d{3}");

  private static final Logger LOG = LoggerFactory.getLogger(PolicyCompiler.class);

  private final Clock clock;
  private final CheckVerdictCache verdicts;

  public PolicyCompiler(Clock clock) {
    this(clock, CheckVerdictCache.none());
  }

  /** As {@link #PolicyCompiler(Clock)}, reusing fact-space verdicts kept in {@code verdicts}. */
  PolicyCompiler(Clock clock, CheckVerdictCache verdicts) {
    this.clock = clock;
    this.verdicts = verdicts;
  }

  public PolicySnapshot compile(Path dir) {
    long start = System.nanoTime();
    List<PolicyProblem> problems = new ArrayList<>();
    TableSource.Loaded loaded = TableSource.load(dir, problems, verdicts.sheets());
    long read = System.nanoTime();
    Map<String, RowLocation> where = new HashMap<>();
    List<TableInfo> tables = new ArrayList<>();
    for (TableSheet sheet : loaded.sheets()) {
      tables.add(new TableInfo(sheet.file(), sheet.sheet(), List.copyOf(sheet.ruleLines().keySet())));
      sheet.ruleLines().forEach((row, line) -> {
        RowLocation prev = where.putIfAbsent(row, new RowLocation(sheet.file(), sheet.sheet(), line));
        if (prev != null) {
          problems.add(new PolicyProblem(sheet.file(), sheet.sheet(), row, line,
              "duplicate row name: also used in " + prev.file() + (prev.sheet() == null ? "" : ", sheet " + prev.sheet())
                  + (prev.line() == null ? "" : ", row " + prev.line())));
        }
        if (!ROW_NAME.matcher(row).matches()) {
          problems.add(new PolicyProblem(sheet.file(), sheet.sheet(), row, line,
              "row without a stable name: fill its NAME cell with DT-<TABLE>-<nnn>, e.g. DT-GATES-007"));
        }
      });
    }
    if (!problems.isEmpty()) {
      throw new PolicyRejectedException(dir.toString(), problems);
    }
    InternalKnowledgeBase kieBase = build(loaded.sheets(), problems);
    if (!problems.isEmpty()) {
      throw new PolicyRejectedException(dir.toString(), problems);
    }
    long built = System.nanoTime();
    StatelessKieSession session = kieBase.newStatelessKieSession();
    java.util.function.Function<String, RowLocation> locate =
        row -> where.getOrDefault(row, new RowLocation(null, null, null));
    ThresholdsReader reader = new ThresholdsReader(session, locate, problems);
    Map<Tier, Thresholds> tiers = reader.tiers();
    StormSettings storm = reader.storm();

    Map<String, RowOutcome> gateRows = new LinkedHashMap<>();
    Map<String, Recommendation> byReason = new LinkedHashMap<>();
    List<PolicyProblem> warnings = new ArrayList<>();
    CauseRules causes = CauseRules.of(loaded.sheets());
    CheckVerdictCache.Entry known = problems.isEmpty() ? verdicts.find(loaded.version()).orElse(null) : null;
    if (known != null) {
      known.gateRows().forEach(r -> gateRows.put(r.row(), r));
      byReason.putAll(known.byReason());
      warnings.addAll(known.warnings());
    } else {
      checkGates(kieBase, locate, where, problems, warnings, gateRows, byReason);
      causes.check(kieBase, locate, problems, warnings);
    }
    if (!problems.isEmpty()) {
      throw new PolicyRejectedException(dir.toString(), problems);
    }
    if (known == null) {
      verdicts.put(loaded.version(), List.copyOf(gateRows.values()), byReason, warnings);
    }
    long checked = System.nanoTime();
    LOG.info("policy {} compiled from {} in {} ms: tables read {} ms, rules built {} ms, fact space {} {} ms",
        loaded.version().substring(0, Math.min(12, loaded.version().length())), dir, ms(checked - start),
        ms(read - start), ms(built - read), known == null ? "checked" : "verdict reused", ms(checked - built));
    return new PolicySnapshot(loaded.version(), clock.instant(), dir, tables, tiers, storm, kieBase,
        gateRows, byReason, warnings, loaded.files(), causes.isEmpty() ? null : causes.logPatterns());
  }

  private static long ms(long nanos) {
    return nanos / 1_000_000;
  }

  private static InternalKnowledgeBase build(List<TableSheet> sheets, List<PolicyProblem> problems) {
    KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
    int seen = 0;
    for (TableSheet sheet : sheets) {
      kb.add(ResourceFactory.newByteArrayResource(sheet.drl().getBytes(StandardCharsets.UTF_8))
              .setSourcePath(sheet.file() + (sheet.sheet() == null ? "" : "/" + sheet.sheet()) + ".drl"),
          ResourceType.DRL);
      List<KnowledgeBuilderError> errors = new ArrayList<>(kb.getErrors());
      for (KnowledgeBuilderError e : errors.subList(seen, errors.size())) {
        String row = ruleOf(e, sheet.drl());
        problems.add(new PolicyProblem(sheet.file(), sheet.sheet(), row,
            row == null ? null : sheet.ruleLines().get(row), "compile error: " + e.getMessage().trim()));
      }
      seen = errors.size();
    }
    InternalKnowledgeBase kieBase = KnowledgeBaseFactory.newKnowledgeBase();
    if (problems.isEmpty()) {
      kieBase.addPackages(kb.getKnowledgePackages());
    }
    return kieBase;
  }

  /** The row an error belongs to: from the rule it was built for, else from its DRL line. */
  private static String ruleOf(KnowledgeBuilderError e, String drl) {
    if (e instanceof DescrBuildError b && b.getParentDescr() instanceof RuleDescr r) {
      return r.getName();
    }
    return ruleAt(drl, e.getLines().length == 0 ? -1 : e.getLines()[0]);
  }

  /** The rule whose text contains 1-based DRL line {@code line}. */
  private static String ruleAt(String drl, int line) {
    if (line < 1) {
      return null;
    }
    String[] lines = drl.split("\n", -1);
    for (int i = Math.min(line, lines.length) - 1; i >= 0; i--) {
      String l = lines[i].trim();
      if (l.startsWith("rule \"")) {
        return l.substring(6, l.indexOf('"', 6));
      }
    }
    return null;
  }

  private static void checkGates(
      InternalKnowledgeBase kieBase,
      java.util.function.Function<String, RowLocation> locate,
      Map<String, RowLocation> where,
      List<PolicyProblem> problems,
      List<PolicyProblem> warnings,
      Map<String, RowOutcome> gateRows,
      Map<String, Recommendation> byReason) {
    Map<String, Integer> fired = new LinkedHashMap<>();
    Map<String, Verdict> firstVerdict = new HashMap<>();
    Set<String> reported = new LinkedHashSet<>();
    // one session for all ~22,000 questions: a stateless one per question costs more than the question
    KieSession session = kieBase.newKieSession();
    for (Situation s : FactSpace.all()) {
      Situation asked = s.copyFacts();
      Verdict v;
      try {
        FactHandle h = session.insert(asked);
        session.fireAllRules();
        session.delete(h);
        v = asked.verdict();
      } catch (RuntimeException e) {
        String row = asked.decidedRow();
        if (reported.add("bad:" + row)) {
          RowLocation at = locate.apply(row);
          problems.add(new PolicyProblem(at.file(), at.sheet(), row, at.line(),
              "invalid verdict: action must be one of RESTART, BLOCK, ESCALATE, RECOMMEND, NONE ("
                  + e.getMessage() + ")"));
        }
        continue;
      }
      if (v == null) {
        if (reported.add("none:" + s.getInput() + s.getEvent())) {
          problems.add(new PolicyProblem(null, null, null, null,
              "no row decides input " + s.getInput() + " " + s.getEvent() + " with facts " + s
                  + "; end the gates table with a catch-all row for every input"));
        }
        continue;
      }
      fired.merge(v.row(), 1, Integer::sum);
      firstVerdict.putIfAbsent(v.row(), v);
      checkVerdict(s, v, locate, problems, reported);
    }
    session.dispose();
    for (Map.Entry<String, RowLocation> e : where.entrySet()) {
      // gates rows are those that can decide a situation: they reference Situation
      if (!fired.containsKey(e.getKey()) && isGateRow(e.getKey())) {
        warnings.add(new PolicyProblem(e.getValue().file(), e.getValue().sheet(), e.getKey(),
            e.getValue().line(), "never reached: an earlier row always wins"));
      }
    }
    for (Map.Entry<String, Integer> e : fired.entrySet()) {
      Verdict v = firstVerdict.get(e.getKey());
      RowLocation at = locate.apply(e.getKey());
      gateRows.put(e.getKey(), new RowOutcome(e.getKey(), at.file(), at.sheet(), at.line(), v.action(),
          v.reason(), v.recommendation(), v.recommendationText(), v.runbook(), e.getValue()));
      byReason.putIfAbsent(v.reason(), v.toRecommendation());
    }
  }

  private static boolean isGateRow(String row) {
    return row.startsWith("DT-GATES-");
  }

  private static void checkVerdict(
      Situation s, Verdict v, java.util.function.Function<String, RowLocation> locate,
      List<PolicyProblem> problems, Set<String> reported) {
    RowLocation at = locate.apply(v.row());
    boolean force = "OVERRIDE".equals(s.getInput()) && "FORCE_RESTART".equals(s.getEvent());
    List<String> wrong = new ArrayList<>();
    if (blank(v.reason())) wrong.add("has no reason code");
    if (blank(v.recommendation())) wrong.add("has no recommendation code");
    if (blank(v.runbook())) wrong.add("has no runbook link");
    if (force && v.action() != Action.RESTART) {
      wrong.add("answers an operator's FORCE_RESTART with " + v.action() + "; it must RESTART");
    }
    if (!force && v.action() == Action.RESTART && s.isHoldActive()) {
      wrong.add("would restart through a hold (facts " + s + ")");
    }
    if (!force && v.action() == Action.RESTART && "OPEN".equals(s.getCircuit()) && !s.isCooloffOver()) {
      wrong.add("would restart through an open circuit (facts " + s + ")");
    }
    for (String w : wrong) {
      if (reported.add(v.row() + w.replaceAll(" \\(facts.*", ""))) {
        problems.add(new PolicyProblem(at.file(), at.sheet(), v.row(), at.line(), w));
      }
    }
  }

  private static boolean blank(String s) {
    return s == null || s.isBlank();
  }
}
