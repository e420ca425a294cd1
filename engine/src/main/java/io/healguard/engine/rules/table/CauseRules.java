package io.healguard.engine.rules.table;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.rules.CauseQuery;
import io.healguard.engine.rules.PolicyProblem;
import io.healguard.engine.rules.internal.LogPatterns;
import io.healguard.engine.rules.internal.RowLocation;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;

/**
 * The causes table as the policy gate sees it: its rows, each row's log pattern, exit status
 * ranges and class as compiled (read back from the generated DRL, so the gate judges exactly
 * what runs), and the questions that prove it classifies every cause and reaches every row.
 */
public final class CauseRules {
  private static final Pattern RULE = Pattern.compile("^rule \"([^\"]+)\"", Pattern.MULTILINE);
  private static final String STR = "\"((?:[^\"\\\\]|\\\\.)*)\"";
  private static final Pattern LOG = Pattern.compile("logMatches\\(" + STR + "\\)");
  private static final Pattern STATUS = Pattern.compile("statusIn\\(" + STR + "\\)");
  private static final Pattern CLASS = Pattern.compile("classify\\(" + STR);
  private static final Pattern RUNBOOK = Pattern.compile("\\.runbook\\(" + STR + "\\)");
  private static final Pattern SIGNAL = Pattern.compile("signal == " + STR);

  /** One causes row as compiled; {@code logPattern}, {@code statusSpec}, {@code causeClass} null when its cell is blank. */
  public record Row(String name, TableSheet sheet, String logPattern, String statusSpec, String causeClass,
      String runbook, List<String> signals) {}

  private final List<Row> rows;

  private CauseRules(List<Row> rows) {
    this.rows = rows;
  }

  /** The causes rows of the compiled sheets, in table order; empty when there is no causes table. */
  public static CauseRules of(List<TableSheet> sheets) {
    List<Row> out = new ArrayList<>();
    for (TableSheet sheet : sheets) {
      if (!sheet.drl().contains("CauseQuery(")) continue;
      Matcher r = RULE.matcher(sheet.drl());
      List<int[]> at = new ArrayList<>();
      List<String> names = new ArrayList<>();
      while (r.find()) {
        at.add(new int[] {r.start()});
        names.add(r.group(1));
      }
      for (int i = 0; i < names.size(); i++) {
        String block = sheet.drl().substring(at.get(i)[0], i + 1 < names.size() ? at.get(i + 1)[0] : sheet.drl().length());
        List<String> signals = new ArrayList<>();
        Matcher sg = SIGNAL.matcher(block);
        while (sg.find()) signals.add(unescape(sg.group(1)));
        out.add(new Row(names.get(i), sheet, first(LOG, block), first(STATUS, block), first(CLASS, block),
            first(RUNBOOK, block), List.copyOf(signals)));
      }
    }
    return new CauseRules(List.copyOf(out));
  }

  public boolean isEmpty() {
    return rows.isEmpty();
  }

  public List<Row> rows() {
    return rows;
  }

