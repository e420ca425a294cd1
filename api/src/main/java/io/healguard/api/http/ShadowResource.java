package io.healguard.api.http;

import io.healguard.api.auth.ApiToken;
import io.healguard.engine.rules.PolicyProblem;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.ReloadOutcome;
import io.healguard.engine.rules.ShadowPolicy;
import io.healguard.engine.rules.ShadowRecorder;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Shadow mode's report: the candidate in force (or why none is), how many live decisions it was
 * compared with and the latest disagreements with both rows. The candidate is asked with the live
 * state, so this shows where it would decide differently now, not the history it would have made.
 */
final class ShadowResource {
  static final String CAVEAT = "The shadow policy is asked with the live state: this shows where it would decide "
      + "differently now, not the alternative history it would have produced (its own restarts, circuit and "
      + "cooldowns); replay inputs with `healguard policy diff` for that.";

  private final ApiDeps deps;

  ShadowResource(ApiDeps deps) {
    this.deps = deps;
  }

  Future<Reply> get(RoutingContext ctx, ApiToken caller) {
    ShadowPolicy candidate = deps.healguard().shadowPolicy();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("enabled", candidate != null);
    if (candidate == null) {
      m.put("detail", "shadow mode is off: set policy.shadow-tables to a directory of candidate tables");
      return Future.succeededFuture(Reply.ok(m));
    }
    PolicySnapshot p = candidate.current();
    ShadowRecorder.Summary s = deps.healguard().shadowRecorder().summary();
    m.put("tablesDir", candidate.directory().toString());
    m.put("liveVersion", deps.healguard().policy().current().version());
    m.put("shadowVersion", p == null ? null : p.version());
    m.put("shadowLoadedAt", p == null ? null : p.loadedAt());
    boolean countsOfThis = p != null && p.version().equals(s.shadowVersion());
    m.put("since", countsOfThis ? s.since() : null);
    m.put("compared", countsOfThis ? s.compared() : 0);
    m.put("disagreements", countsOfThis ? s.disagreements() : 0);
    m.put("byAction", countsOfThis ? s.byAction() : java.util.List.of());
    m.put("latest", countsOfThis ? s.latest() : java.util.List.of());
    ReloadOutcome rejected = candidate.lastRejected();
    if (rejected != null) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("at", rejected.at());
      r.put("actor", rejected.actor());
      r.put("problems", rejected.problems().stream().map(PolicyProblem::toString).toList());
      m.put("lastRejected", r);
    }
    m.put("caveat", CAVEAT);
    return Future.succeededFuture(Reply.ok(m));
  }
}
