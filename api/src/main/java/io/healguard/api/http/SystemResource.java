package io.healguard.api.http;

import io.healguard.api.auth.ApiToken;
import io.healguard.engine.rules.PolicySnapshot;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Health, metrics, the OpenAPI document and the do-nothing ping the load test compares against. */
final class SystemResource {
  static final String OPENAPI = "openapi.yaml";
  private final ApiDeps deps;
  private final String openapi;

  SystemResource(ApiDeps deps) {
    this.deps = deps;
    this.openapi = resource(OPENAPI);
  }

  Future<Reply> health(RoutingContext ctx, ApiToken caller) {
    PolicySnapshot p = deps.healguard().policy().current();
    boolean writable = deps.healguard().store().writable();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("status", writable ? "UP" : "DOWN");
    m.put("policy", Map.of("version", p.version(), "shortVersion", p.shortVersion(), "loadedAt", p.loadedAt()));
    m.put("store", Map.of("writable", writable, "describe", deps.healguard().store().describe()));
    m.put("alerting", deps.alerting().health()); // details only: an unreachable Alertmanager is not unready
    return Future.succeededFuture(Reply.status(writable ? 200 : 503, m));
  }

  Future<Reply> metrics(RoutingContext ctx, ApiToken caller) {
    return deps.reads().executeBlocking(() -> deps.metrics().scrape(), false)
        .map(text -> Reply.text("text/plain; version=0.0.4; charset=utf-8", text));
  }

  Future<Reply> openapi(RoutingContext ctx, ApiToken caller) {
    return Future.succeededFuture(Reply.text("application/yaml; charset=utf-8", openapi));
  }

  Future<Reply> ping(RoutingContext ctx, ApiToken caller) {
    return Future.succeededFuture(Reply.ok(Map.of("pong", true)));
  }

  static String resource(String name) {
    try (InputStream in = SystemResource.class.getClassLoader().getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException(name + " is missing from the classpath");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
