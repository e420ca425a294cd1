package io.healguard.engine.whatif;

import io.healguard.engine.decision.Action;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Where two policies decide differently on one replay, and how many of each action each decided.
 * A decision differs when its action or its reason differs; a row that only changed its name is
 * not a difference.
 */
public record DiffReport(
    Side from, Side to, String source, int decisions, String note, List<Difference> differences) {

  /** One policy: its directory, version and totals per action over the whole replay. */
  public record Side(String tables, String policyVersion, Map<Action, Integer> totals) {}

  /** What one policy decided. */
  public record Outcome(Action action, String reason, String rule) {
    @Override
    public String toString() {
      return action + " " + reason + " (" + rule + ")";
    }
  }

  public record Difference(int step, Instant at, String unit, String input, Outcome from, Outcome to) {}

  public String toText() {
    StringBuilder sb = new StringBuilder();
    sb.append("policy diff\n");
    sb.append("  from:   ").append(from.tables()).append(" (policy ").append(shortVersion(from)).append(")\n");
    sb.append("  to:     ").append(to.tables()).append(" (policy ").append(shortVersion(to)).append(")\n");
    sb.append("  replay: ").append(source).append(", ").append(decisions).append(" decisions\n");
    if (note != null) {
      sb.append("  note:   ").append(note).append('\n');
    }
    sb.append('\n');
    if (differences.isEmpty()) {
      sb.append("no decision differs\n");
    } else {
      sb.append(differences.size()).append(differences.size() == 1 ? " decision differs" : " decisions differ").append(":\n");
      int unitW = Math.max(4, differences.stream().mapToInt(d -> d.unit().length()).max().orElse(4));
      int fromW = Math.max(4, differences.stream().mapToInt(d -> d.from().toString().length()).max().orElse(4));
      String fmt = "  %-5s %-20s  %-" + unitW + "s  %-14s  %-" + fromW + "s  %s%n";
      sb.append(String.format(fmt, "STEP", "AT", "UNIT", "INPUT", "FROM", "TO"));
      for (Difference d : differences) {
        sb.append(String.format(fmt, d.step(), d.at(), d.unit(), d.input(), d.from(), d.to()));
      }
    }
    sb.append('\n');
    sb.append(String.format("  %-10s %6s %6s%n", "totals", "from", "to"));
    for (Action a : Action.values()) {
      sb.append(String.format("  %-10s %6d %6d%n", a, from.totals().getOrDefault(a, 0), to.totals().getOrDefault(a, 0)));
    }
    return sb.toString();
  }

  private static String shortVersion(Side s) {
    String v = s.policyVersion();
    return v.length() > 12 ? v.substring(0, 12) : v;
  }
}
