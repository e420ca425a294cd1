package io.healguard.engine.policy;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditLog;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.audit.EventIds;
import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.policy.internal.AuditMapping;
import io.healguard.engine.policy.internal.Facts;
import io.healguard.engine.policy.internal.Guard;
import io.healguard.engine.policy.internal.HardGuards;
import io.healguard.engine.policy.internal.HoldSweeper;
import io.healguard.engine.policy.internal.Recommendations;
import io.healguard.engine.policy.internal.ShadowComparison;
import io.healguard.engine.policy.internal.StormEpisode;
import io.healguard.engine.policy.internal.UnitViews;
import io.healguard.engine.policy.internal.Snapshots;
import io.healguard.engine.policy.internal.Transitions;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.PolicySource;
import io.healguard.engine.rules.ShadowListener;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.store.FleetState;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoreConflictException;
import io.healguard.engine.store.StoreUnavailableException;
import io.healguard.engine.store.UnitTx;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
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
 * unit lock, never the other way round. It is held until the decision is durable.
 * starts or ends the episode; the rest give it back once decided ({@code StormEpisode}).
 *
 * <p>The parts that are not the pipeline live in {@code policy.internal}: the hard guards
 * ({@code HardGuards}), shadow comparison, the hold sweep, unit views and the audit mapping.
 *
 * <p>If the store cannot make a change durable the decision is {@code BLOCK STORE_UNAVAILABLE}
 * with the state unchanged: nothing unacknowledged is ever acted on.
 */
public final class RecoveryEngine {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveryEngine.class);

  private final PolicySource policy;
  private final StateStore store;
  private final Clock clock;
  private final SafetyEnvelope envelope;
  private final Map<String, UnitProfile> profiles = new ConcurrentHashMap<>();
  private final UnitViews views;
  private final ShadowComparison shadow;
  private final HoldSweeper holds;

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
    this.views = new UnitViews(profiles, store, policy, clock, envelope);
    this.shadow = new ShadowComparison(store, envelope, views::knownUnits);
    this.holds = new HoldSweeper(store, clock, policy);
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
    shadow.set(candidate, listener);
  }

  public Decision decide(Input in) {
    for (int attempt = 0; ; attempt++) {
      try (UnitTx tx = store.begin(in.unit())) {
        return decide(in, tx, attempt == 0);
      } catch (StoreUnavailableException e) {
        // lost the race to another replica: decided again from its state, once; the store takes
        // the row lock first this time, so it cannot lose twice
        if (e instanceof StoreConflictException && attempt == 0) continue;
        // the unit's state could not even be read (or locked): decide nothing, permit nothing
        LOG.error("unit {}: store unavailable: {}", in.unit(), e.getMessage());
        PolicySnapshot p = policy.current();
        UnitProfile profile = profiles.computeIfAbsent(in.unit(), UnitProfile::standard);
        return storeUnavailable(in, UnitState.initial(in.unit()), p.thresholds(profile.tier()), p, clock.instant());
      }
    }
  }

  /**
   * Decides {@code in} without waiting on a lock or the disk, for a caller on an event loop: the
   * unit's lock, and the fleet lock if the decision needs it (a possible storm episode), must be
   * free at once. Empty otherwise, with nothing changed: call {@link #decide} from a thread that
   * may block. A decision that writes is answered when its commit is durable; its unit's lock (and
   * the fleet lock, if it changes the fleet) stays held until then, so the unit's next decision starts from durable state, exactly as with {@link
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

  private Decision decide(Input in, UnitTx tx, boolean mayRetry) {
    Planned pl = plan(in, tx, true);
    if (pl.writes()) {
      try {
        tx.commit(pl.commit());
      } catch (StoreConflictException e) {
        if (mayRetry) throw e;
        return notStored(pl, e);
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
    shadow.compare(pl.in(), pl.d(), pl.counted(), pl.facts(), pl.profile(), pl.now(), pl.episodeBefore());
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
      events.add(HoldSweeper.holdExpired(s, p.version()));
      UnitState.Builder b = s.toBuilder();
      b.hold = null;
      s = b.build();
    }
    s = Transitions.counters(s, in, now);
    Classification cause = Facts.classify(in, p);
    CauseClass cls = cause == null ? CauseClass.UNKNOWN : cause.causeClass();
    Situation facts = Facts.of(in, s, th, profile, now, envelope, store, p.storm(), views.knownUnits(), cls);
    boolean eligible = Transitions.eligibleDown(in, s, th);
    FleetState fleetAfter = null;
    Boolean episodeBefore = null;
    Verdict v;
    if (eligible && (facts.isStorm() || store.fleet().stormEpisodeActive())) {
      StormEpisode.Outcome storm = StormEpisode.decide(facts, p, tx, mayWait, now);
      if (storm == null) {
        return null;
      }
      v = storm.verdict();
      fleetAfter = storm.fleetAfter();
      episodeBefore = storm.episodeBefore();
    } else {
      v = p.decide(facts);
    }
    if (v == null) {
      throw new IllegalStateException("policy " + p.shortVersion() + " decided nothing for " + in
          + " with facts " + facts + "; the policy gate should have rejected it");
    }
    v = HardGuards.apply(v, in, new Guard.Case(facts, s, now, p));
    UnitState after = Transitions.apply(s, in, v, th, now, cls);
    Decision d = new Decision(EventIds.next(), now, unit, AuditMapping.describe(in), v.action(),
        v.reason(), v.row(), p.version(), Recommendations.of(v, cls), Snapshots.of(after, th, envelope, now), cause);
    UnitState.Builder b = after.toBuilder();
    b.lastDecision = d.summary();
    if (in instanceof Input.Report r) {
      HealthStatus st = r.report().status();
      b.lastReport = new LastReport(st, now, r.report().observedAt(),
          r.report().source(), r.report().detail(), r.report().cause(), cause);
    }
    after = b.build();
    AuditType type = AuditMapping.auditType(in, d, before, after, th);
    if (type != null) {
      Map<String, Object> detail = AuditMapping.counters(d);
      if (cause != null) detail.put("cause", AuditMapping.classificationOf(cause));
      events.add(AuditEvent.ofDecision(type, d, AuditMapping.actor(in), AuditMapping.inputOf(in), detail));
    }
    return new Planned(in, d, before, s, after, fleetAfter, events, th, p, now, facts, profile, episodeBefore);
  }

  private Decision storeUnavailable(Input in, UnitState before, Thresholds th, PolicySnapshot p, Instant now) {
    return new Decision(EventIds.next(), now, in.unit(), AuditMapping.describe(in), Action.BLOCK, Reasons.STORE_UNAVAILABLE,
        Guards.GUARD_STORE, p.version(), Recommendations.RESTORE_STORE, Snapshots.of(before, th, envelope, now));
  }

  /** Ends expired holds of every unit, each audited; the service calls this on a timer. */
  public int expireHolds() {
    return holds.expireHolds();
  }

  /** Appends an event that belongs to no decision (policy activation, executor outcome). */
  public void audit(AuditEvent e) {
    store.appendAudit(e);
    AuditLog.log(e);
  }

  public Optional<UnitView> view(String unit) {
    return views.view(unit);
  }

  /** Every known unit, by name. */
  public List<UnitView> views() {
    return views.views();
  }

  public FleetState fleet() {
    return store.fleet();
  }
}
