package io.healguard.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healguard.api.auth.ApiToken;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.health.UnitNames;
import io.healguard.engine.json.Json;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.policy.UnitView;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Unit views (list with paging, one unit with its last execution) and the alerts derived from them. */
final class UnitResource {
  static final int DEFAULT_LIMIT = 100;
  static final int MAX_LIMIT = 1000;

  private final ApiDeps deps;

  UnitResource(ApiDeps deps) {
    this.deps = deps;
  }

  Future<Reply> list(RoutingContext ctx, ApiToken caller) {
    CircuitState state = state(ctx.request().getParam("state"));
    int limit = Params.limit(ctx.request().getParam("limit"), DEFAULT_LIMIT, MAX_LIMIT);
    String after = cursor(ctx.request().getParam("cursor"));
    // views read the store: with a shared database that is I/O, so never on the event loop
    return deps.reads().executeBlocking(() -> deps.healguard().engine().views(), false)
        .map(all -> page(all, state, limit, after));
  }

  private static Reply page(List<UnitView> all, CircuitState state, int limit, String after) {
    List<UnitView> page = all.stream()
        .filter(v -> after == null || v.unit().compareTo(after) > 0)
        .filter(v -> state == null || v.state().circuit() == state)
        .limit(limit + 1L)
        .toList();
    Map<String, Object> body = new LinkedHashMap<>();
    boolean more = page.size() > limit;
    List<UnitView> items = more ? page.subList(0, limit) : page;
    body.put("units", items);
    if (more) {
      body.put("nextCursor", Base64.getUrlEncoder().withoutPadding()
          .encodeToString(items.get(items.size() - 1).unit().getBytes(StandardCharsets.UTF_8)));
    }
    return Reply.ok(body);
  }

  Future<Reply> one(RoutingContext ctx, ApiToken caller) {
    String unit = UnitNames.require("unit", ctx.pathParam("unit"));
    // the view and the last execution (in the audit, so it survives a restart) read the store
    return deps.reads().executeBlocking(() -> {
          UnitView view = deps.healguard().engine().view(unit).orElseThrow(() ->
              ApiException.notFound("unit " + unit + " is not known: not configured and never reported"));
          return Map.entry(view, deps.healguard().store().audit(new AuditQuery(unit, AuditType.RESTART_EXECUTED, null, 1)));
        }, false)
        .map(found -> {
          UnitView view = found.getKey();
          var events = found.getValue();
          ObjectNode n = Json.MAPPER.valueToTree(view);
          if (!events.isEmpty()) {
            n.set("lastExecution", Json.MAPPER.valueToTree(lastExecution(events.get(0))));
          }
          return Reply.ok(n);
        });
  }

  Future<Reply> alerts(RoutingContext ctx, ApiToken caller) {
    return deps.reads().executeBlocking(() -> Reply.ok(Map.of("alerts", deps.alerts().active())), false);
  }

  private static Map<String, Object> lastExecution(AuditEvent e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("at", e.at());
    m.put("actor", e.actor());
    m.put("result", e.reason());
    if (e.detail() != null) m.putAll(e.detail());
    return m;
  }

  private static CircuitState state(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      return CircuitState.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field("state", s, "one of CLOSED, OPEN, HALF_OPEN");
    }
  }

  private static String cursor(String c) {
    if (c == null || c.isBlank()) return null;
    try {
      return new String(Base64.getUrlDecoder().decode(c.trim()), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field("cursor", c, "the nextCursor of a previous page");
    }
  }
}
