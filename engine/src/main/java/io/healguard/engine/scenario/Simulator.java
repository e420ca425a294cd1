package io.healguard.engine.scenario;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healguard.engine.json.Json;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.StateStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Runs a scenario through the same engine the service runs, on the scenario's clock: no sleeping,
 * and no store on disk unless one is given.
 */
public final class Simulator {
  private Simulator() {}

  /** Compiles {@code tables} and runs the scenario on them. */
  public static List<StepResult> run(Scenario sc, Path tables, SafetyEnvelope envelope, StateStore store,
      Consumer<StepResult> each) {
    return run(sc, new PolicyCompiler(new ScenarioClock(sc.start())).compile(tables), envelope, store, each);
  }

  /**
   * Runs the scenario on an already compiled policy: what-if tools run one scenario through two
   * policies, and test suites compile once for many scenarios.
   */
  public static List<StepResult> run(Scenario sc, PolicySnapshot policy, SafetyEnvelope envelope,
      StateStore store, Consumer<StepResult> each) {
    ScenarioClock clock = new ScenarioClock(sc.start());
    List<StepResult> out = new ArrayList<>();
    SafetyEnvelope env = sc.maxRestartsPerHour() == null ? envelope : new SafetyEnvelope(sc.maxRestartsPerHour());
    StateStore st = store == null ? LocalStateStore.memory() : store;
    try {
      RecoveryEngine engine = new RecoveryEngine(() -> policy, st, clock, env, sc.units());
      for (Step step : sc.steps()) {
        clock.set(sc.start().plus(step.at()));
        engine.expireHolds();
        Decision d = engine.decide(step.input());
        StepResult r = new StepResult(step, d, compare(step.expect(), d));
        out.add(r);
        if (each != null) each.accept(r);
      }
    } finally {
      st.close();
    }
    return out;
  }

  /** One JSON object per decision: the fields of {@link Decision}, flat, with the step number. */
  public static ObjectNode toJson(StepResult r) {
    ObjectNode n = Json.MAPPER.createObjectNode();
    n.put("step", r.step().number());
    n.setAll((ObjectNode) Json.MAPPER.valueToTree(r.decision()));
    n.remove("id");
    return n;
  }

  static List<String> compare(Map<String, String> expect, Decision d) {
    List<String> diffs = new ArrayList<>();
    if (expect.isEmpty()) return diffs;
    JsonNode actual = Json.MAPPER.valueToTree(d);
    for (Map.Entry<String, String> e : expect.entrySet()) {
      JsonNode v = actual.at("/" + e.getKey().replace('.', '/'));
      String got = v.isMissingNode() || v.isNull() ? "null" : v.asText();
      if (!got.equals(e.getValue())) {
        diffs.add(e.getKey() + ": expected " + e.getValue() + ", got " + got);
      }
    }
    return diffs;
  }
}
