package io.healguard.api.http;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.auth.Role;
import io.healguard.api.console.ActionPreview;
import io.healguard.api.console.ChangeFeed;
import io.healguard.api.console.RunbookTables;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.UnitNames;
import io.healguard.engine.json.Durations;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import io.healguard.engine.policy.UnitView;
import io.healguard.engine.rules.PolicyArchive;
import io.healguard.engine.rules.PolicyManager;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.ReloadOutcome;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the console needs beyond the other resources, each usable with curl as well: who a token
 * is ({@code whoami}), what changed since a cursor ({@code changes}), what an override would do
 * ({@code preview}) and the tables in force as the runbook shows them ({@code tables}). None of
 * them changes anything.
 */
final class ConsoleResource {
  /** However many pages poll, the fleet is read at most this often. */
  static final Duration FEED_REFRESH = Duration.ofMillis(200);
  /** Units per answer unless the caller asks for another limit: bounds a page's cost in a storm. */
  static final int FEED_LIMIT = 200;

  private final ApiDeps deps;
  private final ChangeFeed feed;

  ConsoleResource(ApiDeps deps) {
    this.deps = deps;
    this.feed = new ChangeFeed(() -> deps.healguard().engine().views(), () -> deps.alerts().active(),
        this::policySummary, deps.clock(), System::nanoTime, FEED_REFRESH.toNanos());
  }

  Future<Reply> whoami(RoutingContext ctx, ApiToken caller) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", caller.name());
    m.put("role", caller.role().label());
    m.put("mayView", caller.role().allows(Role.VIEWER));
    m.put("mayOperate", caller.role().allows(Role.OPERATOR));
    m.put("mayAdminister", caller.role().allows(Role.ADMIN));
    return Future.succeededFuture(Reply.ok(m));
  }

  Future<Reply> changes(RoutingContext ctx, ApiToken caller) {
    String cursor = ctx.request().getParam("cursor");
    int limit = Params.limit(ctx.request().getParam("limit"), FEED_LIMIT, UnitResource.MAX_LIMIT);
    return deps.reads().executeBlocking(() -> feed.since(cursor, limit), false).map(c -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cursor", c.cursor());
      m.put("full", c.full());
      m.put("more", c.more());
      // the page's countdowns run on the service's clock, not the browser's
      m.put("now", deps.clock().instant());
      m.put("units", c.units());
      if (c.alerts() != null) m.put("alerts", c.alerts());
      if (c.policy() != null) m.put("policy", c.policy());
      return Reply.ok(m);
    });
  }

  Future<Reply> preview(RoutingContext ctx, ApiToken caller) {
    String unit = UnitNames.require("unit", ctx.pathParam("unit"));
    String modeText = ctx.request().getParam("mode");
    if (modeText == null) {
      throw InvalidInputException.field("mode", null, "one of HOLD, RELEASE, FORCE_RESTART, RESET");
    }
    OverrideMode mode = OverrideMode.parse("mode", modeText);
    String ttlText = ctx.request().getParam("ttl");
    Duration ttl = ttlText == null || ttlText.isBlank() ? null : Durations.parse("ttl", ttlText);
    // the same checks (and the same default TTL) as the override it previews
    Input.OperatorOverride in = new Input.OperatorOverride(unit, mode, caller.name(), ctx.request().getParam("reason"), ttl);
    return deps.reads().executeBlocking(() -> {
      UnitView v = deps.healguard().engine().view(unit).orElseThrow(() ->
          ApiException.notFound("unit " + unit + " is not known: not configured and never reported"));
      PolicySnapshot p = deps.healguard().policy().current();
      return Reply.ok(ActionPreview.of(v, p.thresholds(v.tier()), in, deps.clock().instant()));
    }, false);
  }

  /**
   * The tables of the version in force: its archived copy when there is one (after a rollback the
   * files in the tables directory are not what decides), else the tables directory.
   */
  Future<Reply> tables(RoutingContext ctx, ApiToken caller) {
    PolicyManager pm = deps.healguard().policy();
    PolicySnapshot p = pm.current();
    PolicyArchive archive = pm.archive();
    Path archived = archive == null ? null : archive.root().resolve(p.version());
    Path dir = archived != null && Files.isDirectory(archived) ? archived : pm.directory();
    return deps.reads().executeBlocking(() -> {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("version", p.version());
      m.put("shortVersion", p.shortVersion());
      m.put("from", dir.toString());
      m.put("tables", RunbookTables.of(dir));
      return Reply.ok(m);
    }, false);
  }

  private Object policySummary() {
    PolicyManager pm = deps.healguard().policy();
    PolicySnapshot p = pm.current();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", p.version());
    m.put("shortVersion", p.shortVersion());
    m.put("loadedAt", p.loadedAt());
    ReloadOutcome r = pm.lastRejected();
    if (r != null) {
      Map<String, Object> rej = new LinkedHashMap<>();
      rej.put("at", r.at());
      rej.put("actor", r.actor());
      rej.put("problems", r.problems().stream().map(Object::toString).toList());
      m.put("lastRejected", rej);
    }
    return m;
  }
}
