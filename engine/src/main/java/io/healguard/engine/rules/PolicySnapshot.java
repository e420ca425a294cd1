package io.healguard.engine.rules;

import io.healguard.engine.cause.Classification;
import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.health.Tier;
import io.healguard.engine.decision.Recommendation;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * One compiled, validated policy: immutable once built. The engine reads the current snapshot
 * once per decision, so a reload never changes the rules under a decision in flight.
 */
public final class PolicySnapshot {
  private final String version;
  private final Instant loadedAt;
  private final Path source;
  private final List<TableInfo> tables;
  private final Map<Tier, Thresholds> thresholds;
  private final StormSettings storm;
  /** Above the 21,712 situations the gate enumerates; a bound in case a table grows facts. */
  private static final int MAX_REMEMBERED = 65_536;

  private final StatelessKieSession session;
  private final Map<Situation.FactKey, Verdict> remembered = new ConcurrentHashMap<>();
  private final Map<String, RowOutcome> gateRows;
  private final Map<String, Recommendation> byReason;
  private final List<PolicyProblem> warnings;
  private final Map<String, byte[]> files;
  /** Causes row to its log pattern; null when the policy has no causes table (every cause is UNKNOWN). */
  private final Map<String, String> causePatterns;

  PolicySnapshot(
      String version,
      Instant loadedAt,
      Path source,
      List<TableInfo> tables,
      Map<Tier, Thresholds> thresholds,
      StormSettings storm,
      KieBase kieBase,
      Map<String, RowOutcome> gateRows,
      Map<String, Recommendation> byReason,
      List<PolicyProblem> warnings,
      Map<String, byte[]> files,
      Map<String, String> causePatterns) {
    this.version = version;
    this.loadedAt = loadedAt;
    this.source = source;
    this.tables = List.copyOf(tables);
    this.thresholds = new EnumMap<>(thresholds);
    this.storm = storm;
    this.session = kieBase.newStatelessKieSession();
    this.gateRows = Map.copyOf(gateRows);
    this.byReason = Map.copyOf(byReason);
    this.warnings = List.copyOf(warnings);
    this.files = files;
    this.causePatterns = causePatterns == null ? null : Map.copyOf(causePatterns);
  }

  /**
   * The causes table's class for a failure cause: the first matching row, with the first log line
   * its pattern matched. A report without a cause, or a policy without a causes table, is
   * UNKNOWN without asking. Never remembered: the log differs from one failure to the next.
   */
  public Classification classify(FailureCause cause) {
    if (cause == null || causePatterns == null) {
      return Classification.NO_CAUSE;
    }
    CauseQuery q = new CauseQuery(cause);
    session.execute(q);
    return q.classification(q.decidedRow() == null ? null : causePatterns.get(q.decidedRow()));
  }

  /** True when the policy has a causes table. */
  public boolean hasCauses() {
    return causePatterns != null;
  }

  /**
   * The gates table's verdict on one situation; null when no row matched (the gate prevents that).
   * The table decides on the situation's facts alone, so a verdict once given is remembered by
   * {@link Situation#factKey} for the life of this snapshot: the working memory Drools sets up per
   * question cost more than the rest of a decision. A reload makes a new snapshot with nothing
   * remembered, so an edited table answers from its first decision.
   */
  public Verdict decide(Situation s) {
    Situation.FactKey key = s.factKey();
    Verdict known = remembered.get(key);
    if (known != null) {
      return known;
    }
    Verdict v = ask(s);
    if (v != null && remembered.size() < MAX_REMEMBERED) {
      remembered.putIfAbsent(key, v);
    }
    return v;
  }

  /** Runs the gates table on one situation, remembering nothing: what a table costs per question. */
  public Verdict ask(Situation s) {
    session.execute(s);
    return s.verdict();
  }

  /** How many distinct situations this snapshot has answered and remembered. */
  public int rememberedVerdicts() {
    return remembered.size();
  }

  /** The sha-256 of the table files, names and bytes, in name order. */
  public String version() {
    return version;
  }

  /** The first 12 hex digits of the version: enough to tell policies apart in a log line. */
  public String shortVersion() {
    return version.length() > 12 ? version.substring(0, 12) : version;
  }

  public Instant loadedAt() {
    return loadedAt;
  }

  public Path source() {
    return source;
  }

  public List<TableInfo> tables() {
    return tables;
  }

  public Thresholds thresholds(Tier tier) {
    return thresholds.get(tier);
  }

  public Map<Tier, Thresholds> allThresholds() {
    return thresholds;
  }

  public StormSettings storm() {
    return storm;
  }

  /** Gates rows by name, with what each decides. */
  public Map<String, RowOutcome> gateRows() {
    return gateRows;
  }

  /** The recommendation the tables give for a reason; the engine's hard guards reuse it. */
  public Recommendation recommendationFor(String reason) {
    return byReason.getOrDefault(
        reason,
        new Recommendation("INVESTIGATE_CRASH_LOOP", "Find out why the unit keeps failing.", null));
  }

  /** The table files exactly as compiled (name to bytes): what the policy archive keeps. */
  Map<String, byte[]> files() {
    return files;
  }

  /** Problems that did not block activation, such as rows no situation reaches. */
  public List<PolicyProblem> warnings() {
    return warnings;
  }
}
