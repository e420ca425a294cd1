package io.healguard.engine.policy;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditLog;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.audit.EventIds;
import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.policy.internal.Facts;
import io.healguard.engine.policy.internal.Snapshots;
import io.healguard.engine.policy.internal.Transitions;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.PolicySource;
import io.healguard.engine.rules.ShadowCase;
import io.healguard.engine.rules.ShadowListener;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.store.FleetState;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoreUnavailableException;
import io.healguard.engine.store.UnitTx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The guarded self-healing state machine: one decision per input, serialized per unit.
 *
 * <p>A decision runs under its unit's lock: read state, compute facts (Java), ask the gates table
 * (Drools), apply the engine's hard guards, apply transitions, store what changed together with
 * its audit events, and only then publish the new state and answer. Units decide in parallel;
 * the fleet's storm episode is the one thing shared, and it has a lock of its own taken inside a
 * unit lock, never the other way round.
 *
 * <p>If the store cannot make a change durable the decision is {@code BLOCK STORE_UNAVAILABLE}
 * with the state unchanged: nothing unacknowledged is ever acted on.
 */
public final class RecoveryEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryEngine.class);
  public static final String GUARD_HOLD = "guard:hold";
  public static final String GUARD_CIRCUIT = "guard:circuit-open";
  public static final String GUARD_SAFETY = "guard:safety.max-restarts-per-hour";
  public static final String GUARD_STORE = "guard:store";

  private final PolicySource policy;
  private final StateStore store;
  private final Clock clock;
  private final SafetyEnvelope envelope;
  private final Map<String, UnitProfile> profiles = new ConcurrentHashMap<>();
  private volatile Shadow shadow;
  private final java.util.concurrent.atomic.AtomicLong lastShadowWarn = new java.util.concurrent.atomic.AtomicLong(System.nanoTime() - 120_000_000_000L);

  private record Shadow(PolicySource candidate, ShadowListener listener) {}

  public RecoveryEngine(
      PolicySource policy, StateStore store, Clock clock, SafetyEnvelope envelope, List<UnitProfile> units) {
    this.policy = policy;
    this.store = store;
    this.clock = clock;
    this.envelope = envelope;
    for (UnitState u : store.units()) {
      profiles.put(u.unit(), UnitProfile.standard(u.unit()));
    }
    for (UnitProfile p : units) {
      profiles.put(p.name(), p);
    }
  }

  /** Registers or updates a unit's profile (tier, depends_on); unknown units are standard. */
  public void register(UnitProfile profile) {
    profiles.put(profile.name(), profile);
  }

  /**
   * Also asks {@code candidate} every question after its live decision is stored, and tells
   * {@code listener}; the candidate's answer is never acted on, stored or applied to state.
   * {@code candidate} may answer null (nothing to compare). Null arguments turn shadowing off.
   */
  public void shadow(PolicySource candidate, ShadowListener listener) {
    this.shadow = candidate == null || listener == null ? null : new Shadow(candidate, listener);
  }

  public Decision decide(Input in) {
    try (UnitTx tx = store.begin(in.unit())) {
      return decide(in, tx);
    } catch (StoreUnavailableException e) {
      // the unit's state could not even be read: decide nothing, permit nothing
      LOG.error("unit {}: store unavailable: {}", in.unit(), e.getMessage());
      PolicySnapshot p = policy.current();
      UnitProfile profile = profiles.computeIfAbsent(in.unit(), UnitProfile::standard);
      return storeUnavailable(in, UnitState.initial(in.unit()), p.thresholds(profile.tier()), p, clock.instant());
    }
  }

  /**
   * Decides {@code in} without waiting on a lock or the disk, for a caller on an event loop: the
   * unit's lock, and the fleet lock if the decision needs it (a possible storm episode), must be
   * free at once. Empty otherwise, with nothing changed: call {@link #decide} from a thread that
   * may block. A decision that writes is answered when its commit is durable; its locks stay held
   * until then, so the unit's next decision starts from durable state, exactly as with {@link
   * #decide}. What follows the commit (audit log line, shadow) runs on {@code then}.
   */
  public Optional<CompletionStage<Decision>> decideWithoutWaiting(Input in, Executor then) {
    Optional<UnitTx> tx = store.tryBegin(in.unit());
    if (tx.isEmpty()) {
      return Optional.empty();
    }
    UnitTx t = tx.get();
    boolean handedOver = false;
    try {
      Planned pl = plan(in, t, false);
      if (pl == null) {
        return Optional.empty();
      }
      if (!pl.writes()) {
        t.publishVolatile(pl.after());
        return Optional.of(CompletableFuture.completedFuture(acknowledged(pl)));
      }
      CompletionStage<Void> durable = t.commitAndClose(pl.commit());
      handedOver = true;
      return Optional.of(durable.handleAsync(
          (ok, failed) -> failed == null ? acknowledged(pl) : notStored(pl, failed), then));
    } finally {
      if (!handedOver) t.close();
    }
  }

  /** Everything one decision computed, before anything is stored. */
  private record Planned(Input in, Decision d, UnitState before, UnitState counted, UnitState after,
      FleetState fleetAfter, List<AuditEvent> events, Thresholds th, PolicySnapshot p, Instant now,
      Situation facts, UnitProfile profile, Boolean episodeBefore) {

    boolean writes() {
      return !after.sameDurableAs(before) || !events.isEmpty() || fleetAfter != null;
    }

    StoreCommit commit() {
      return new StoreCommit(after, fleetAfter, events);
    }
  }

  private Decision decide(Input in, UnitTx tx) {
    Planned pl = plan(in, tx, true);
    if (pl.writes()) {
      try {
        tx.commit(pl.commit());
      } catch (StoreUnavailableException e) {
        return notStored(pl, e);
      }
    } else {
      tx.publishVolatile(pl.after());
    }
    return acknowledged(pl);
  }

  /** The decision is durable (or needed no write): log its audit lines, shadow it, answer it. */
  private Decision acknowledged(Planned pl) {
    pl.events().forEach(AuditLog::log);
    shadow(pl.in(), pl.d(), pl.counted(), pl.facts(), pl.profile(), pl.now(), pl.episodeBefore());
    return pl.d();
  }

  private Decision notStored(Planned pl, Throwable failure) {
    Throwable cause = failure instanceof CompletionException && failure.getCause() != null
        ? failure.getCause() : failure;
    LOG.error("unit {}: store unavailable, decision not acknowledged: {}", pl.in().unit(), cause.getMessage());
    return storeUnavailable(pl.in(), pl.before(), pl.th(), pl.p(), pl.now());
  }

  /**
   * Computes the decision under the unit's lock: state, facts (Java), the gates table (Drools),
   * hard guards, transitions and audit events. Stores nothing. With {@code mayWait} false,
   * returns null when the fleet lock is taken.
   */
  private Planned plan(Input in, UnitTx tx, boolean mayWait) {
    Instant now = clock.instant();
    PolicySnapshot p = policy.current();
    String unit = in.unit();
    UnitProfile profile = profiles.computeIfAbsent(unit, UnitProfile::standard);
    Thresholds th = p.thresholds(profile.tier());
    UnitState stored = tx.state();
    UnitState before = stored == null ? UnitState.initial(unit) : stored;
    List<AuditEvent> events = new ArrayList<>();

    UnitState s = before;
    if (s.hold() != null && !s.hold().activeAt(now)) {
      events.add(holdExpired(s, p, s.hold().expiresAt()));
      UnitState.Builder b = s.toBuilder();
      b.hold = null;
      s = b.build();
    }
    s = Transitions.counters(s, in, now);
    Classification cause = classify(in, p);
    CauseClass cls = cause == null ? CauseClass.UNKNOWN : cause.causeClass();
    Situation facts = Facts.of(in, s, th, profile, now, envelope, store, p.storm(), knownUnits(), cls);
    boolean eligible = Transitions.eligibleDown(in, s, th);
    FleetState fleetAfter = null;
    Boolean episodeBefore = null;
    Verdict v;
    if (eligible && (facts.isStorm() || store.fleet().stormEpisodeActive())) {
      // the storm episode is fleet-wide: decide under the fleet lock so only one unit escalates it
      FleetState fleet = mayWait ? tx.lockFleet() : tx.tryLockFleet();
      if (fleet == null) {
        return null;
      }
      episodeBefore = fleet.stormEpisodeActive();
      facts.setStormEpisodeActive(facts.isStorm() && fleet.stormEpisodeActive());
      v = p.decide(facts);
      if (facts.isStorm() && Reasons.FLEET_STORM.equals(v.reason()) && !fleet.stormEpisodeActive()) {
        fleetAfter = new FleetState(true, now);
      } else if (!facts.isStorm() && fleet.stormEpisodeActive()) {
        // the episode ends at the first eligible restart evaluated without a storm
        fleetAfter = FleetState.CALM;
      }
    } else {
      v = p.decide(facts);
    }
    if (v == null) {
      throw new IllegalStateException("policy " + p.shortVersion() + " decided nothing for " + in
          + " with facts " + facts + "; the policy gate should have rejected it");
    }
    v = guard(v, facts, in, p);
    UnitState after = Transitions.apply(s, in, v, th, now, cls);
    Decision d = new Decision(EventIds.next(), now, unit, describe(in), v.action(),
        v.reason(), v.row(), p.version(), recommendation(v, cls), Snapshots.of(after, th, envelope, now), cause);
    UnitState.Builder b = after.toBuilder();
    b.lastDecision = d.summary();
    if (in instanceof Input.Report r) {
      HealthStatus st = r.report().status();
      b.lastReport = new LastReport(st, now, r.report().observedAt(),
          r.report().source(), r.report().detail(), r.report().cause(), cause);
    }
    after = b.build();
    AuditType type = auditType(in, d, before, after, th);
    if (type != null) {
      Map<String, Object> detail = counters(d);
      if (cause != null) detail.put("cause", classificationOf(cause));
      events.add(AuditEvent.ofDecision(type, d, actor(in), inputOf(in), detail));
    }
    return new Planned(in, d, before, s, after, fleetAfter, events, th, p, now, facts, profile, episodeBefore);
  }

  /**
   * The candidate's answer from the same state (counters applied, before this decision's
   * transitions), with facts recomputed under its own thresholds and storm settings.
   */
  private void shadow(Input in, Decision d, UnitState s, Situation liveFacts, UnitProfile profile,
      Instant now, Boolean episodeBefore) {
    Shadow sh = shadow;
    if (sh == null) {
      return;
    }
    try {
      PolicySnapshot c = sh.candidate().current();
      if (c == null) {
        return;
      }
      Classification cause = classify(in, c);
      Situation cf = Facts.of(in, s, c.thresholds(profile.tier()), profile, now, envelope, store, c.storm(), knownUnits(),
          cause == null ? CauseClass.UNKNOWN : cause.causeClass());
      boolean episode = episodeBefore != null ? episodeBefore : store.fleet().stormEpisodeActive();
      cf.setStormEpisodeActive(cf.isStorm() && episode);
      Verdict v = c.decide(cf.copyFacts());
      if (v == null) {
        return;
      }
      sh.listener().onDecision(new ShadowCase(d, inputOf(in), liveFacts.copyFacts(), c.version(), cf,
          guard(v, cf, in, c)));
    } catch (RuntimeException e) {
      long t = System.nanoTime();
      long last = lastShadowWarn.get();
      if (t - last > 60_000_000_000L && lastShadowWarn.compareAndSet(last, t)) {
        LOG.warn("unit {}: shadow comparison failed (live decision unaffected): {}", in.unit(), e.toString());
      }
    }
  }

  /** The causes table's class for a DOWN report; null for every other input (it has no failure to classify). */
  private static Classification classify(Input in, PolicySnapshot p) {
    if (in instanceof Input.Report r && r.report().status() == HealthStatus.DOWN) {
      return p.classify(r.report().cause());
    }
    return null;
  }

  /** The row's recommendation, its text naming the cause class where the table wrote {@code {class}}. */
  private static Recommendation recommendation(Verdict v, CauseClass cls) {
    Recommendation rec = v.toRecommendation();
    if (rec.text() != null && rec.text().contains("{class}")) {
      return new Recommendation(rec.code(), rec.text().replace("{class}", cls.name()), rec.runbook());
    }
    return rec;
  }

  /**
   * The engine's hard guards: no table edit can restart through a hold or an open circuit, or past
   * the safety envelope. Only an operator's FORCE_RESTART passes.
   */
  private Verdict guard(Verdict v, Situation f, Input in, PolicySnapshot p) {
    if (v.action() != Action.RESTART || isForce(in)) {
      return v;
    }
    if (f.isHoldActive()) {
      return Verdict.guard(Action.BLOCK, Reasons.MANUAL_HOLD, p.recommendationFor(Reasons.MANUAL_HOLD), GUARD_HOLD);
    }
    if ("OPEN".equals(f.getCircuit()) && !f.isCooloffOver()) {
      return Verdict.guard(Action.BLOCK, Reasons.CIRCUIT_OPEN, p.recommendationFor(Reasons.CIRCUIT_OPEN), GUARD_CIRCUIT);
    }
    if (f.isSafetyEnvelopeReached()) {
      return Verdict.guard(Action.BLOCK, Reasons.SAFETY_ENVELOPE, p.recommendationFor(Reasons.SAFETY_ENVELOPE), GUARD_SAFETY);
    }
    return v;
  }

  private Decision storeUnavailable(Input in, UnitState before, Thresholds th, PolicySnapshot p, Instant now) {
    Recommendation rec = new Recommendation("RESTORE_STORE",
        "The state store cannot be written: no restart is permitted until it is back.",
        "runbook/STORE_UNAVAILABLE.md");
    return new Decision(EventIds.next(), now, in.unit(), describe(in), Action.BLOCK,
        Reasons.STORE_UNAVAILABLE, GUARD_STORE, p.version(), rec, Snapshots.of(before, th, envelope, now));
  }

  /** Ends expired holds of every unit, each audited; the service calls this on a timer. */
  public int expireHolds() {
    int n = 0;
    Instant now = clock.instant();
    for (UnitState s : store.units()) {
      if (s.hold() == null || s.hold().activeAt(now)) continue;
      try (UnitTx tx = store.begin(s.unit())) {
        UnitState cur = tx.state();
        if (cur == null || cur.hold() == null || cur.hold().activeAt(clock.instant())) continue;
        AuditEvent e = holdExpired(cur, policy.current(), cur.hold().expiresAt());
        UnitState.Builder b = cur.toBuilder();
        b.hold = null;
        tx.commit(new StoreCommit(b.build(), null, List.of(e)));
        AuditLog.log(e);
        n++;
      } catch (StoreUnavailableException e) {
        LOG.warn("unit {}: hold expiry not stored yet: {}", s.unit(), e.getMessage());
      }
    }
    return n;
  }

  /** Appends an event that belongs to no decision (policy activation, executor outcome). */
  public void audit(AuditEvent e) {
    store.appendAudit(e);
    AuditLog.log(e);
  }

  public Optional<UnitView> view(String unit) {
    UnitProfile profile = profiles.get(unit);
    Optional<UnitState> stored = store.unit(unit);
    if (profile == null) {
      // a unit first reported to another replica on the shared store: known here too, as it
      // would be after a restart, with the profile a first report gives it
      return stored.map(s -> viewOf(UnitProfile.standard(unit), s));
    }
    return Optional.of(viewOf(profile, stored.orElse(UnitState.initial(unit))));
  }

  /** Every known unit, by name. */
  public List<UnitView> views() {
    // one read of every stored unit, not one per unit: with a shared database each is a query
    Map<String, UnitState> stored = new java.util.HashMap<>();
    for (UnitState u : store.units()) {
      stored.put(u.unit(), u);
    }
    List<UnitView> out = new ArrayList<>();
    profiles.values().forEach(p -> out.add(viewOf(p, stored.getOrDefault(p.name(), UnitState.initial(p.name())))));
    // units another replica stored after this one started: every replica shows (and alerts on)
    // what the shared store holds, so a replica that dies takes no unit's alert with it
    stored.values().stream().filter(u -> !profiles.containsKey(u.unit()))
        .forEach(u -> out.add(viewOf(UnitProfile.standard(u.unit()), u)));
    out.sort(Comparator.comparing(UnitView::unit));
    return out;
  }

  private UnitView viewOf(UnitProfile profile, UnitState s) {
    PolicySnapshot p = policy.current();
    Thresholds th = p.thresholds(profile.tier());
    Instant now = clock.instant();
    Recommendation rec = s.lastDecision() == null ? Recommendation.NONE : s.lastDecision().recommendation();
    return new UnitView(profile.name(), profile.tier(), profile.dependsOn(), s.lastReport(),
        s.lastDecision(), Snapshots.of(s, th, envelope, now), s.holdActive(now) ? s.hold() : null,
        s.drift(), rec);
  }

  public FleetState fleet() {
    return store.fleet();
  }

  private int knownUnits() {
    return Math.max(1, Math.max(profiles.size(), store.unitCount()));
  }

  public StateStore store() {
    return store;
  }

  public Clock clock() {
    return clock;
  }

  public SafetyEnvelope envelope() {
    return envelope;
  }

  private AuditEvent holdExpired(UnitState s, PolicySnapshot p, Instant at) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("setBy", s.hold().actor());
    detail.put("holdReason", s.hold().reason());
    detail.put("setAt", s.hold().setAt().toString());
    return AuditEvent.of(AuditType.HOLD_EXPIRED, at, s.unit(), "healguard", "HOLD_EXPIRED", p.version(), detail);
  }

  private static AuditType auditType(Input in, Decision d, UnitState before, UnitState after, Thresholds th) {
    if (in instanceof Input.OperatorOverride) return AuditType.OVERRIDE_SET;
    switch (d.action()) {
      case RESTART:
        return AuditType.RESTART;
      case BLOCK:
        return AuditType.RESTART_BLOCKED;
      case ESCALATE:
        return AuditType.ESCALATED;
      default:
        break;
    }
    if (in instanceof Input.Drift || in instanceof Input.DriftClear) {
      return before.drift().equals(after.drift()) ? null : AuditType.DRIFT_CHANGED;
    }
    if (d.action() == Action.RECOMMEND && after.degradedCount() == th.failures()) {
      return AuditType.RECOMMENDED;
    }
    if (Reasons.CIRCUIT_CLOSED.equals(d.reason()) || Reasons.BACKOFF_RESET.equals(d.reason())) {
      return AuditType.STATE_CHANGED;
    }
    return null;
  }

  private static boolean isForce(Input in) {
    return in instanceof Input.OperatorOverride o && o.mode() == OverrideMode.FORCE_RESTART;
  }

  private static String actor(Input in) {
    return in instanceof Input.OperatorOverride o ? o.actor() : null;
  }

  static String describe(Input in) {
    return in.kind() + " " + in.event();
  }

  /** The input as the audit keeps it: enough to replay it. */
  static Map<String, Object> inputOf(Input in) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("kind", in.kind());
    m.put("unit", in.unit());
    if (in instanceof Input.Report r) {
      m.put("status", r.report().status().name());
      if (r.report().observedAt() != null) m.put("observedAt", r.report().observedAt().toString());
      if (r.report().source() != null) m.put("source", r.report().source());
      if (r.report().detail() != null) m.put("detail", r.report().detail());
      if (r.report().cause() != null) m.put("cause", causeOf(r.report().cause()));
    } else if (in instanceof Input.OperatorOverride o) {
      m.put("mode", o.mode().name());
      m.put("reason", o.reason());
      if (o.ttl() != null) m.put("ttl", io.healguard.engine.json.Durations.format(o.ttl()));
    } else if (in instanceof Input.Drift dr) {
      m.put("severity", dr.finding().severity().label());
      m.put("driftKind", dr.finding().kind());
      if (dr.finding().detail() != null) m.put("detail", dr.finding().detail());
    } else if (in instanceof Input.DriftClear c) {
      m.put("clear", c.kindToClear() == null ? "all" : c.kindToClear());
    }
    return m;
  }

  /** A cause as reports send it: only the fields it has. */
  static Map<String, Object> causeOf(FailureCause c) {
    Map<String, Object> m = new LinkedHashMap<>();
    if (c.result() != null) m.put("result", c.result());
    if (c.exitCode() != null) m.put("exitCode", c.exitCode());
    if (c.exitStatus() != null) m.put("exitStatus", c.exitStatus());
    if (c.signal() != null) m.put("signal", c.signal());
    if (c.logTail() != null) m.put("logTail", c.logTail());
    return m;
  }

  private static Map<String, Object> classificationOf(Classification c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("causeClass", c.causeClass().name());
    if (c.row() != null) m.put("row", c.row());
    if (c.matchedLine() != null) m.put("matchedLine", c.matchedLine());
    return m;
  }

  private static Map<String, Object> counters(Decision d) {
    Map<String, Object> m = new LinkedHashMap<>();
    UnitSnapshot s = d.state();
    m.put("circuit", s.circuit().name());
    m.put("restartsInWindow", s.restartsInWindow());
    m.put("maxRestarts", s.maxRestarts());
    m.put("window", s.window());
    m.put("backoffStep", s.backoffStep());
    if (s.cooldownUntil() != null) m.put("cooldownUntil", s.cooldownUntil().toString());
    if (s.nextRestartAllowedAt() != null) m.put("nextRestartAllowedAt", s.nextRestartAllowedAt().toString());
    m.put("recommendation", d.recommendation().code());
    return m;
  }
}
