package io.healguard.api.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healguard.api.auth.ApiToken;
import io.healguard.engine.cause.CauseJson;
import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.health.UnitNames;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /api/v1/reports}: one report or an array. Every report is validated before any is
 * decided, so a bad element rejects the whole request and changes nothing.
 */
final class ReportResource {
  static final int MAX_BATCH = 500;
  private static final Set<String> FIELDS = Set.of("unit", "status", "observedAt", "source", "detail", "cause");

  private final ApiDeps deps;

  ReportResource(ApiDeps deps) {
    this.deps = deps;
  }

  Future<Reply> post(RoutingContext ctx, ApiToken caller) {
    JsonNode body = Bodies.json(ctx);
    if (body.isArray()) {
      if (body.isEmpty() || body.size() > MAX_BATCH) {
        throw ApiException.badRequest("a report array must hold 1 to " + MAX_BATCH + " reports, but held " + body.size());
      }
      List<HealthReport> reports = new ArrayList<>(body.size());
      for (int i = 0; i < body.size(); i++) {
        reports.add(report(body.get(i), "[" + i + "]."));
      }
      return deps.decisions().reports(reports).map(Reply::ok);
    }
    HealthReport r = report(body, "");
    return deps.decisions().reports(List.of(r)).map(ds -> Reply.ok(ds.get(0)));
  }

  private static HealthReport report(JsonNode n, String at) {
    ObjectNode o = Bodies.object(n, at.isEmpty() ? "a report" : "report " + at.substring(0, at.length() - 1), FIELDS);
    String unit = UnitNames.require(at + "unit", Bodies.text(o, "unit"));
    HealthStatus status = HealthStatus.parse(at + "status", Bodies.text(o, "status"));
    // observedAt is the reporter's clock: recorded and shown, never used to decide
    // the cause says why it failed: classified by the causes table, never used for time
    FailureCause cause = CauseJson.read(at + "cause", o.get("cause"));
    return new HealthReport(unit, status, Bodies.instant(o, "observedAt"), Bodies.text(o, "source"), Bodies.text(o, "detail"),
        cause);
  }
}
