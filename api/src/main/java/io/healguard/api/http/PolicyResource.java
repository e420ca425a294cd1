package io.healguard.api.http;

import io.healguard.api.auth.ApiToken;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.rules.PolicyProblem;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.ReloadOutcome;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The policy in force and reloading it; a reload compiles off the event loop. */
final class PolicyResource {
  private final ApiDeps deps;

  PolicyResource(ApiDeps deps) {
    this.deps = deps;
  }

  Future<Reply> get(RoutingContext ctx, ApiToken caller) {
    PolicyManager pm = deps.healguard().policy();
    PolicySnapshot p = pm.current();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", p.version());
    m.put("shortVersion", p.shortVersion());
    m.put("loadedAt", p.loadedAt());
    m.put("source", p.source() == null ? null : p.source().toString());
    m.put("tables", p.tables());
    m.put("thresholds", p.allThresholds());
    m.put("warnings", problems(p.warnings()));
    if (pm.lastRejected() != null) {
      m.put("lastRejected", outcome(pm.lastRejected()));
    }
    return Future.succeededFuture(Reply.ok(m));
  }

  Future<Reply> reload(RoutingContext ctx, ApiToken caller) {
    return deps.reads().executeBlocking(() -> deps.healguard().policy().reload(caller.name()), false)
        .map(o -> {
          if (o.rejected()) {
            throw ApiException.unprocessable("Policy rejected",
                "the tables were rejected; policy " + shortOf(o.previousVersion()) + " keeps deciding",
                Map.of("problems", problems(o.problems()), "activeVersion", o.previousVersion()));
          }
          return Reply.ok(outcome(o));
        });
  }

  private static Map<String, Object> outcome(ReloadOutcome o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", o.status().name());
    m.put("version", o.version());
    m.put("previousVersion", o.previousVersion());
    m.put("at", o.at());
    m.put("actor", o.actor());
    m.put("problems", problems(o.problems()));
    return m;
  }

  private static List<String> problems(List<PolicyProblem> ps) {
    return ps.stream().map(PolicyProblem::toString).toList();
  }

  private static String shortOf(String v) {
    return v == null || v.length() <= 12 ? v : v.substring(0, 12);
  }
}
