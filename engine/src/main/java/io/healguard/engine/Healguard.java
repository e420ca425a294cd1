package io.healguard.engine;

import io.healguard.engine.health.UnitProfile;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.rules.PolicyArchive;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.rules.ShadowPolicy;
import io.healguard.engine.rules.ShadowRecorder;
import io.healguard.engine.store.StateStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The engine assembled: policy manager (tables, reload, audit of reloads), store and state
 * machine. The command line, the service and the tests all start the engine through here so they
 * run the same wiring.
 */
public final class Healguard implements AutoCloseable {
  private final PolicyManager policy;
  private final RecoveryEngine engine;
  private final StateStore store;
  private volatile ShadowPolicy shadowPolicy;
  private volatile ShadowRecorder shadowRecorder;

  private Healguard(PolicyManager policy, RecoveryEngine engine, StateStore store) {
    this.policy = policy;
    this.engine = engine;
    this.store = store;
  }

  /**
   * @throws io.healguard.engine.rules.PolicyRejectedException when the tables fail the policy gate
   */
  public static Healguard open(
      Path tables, StateStore store, Clock clock, SafetyEnvelope envelope, List<UnitProfile> units) {
    return open(tables, store, clock, envelope, units, null);
  }

  /**
   * As {@link #open(Path, StateStore, Clock, SafetyEnvelope, List)}, keeping every activated
   * policy version in {@code archive} so it can be rolled back to (null: none kept).
   */
  public static Healguard open(
      Path tables, StateStore store, Clock clock, SafetyEnvelope envelope, List<UnitProfile> units,
      PolicyArchive archive) {
    PolicyManager policy = new PolicyManager(tables, clock, archive);
    RecoveryEngine engine = new RecoveryEngine(policy, store, clock, envelope, units);
    policy.addListener(new PolicyAudit(engine::audit));
    return new Healguard(policy, engine, store);
  }

  public PolicyManager policy() {
    return policy;
  }

  public RecoveryEngine engine() {
    return engine;
  }

  public StateStore store() {
    return store;
  }

  /** Compares every live decision with {@code candidate}'s answer into {@code recorder}; never acted on. */
  public void shadow(ShadowPolicy candidate, ShadowRecorder recorder) {
    this.shadowPolicy = candidate;
    this.shadowRecorder = recorder;
    engine.shadow(candidate, recorder);
  }

  /** The shadow candidate, or null when shadow mode is off. */
  public ShadowPolicy shadowPolicy() {
    return shadowPolicy;
  }

  public ShadowRecorder shadowRecorder() {
    return shadowRecorder;
  }

  @Override
  public void close() {
    if (shadowPolicy != null) {
      shadowPolicy.close();
    }
    policy.close();
    store.close();
  }
}
