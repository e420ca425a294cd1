package io.healguard.api.http;

import io.healguard.api.auth.ApiToken;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.health.UnitNames;
import io.healguard.engine.json.Durations;
import io.healguard.engine.json.Instants;
import io.healguard.engine.json.Json;
import io.vertx.core.Future;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;

/** {@code GET /api/v1/audit}: newest first, as JSON or as JSON lines for {@code jq} and log tools. */
final class AuditResource {
  static final String NDJSON = "application/x-ndjson";
  static final int DEFAULT_LIMIT = 100;

  private final ApiDeps deps;

  AuditResource(ApiDeps deps) {
    this.deps = deps;
  }

  Future<Reply> get(RoutingContext ctx, ApiToken caller) {
    var p = ctx.request();
    String unit = p.getParam("unit") == null ? null : UnitNames.require("unit", p.getParam("unit"));
    AuditQuery q = new AuditQuery(unit, type(p.getParam("type")), since(p.getParam("since")),
        Params.limit(p.getParam("limit"), DEFAULT_LIMIT, AuditQuery.MAX_LIMIT));
    boolean lines = jsonLines(p.getParam("format"), p.getHeader(HttpHeaders.ACCEPT));
    return deps.reads().executeBlocking(() -> deps.healguard().store().audit(q), false).map(events -> {
      if (!lines) {
        return Reply.ok(Map.of("events", events));
      }
      StringBuilder sb = new StringBuilder();
      for (AuditEvent e : events) {
        sb.append(Json.write(e)).append('\n');
      }
      return Reply.text(NDJSON + "; charset=utf-8", sb.toString());
    });
  }

  private static boolean jsonLines(String format, String accept) {
    if (format != null) {
      switch (format.trim().toLowerCase(Locale.ROOT)) {
        case "jsonl":
        case "ndjson":
          return true;
        case "json":
          return false;
        default:
          throw InvalidInputException.field("format", format, "one of json, jsonl");
      }
    }
    return accept != null && accept.contains(NDJSON);
  }

  private static AuditType type(String s) {
    if (s == null || s.isBlank()) return null;
    try {
      return AuditType.valueOf(s.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw InvalidInputException.field("type", s, "one of " + Arrays.toString(AuditType.values()));
    }
  }

  /** An instant, or a duration meaning "that long ago" ({@code since=15m}). */
  private Instant since(String s) {
    if (s == null || s.isBlank()) return null;
    if (Instants.looksLikeOne(s)) {
      return Instants.parse("since", s);
    }
    try {
      // at most Durations.MAX (100 years) ago: never an overflow
      return deps.clock().instant().minus(Durations.parse("since", s));
    } catch (InvalidInputException notDuration) {
      throw InvalidInputException.field("since", s,
          "an RFC 3339 instant with a year 0000-9999 (2025-01-31T12:00:00Z) or a duration ago up to 36500d (15m)");
    }
  }
}
