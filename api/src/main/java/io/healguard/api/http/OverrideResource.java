package io.healguard.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healguard.api.auth.ApiToken;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.UnitNames;
import io.healguard.engine.json.Durations;
import io.healguard.engine.json.Json;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import io.healguard.engine.policy.UnitView;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Operator overrides (HOLD, RELEASE, FORCE_RESTART, RESET), the manual restart (a FORCE_RESTART
 * with its execution) and the list of active holds. The actor is always the token's name, never
 * something the body says.
 */
final class OverrideResource {
  private static final Set<String> OVERRIDE_FIELDS = Set.of("mode", "reason", "ttl");
  private static final Set<String> RESTART_FIELDS = Set.of("reason");
  /** What the docs promise for a hold; a hold shorter than a second would end before anyone saw it. */
  static final Duration MIN_TTL = Duration.ofSeconds(1);
  static final Duration MAX_TTL = Duration.ofHours(24);

  private final ApiDeps deps;

  OverrideResource(ApiDeps deps) {
    this.deps = deps;
  }

  Future<Reply> post(RoutingContext ctx, ApiToken caller) {
    String unit = knownUnit(ctx);
    ObjectNode o = Bodies.object(Bodies.json(ctx), "an override", OVERRIDE_FIELDS);
    String modeText = Bodies.text(o, "mode");
    if (modeText == null) {
      throw InvalidInputException.field("mode", null, "one of HOLD, RELEASE, FORCE_RESTART, RESET");
    }
    OverrideMode mode = OverrideMode.parse("mode", modeText);
    String ttlText = Bodies.text(o, "ttl");
    Duration ttl = ttlText == null ? null : ttl(ttlText);
    Input.OperatorOverride in = new Input.OperatorOverride(unit, mode, caller.name(), Bodies.text(o, "reason"), ttl);
    return decide(in);
  }

  private static Duration ttl(String text) {
    Duration d = Durations.parse("ttl", text);
    if (d.compareTo(MIN_TTL) < 0 || d.compareTo(MAX_TTL) > 0) {
      throw InvalidInputException.field("ttl", text, "between 1s and 24h");
    }
    return d;
  }

  Future<Reply> restart(RoutingContext ctx, ApiToken caller) {
    String unit = knownUnit(ctx);
    ObjectNode o = Bodies.object(Bodies.json(ctx), "a restart request", RESTART_FIELDS);
    return decide(new Input.OperatorOverride(unit, OverrideMode.FORCE_RESTART, caller.name(), Bodies.text(o, "reason"), null));
  }

  Future<Reply> list(RoutingContext ctx, ApiToken caller) {
    return deps.reads().executeBlocking(() -> deps.healguard().engine().views(), false)
        .map(views -> Reply.ok(Map.of("overrides",
            views.stream().filter(v -> v.hold() != null).map(OverrideResource::hold).toList())));
  }

  private Future<Reply> decide(Input.OperatorOverride in) {
    return deps.decisions().override(in).map(a -> {
      ObjectNode n = Json.MAPPER.valueToTree(a.decision());
      n.put("executor", deps.executor().mode().label());
      if (a.execution() != null) {
        n.set("execution", Json.MAPPER.valueToTree(a.execution().toDetail()));
      }
      return Reply.ok(n);
    });
  }

  /** Overrides and restarts name a unit the service knows: a typo must not restart something else. */
  private String knownUnit(RoutingContext ctx) {
    String unit = UnitNames.require("unit", ctx.pathParam("unit"));
    if (deps.healguard().engine().view(unit).isEmpty()) {
      throw ApiException.notFound("unit " + unit + " is not known: not configured and never reported");
    }
    return unit;
  }

  private static Map<String, Object> hold(UnitView v) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("unit", v.unit());
    m.put("mode", "HOLD");
    m.put("actor", v.hold().actor());
    m.put("reason", v.hold().reason());
    m.put("setAt", v.hold().setAt());
    m.put("expiresAt", v.hold().expiresAt());
    return m;
  }
}
