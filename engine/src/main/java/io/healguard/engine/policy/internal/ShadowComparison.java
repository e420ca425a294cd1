package io.healguard.engine.policy.internal;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.cause.Classification;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.PolicySource;
import io.healguard.engine.rules.ShadowCase;
import io.healguard.engine.rules.ShadowListener;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.store.StateStore;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks a candidate policy what it would have decided, after the live decision was stored, and
 * tells a listener. Never acts, stores or changes state; a failure costs one warning a minute at
 * most (a broken candidate must not flood the log at report rate) and never the live answer.
 */
public final class ShadowComparison {
  private static final Logger LOG = LoggerFactory.getLogger(ShadowComparison.class);
  private static final long WARN_EVERY_NANOS = TimeUnit.SECONDS.toNanos(60);

  private final StateStore store;
  private final SafetyEnvelope envelope;
  private final IntSupplier knownUnits;
  private volatile Shadow shadow;
  // log rate limit only, not policy time: the monotonic clock, not the injected one
  private final AtomicLong lastWarn = new AtomicLong(System.nanoTime() - 2 * WARN_EVERY_NANOS);

  private record Shadow(PolicySource candidate, ShadowListener listener) {}

  public ShadowComparison(StateStore store, SafetyEnvelope envelope, IntSupplier knownUnits) {
    this.store = store;
    this.envelope = envelope;
    this.knownUnits = knownUnits;
  }

  /** Compares with {@code candidate} from now on; null arguments turn shadowing off. */
  public void set(PolicySource candidate, ShadowListener listener) {
    this.shadow = candidate == null || listener == null ? null : new Shadow(candidate, listener);
  }

  /**
   * The candidate's answer from the same state (counters applied, before this decision's
   * transitions), with facts recomputed under its own thresholds and storm settings.
   * {@code episodeBefore}: the storm episode as the live decision read it under the fleet lock,
   * or null when it took none.
   */
  public void compare(Input in, Decision d, UnitState s, Situation liveFacts, UnitProfile profile,
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
      Classification cause = Facts.classify(in, c);
      Situation cf = Facts.of(in, s, c.thresholds(profile.tier()), profile, now, envelope, store, c.storm(),
          knownUnits.getAsInt(), cause == null ? CauseClass.UNKNOWN : cause.causeClass());
      boolean episode = episodeBefore != null ? episodeBefore : store.fleet().stormEpisodeActive();
      cf.setStormEpisodeActive(cf.isStorm() && episode);
      Verdict v = c.decide(cf.copyFacts());
      if (v == null) {
        return;
      }
      sh.listener().onDecision(new ShadowCase(d, AuditMapping.inputOf(in), liveFacts.copyFacts(), c.version(), cf,
          HardGuards.apply(v, in, new Guard.Case(cf, s, now, c))));
    } catch (RuntimeException e) {
      long t = System.nanoTime();
      long last = lastWarn.get();
      if (t - last > WARN_EVERY_NANOS && lastWarn.compareAndSet(last, t)) {
        LOG.warn("unit {}: shadow comparison failed (live decision unaffected): {}", in.unit(), e.toString());
      }
    }
  }
}
