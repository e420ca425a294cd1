package io.healguard.api.http;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healguard.api.auth.ApiToken;
import io.healguard.engine.rules.ArchivedPolicy;
import io.healguard.engine.rules.PolicyArchive;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.rules.PolicyPin;
import io.healguard.engine.rules.PolicyProblem;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.ReloadOutcome;
import io.healguard.engine.rules.UnknownPolicyVersionException;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The policy in force, reloading it, its archived versions and rolling back to one; reloads and
 * rollbacks compile off the event loop. A rollback pins its version: the file watch does not
 * replace it until a file of the tables directory changes or someone reloads explicitly, and
 * {@code GET /api/v1/policy} says so under {@code pinned}. On a shared store a reload or rollback
 * also becomes the version every replica adopts; {@code shared} says whether that is written yet.
 */
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
    if (pm.pinned() != null) {
      m.put("pinned", pinned(pm));
    }
    if (deps.sync() != null) {
      m.put("shared", deps.sync().describe());
    }
    return Future.succeededFuture(Reply.ok(m));
  }

  Future<Reply> versions(RoutingContext ctx, ApiToken caller) {
    PolicyManager pm = deps.healguard().policy();
    PolicyArchive archive = pm.archive();
    return deps.reads().executeBlocking(() -> archive == null ? List.<ArchivedPolicy>of() : archive.list(), false)
        .map(list -> {
          String active = pm.current().version();
          List<Map<String, Object>> out = list.stream().map(a -> {
            Map<String, Object> v = new LinkedHashMap<>();
            v.put("version", a.version());
            v.put("shortVersion", a.shortVersion());
            v.put("active", a.version().equals(active));
            v.put("firstActivatedAt", a.firstActivatedAt());
            v.put("lastActivation", a.lastActivation());
            v.put("activations", a.activations());
            v.put("files", a.files());
            return v;
          }).toList();
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("active", active);
          m.put("archive", archive == null ? null : archive.root().toString());
          m.put("versions", out);
          return Reply.ok(m);
        });
  }

  Future<Reply> rollback(RoutingContext ctx, ApiToken caller) {
    ObjectNode body = Bodies.object(Bodies.json(ctx), "the rollback request", Set.of("version"));
    String version = Bodies.text(body, "version");
    if (version == null || version.isBlank()) {
      throw ApiException.badRequest("version is required: the full version or a unique prefix of at least 8 hex digits, "
          + "as listed by GET /api/v1/policy/versions");
    }
    PolicyManager pm = deps.healguard().policy();
    if (pm.archive() == null) {
      throw ApiException.notFound("no policy archive is kept, so there is no version to roll back to");
    }
    return deps.reads().executeBlocking(() -> {
      try {
        return pm.rollback(version, caller.name());
      } catch (UnknownPolicyVersionException e) {
        throw ApiException.notFound(e.getMessage());
      }
    }, false).map(o -> {
      if (o.rejected()) {
        throw ApiException.unprocessable("Policy rejected",
            "the archived tables of " + shortOf(version) + " were rejected; policy " + shortOf(o.previousVersion())
                + " keeps deciding",
            Map.of("problems", problems(o.problems()), "activeVersion", o.previousVersion()));
      }
      Map<String, Object> m = outcome(o);
      if (pm.pinned() != null) {
        m.put("pinned", pinned(pm));
      }
      if (deps.sync() != null) {
        m.put("shared", deps.sync().describe());
      }
      return Reply.ok(m);
    });
  }

  private static Map<String, Object> pinned(PolicyManager pm) {
    PolicyPin pin = pm.pinned();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", pin.version());
    m.put("fromVersion", pin.fromVersion());
    m.put("at", pin.at());
    m.put("actor", pin.actor());
    m.put("tablesDir", pm.directory().toString());
    m.put("until", "the next POST /api/v1/policy/reload or a change of a file in " + pm.directory()
        + "; the file watch does not re-activate the files as they were at the rollback");
    return m;
  }

  Future<Reply> reload(RoutingContext ctx, ApiToken caller) {
    return deps.reads().executeBlocking(() -> deps.healguard().policy().reload(caller.name()), false)
        .map(o -> {
          if (o.rejected()) {
            throw ApiException.unprocessable("Policy rejected",
                "the tables were rejected; policy " + shortOf(o.previousVersion()) + " keeps deciding",
                Map.of("problems", problems(o.problems()), "activeVersion", o.previousVersion()));
          }
          Map<String, Object> m = outcome(o);
          if (deps.sync() != null) {
            m.put("shared", deps.sync().describe());
          }
          return Reply.ok(m);
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
