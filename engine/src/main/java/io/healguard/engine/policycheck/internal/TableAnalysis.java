package io.healguard.engine.policycheck.internal;

import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.rules.table.FactSpace;
import io.healguard.engine.rules.table.TableSheet;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.drools.kiesession.rulebase.InternalKnowledgeBase;
import org.drools.kiesession.rulebase.KnowledgeBaseFactory;
import org.kie.api.io.ResourceType;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.rule.FactHandle;
import org.kie.internal.builder.KnowledgeBuilder;
import org.kie.internal.builder.KnowledgeBuilderFactory;
import org.kie.internal.io.ResourceFactory;

/**
 * Asks the compiled gates rules every question of the fact space, letting nothing fire: the
 * agenda filter is offered every row whose conditions match, in firing order, so the first one
 * offered is the row that wins. From that: rows that never win, and pairs of rows that
 * match the same facts at the same salience but decide different actions, where only Drools'
 * internal ordering picks the winner. A Sequential table gives every row its own salience, so
 * the second can only happen in a table that is not Sequential.
 *
 * <p>Compile errors are not reported here: {@code PolicyCompiler} names them; this returns empty.
 */
public final class TableAnalysis {
  private static final Pattern RULE = Pattern.compile("^rule \"([^\"]+)\"", Pattern.MULTILINE);
  private static final Pattern SALIENCE = Pattern.compile("^\\s*salience\\s+(-?\\d+)", Pattern.MULTILINE);

  /** A gates row and what it decides when it alone may fire; {@code verdict} is null if its action is invalid. */
  public record GateRule(String name, String file, String sheet, Integer line, int salience, Verdict verdict) {}

  /** Two rows that tie: {@code example} is one situation both match. */
  public record Tie(GateRule first, GateRule second, String example) {}

  /**
   * @param rules gates rows in table order
   * @param wins how many situations each row decides
   * @param matches how many situations each row's conditions match, winning or not
   */
  public record Result(List<GateRule> rules, Map<String, Integer> wins, Map<String, Integer> matches, List<Tie> ties) {}

  private TableAnalysis() {}

  public static Optional<Result> run(List<TableSheet> sheets) {
    KnowledgeBuilder kb = KnowledgeBuilderFactory.newKnowledgeBuilder();
    Map<String, TableSheet> sheetOf = new LinkedHashMap<>();
    Map<String, Integer> salience = new HashMap<>();
    for (TableSheet sheet : sheets) {
      kb.add(ResourceFactory.newByteArrayResource(sheet.drl().getBytes(StandardCharsets.UTF_8)), ResourceType.DRL);
      if (sheet.drl().contains("Situation(")) {
        salience.putAll(saliences(sheet.drl()));
        sheet.ruleLines().keySet().forEach(r -> sheetOf.put(r, sheet));
      }
    }
    if (kb.hasErrors()) {
      return Optional.empty();
    }
    InternalKnowledgeBase base = KnowledgeBaseFactory.newKnowledgeBase();
    base.addPackages(kb.getKnowledgePackages());
    KieSession ks = base.newKieSession();
    try {
      Map<String, Integer> wins = new LinkedHashMap<>();
      Map<String, Integer> matches = new LinkedHashMap<>();
      sheetOf.keySet().forEach(r -> wins.put(r, 0));
      sheetOf.keySet().forEach(r -> matches.put(r, 0));
      Map<String, GateRule> rules = new LinkedHashMap<>();
      Map<String, Tie> ties = new LinkedHashMap<>();
      for (Situation s : FactSpace.all()) {
        List<String> matched = new ArrayList<>();
        FactHandle h = ks.insert(s.copyFacts());
        ks.fireAllRules(m -> {
          matched.add(m.getRule().getName());
          return false;
        });
        ks.delete(h);
        // the agenda offers matches in firing order: the first one offered is the row that wins
        if (!matched.isEmpty()) {
          wins.merge(matched.get(0), 1, Integer::sum);
        }
        List<GateRule> gates = new ArrayList<>();
        for (String name : new LinkedHashSet<>(matched)) {
          if (sheetOf.containsKey(name)) {
            matches.merge(name, 1, Integer::sum);
            gates.add(rules.computeIfAbsent(name, n -> alone(ks, s, n, sheetOf.get(n), salience.getOrDefault(n, 0))));
          }
        }
        for (int i = 0; i < gates.size(); i++) {
          for (int j = i + 1; j < gates.size(); j++) {
            GateRule a = gates.get(i);
            GateRule b = gates.get(j);
            if (a.salience() == b.salience() && a.verdict() != null && b.verdict() != null
                && a.verdict().action() != b.verdict().action()) {
              GateRule[] ordered = order(a, b, sheetOf);
              ties.putIfAbsent(ordered[0].name() + "|" + ordered[1].name(), new Tie(ordered[0], ordered[1], s.toString()));
            }
          }
        }
      }
      // rows that match nothing at all still need their verdict checked (reason, runbook)
      for (String name : sheetOf.keySet()) {
        rules.computeIfAbsent(name, n -> alone(ks, null, n, sheetOf.get(n), salience.getOrDefault(n, 0)));
      }
      List<GateRule> ordered = new ArrayList<>();
      sheetOf.keySet().forEach(n -> ordered.add(rules.get(n)));
      return Optional.of(new Result(ordered, wins, matches, List.copyOf(ties.values())));
    } finally {
      ks.dispose();
    }
  }

  /** What row {@code name} decides when it is the only row allowed to fire. */
  private static GateRule alone(KieSession ks, Situation s, String name, TableSheet sheet, int salience) {
    Verdict v = null;
    if (s != null) {
      Situation asked = s.copyFacts();
      FactHandle h = ks.insert(asked);
      ks.fireAllRules(m -> m.getRule().getName().equals(name));
      ks.delete(h);
      try {
        v = asked.verdict();
      } catch (RuntimeException invalidAction) {
        v = null;
      }
    }
    return new GateRule(name, sheet.file(), sheet.sheet(), sheet.ruleLines().get(name), salience, v);
  }

  private static GateRule[] order(GateRule a, GateRule b, Map<String, TableSheet> sheetOf) {
    List<String> names = new ArrayList<>(sheetOf.keySet());
    return names.indexOf(a.name()) <= names.indexOf(b.name()) ? new GateRule[] {a, b} : new GateRule[] {b, a};
  }

  static Map<String, Integer> saliences(String drl) {
    Map<String, Integer> out = new HashMap<>();
    Matcher r = RULE.matcher(drl);
    List<int[]> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (r.find()) {
      starts.add(new int[] {r.start()});
      names.add(r.group(1));
    }
    for (int i = 0; i < names.size(); i++) {
      int from = starts.get(i)[0];
      int to = i + 1 < names.size() ? starts.get(i + 1)[0] : drl.length();
      String block = drl.substring(from, to);
      int when = block.indexOf("when");
      Matcher m = SALIENCE.matcher(when < 0 ? block : block.substring(0, when));
      out.put(names.get(i), m.find() ? Integer.parseInt(m.group(1)) : 0);
    }
    return out;
  }
}