  /** Row name to its log pattern, for rows that have one: the classification quotes the line it matched. */
  public Map<String, String> logPatterns() {
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : rows) {
      if (r.logPattern() != null) out.put(r.name(), r.logPattern());
    }
    return out;
  }

  /**
   * Cell checks (a class that is none, no runbook link, a log pattern that does not compile or
   * could run away, an exit status that is no number or range) as problems; rows no cause reaches
   * as warnings; a cause no row classifies as a problem.
   */
  public void check(KieBase base, Function<String, RowLocation> locate, List<PolicyProblem> problems,
      List<PolicyProblem> warnings) {
    if (rows.isEmpty()) {
      return;
    }
    boolean cellsOk = true;
    for (Row r : rows) {
      List<String> wrong = new ArrayList<>();
      if (r.causeClass() == null || CauseClass.byName(r.causeClass()) == null) {
        wrong.add("class '" + (r.causeClass() == null ? "" : r.causeClass()) + "' is none of " + classNames());
      }
      if (r.runbook() == null || r.runbook().isBlank()) {
        wrong.add("has no runbook link");
      }
      if (r.logPattern() != null) {
        LogPatterns.problem(r.logPattern()).ifPresent(wrong::add);
      }
      if (r.statusSpec() != null) {
        try {
          CauseQuery.assuming(null, null, 0, null, Set.of()).statusIn(r.statusSpec());
        } catch (IllegalArgumentException e) {
          wrong.add(e.getMessage());
        }
      }
      for (String s : r.signals()) {
        if (!FailureCause.SIGNALS.contains(s)) {
          wrong.add("signal '" + s + "' is no signal name (" + String.join(", ", FailureCause.SIGNALS) + ")");
        }
      }
      for (String w : wrong) {
        problems.add(problem(r.name(), locate, w));
      }
      cellsOk &= wrong.isEmpty();
    }
    if (!cellsOk) {
      // a bad cell would fail the questions below for the same reason
      return;
    }
    Map<String, Integer> wins = new LinkedHashMap<>();
    Set<String> unclassified = new LinkedHashSet<>();
    // one session for every question: a stateless one per question costs more than the question
    KieSession session = base.newKieSession();
    try {
      for (CauseQuery q : space()) {
        FactHandle h = session.insert(q);
        session.fireAllRules();
        session.delete(h);
        if (q.decidedRow() == null) {
        if (unclassified.size() < 3) unclassified.add(q.toString());
        } else {
          wins.merge(q.decidedRow(), 1, Integer::sum);
        }
      }
    } finally {
      session.dispose();
    }
    if (!unclassified.isEmpty()) {
      problems.add(new PolicyProblem(rows.get(0).sheet().file(), rows.get(0).sheet().sheet(), null, null,
          "no causes row classifies a cause such as " + String.join(", ", unclassified)
              + "; end the causes table with a catch-all row (class UNKNOWN)"));
    }
    for (Row r : rows) {
      if (!wins.containsKey(r.name())) {
        warnings.add(problem(r.name(), locate, "never reached: an earlier causes row always wins"));
      }
    }
  }

  /**
   * Every cause worth asking about: each result, exit code kind, the exit statuses at and around
   * every range edge in the table, each signal the table names and one it does not, and logs
   * matching no pattern or exactly one.
   */
  List<CauseQuery> space() {
    List<String> results = new ArrayList<>();
    results.add(null);
    results.addAll(FailureCause.RESULTS);
    Set<Integer> statuses = new TreeSet<>(List.of(0, 1, 255));
    Set<String> signals = new LinkedHashSet<>();
    signals.add(null);
    signals.add("TERM");
    List<Set<String>> logs = new ArrayList<>();
    logs.add(Set.of());
    Set<String> patterns = new HashSet<>();
    for (Row r : rows) {
      if (r.statusSpec() != null) {
        for (String part : r.statusSpec().split(",")) {
          for (String end : part.trim().split("-")) {
            int n = Integer.parseInt(end.trim());
            for (int k = n - 1; k <= n + 1; k++) if (k >= 0 && k <= 255) statuses.add(k);
          }
        }
      }
      signals.addAll(r.signals());
      if (r.logPattern() != null && patterns.add(r.logPattern())) logs.add(Set.of(r.logPattern()));
    }
    List<CauseQuery> out = new ArrayList<>();
    for (String result : results) {
      for (String code : new String[] {null, "exited", "killed", "dumped"}) {
        List<Integer> st = new ArrayList<>();
        st.add(null);
        if (code == null || code.equals("exited")) st.addAll(statuses);
        // a process that exited has no signal; one killed has no exit number
        Set<String> sigs = "exited".equals(code) ? java.util.Collections.singleton(null) : signals;
        for (Integer status : st) {
          if (status != null && code != null && !code.equals("exited")) continue;
          for (String signal : sigs) {
            for (Set<String> log : logs) {
              out.add(CauseQuery.assuming(result, code, status, signal, log));
            }
          }
        }
      }
    }
    return out;
  }

  private static PolicyProblem problem(String row, Function<String, RowLocation> locate, String message) {
    RowLocation at = locate.apply(row);
    return new PolicyProblem(at.file(), at.sheet(), row, at.line(), message);
  }

  private static String classNames() {
    List<String> n = new ArrayList<>();
    for (CauseClass c : CauseClass.values()) n.add(c.name());
    return String.join(", ", n);
  }

  private static String first(Pattern p, String block) {
    Matcher m = p.matcher(block);
    return m.find() ? unescape(m.group(1)) : null;
  }

  /** A DRL string literal's text as Drools hands it to the method: {@code \\} and {@code \"} unescaped. */
  static String unescape(String s) {
    return s.indexOf('\\') < 0 ? s : s.replace("\\\\", "\u0001").replace("\\\"", "\"").replace("\u0001", "\\");
  }
}
