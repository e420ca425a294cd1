package io.healguard.api.http;

import io.healguard.api.alerting.WebhookIntake;
import io.healguard.api.auth.ApiToken;
import io.healguard.engine.decision.Decision;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code POST /api/v1/integrations/alertmanager}: an Alertmanager webhook notification taken in
 * as health reports ({@link WebhookIntake} says how). Answers 200 with what was decided and what
 * was skipped; 400 only when the body is no notification at all, since Alertmanager does not
 * retry a 4xx and would drop every alert in it.
 */
final class AlertmanagerWebhookResource {
  private final ApiDeps deps;
  private final WebhookIntake intake;

  AlertmanagerWebhookResource(ApiDeps deps) {
    this.deps = deps;
    this.intake = deps.alerting().intake();
  }

  Future<Reply> post(RoutingContext ctx, ApiToken caller) {
    WebhookIntake.Intake in = intake.read(Bodies.json(ctx));
    Future<List<Decision>> decided = in.reports().isEmpty() ? Future.succeededFuture(List.of())
        : deps.decisions().reports(in.reports());
    return decided.map(ds -> {
      List<Map<String, Object>> out = new ArrayList<>();
      for (int i = 0; i < ds.size(); i++) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("unit", in.reports().get(i).unit());
        m.put("status", in.reports().get(i).status().name());
        m.put("source", in.reports().get(i).source());
        m.put("decision", ds.get(i));
        out.add(m);
      }
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("decided", out);
      body.put("skipped", in.skipped());
      return Reply.ok(body);
    });
  }
}
