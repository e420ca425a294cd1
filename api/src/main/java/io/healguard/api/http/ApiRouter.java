package io.healguard.api.http;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.auth.Role;
import io.healguard.api.auth.Tokens;
import io.healguard.api.console.ConsoleRoutes;
import io.healguard.api.metrics.ServiceMetrics;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.json.Json;
import io.healguard.engine.store.StoreUnavailableException;
import io.vertx.core.Future;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.BodyHandler;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds the API's router from a route table, behind the {@link RequestGate} (Host, percent-encoding)
 * and with every refusal going through {@link Problems}. Every route gets the same treatment in the same
 * order: latency timing by route template, body limit, bearer authentication against its role,
 * the endpoint, and errors as problem+json. A new route is one line in the table (and a path in
 * {@code openapi.yaml}; a test compares the two).
 */
public final class ApiRouter {
  private static final Logger LOG = LoggerFactory.getLogger(ApiRouter.class);
  public static final int MAX_BODY_BYTES = 64 * 1024;
  public static final String PROBLEM_JSON = Problems.PROBLEM_JSON;
  private static final String ROUTE_KEY = "healguard.route";

  /** One API route; {@code path} in OpenAPI syntax ({@code /units/{unit}}); {@code role} null: open. */
  public record RouteSpec(HttpMethod method, String path, Role role, Endpoint endpoint) {
    String vertxPath() {
      return path.replaceAll("\\{([^}/]+)}", ":$1");
    }
  }

  /** Method label values: the methods the API or a client library can name; anything else is OTHER. */
  private static final Set<String> KNOWN_METHODS = Set.of("GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS");

  private final List<RouteSpec> routes;
  private final Tokens tokens;
  private final ServiceMetrics metrics;
  private final Problems problems;
  /** Open connections across every verticle instance (they share this router's table). */
  private final AtomicInteger connections = new AtomicInteger();

  public ApiRouter(ApiDeps deps) {
    this.tokens = deps.tokens();
    this.metrics = deps.metrics();
    this.problems = new Problems(deps.metrics());
    SystemResource system = new SystemResource(deps);
    ReportResource reports = new ReportResource(deps);
    UnitResource units = new UnitResource(deps);
    OverrideResource overrides = new OverrideResource(deps);
    AuditResource audit = new AuditResource(deps);
    PolicyResource policy = new PolicyResource(deps);
    DriftResource drift = new DriftResource(deps);
    List<RouteSpec> r = new ArrayList<>();
    r.add(new RouteSpec(HttpMethod.GET, "/health", null, system::health));
    r.add(new RouteSpec(HttpMethod.GET, "/metrics", null, system::metrics));
    r.add(new RouteSpec(HttpMethod.GET, "/openapi.yaml", null, system::openapi));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/ping", Role.REPORTER, system::ping));
    r.add(new RouteSpec(HttpMethod.POST, "/api/v1/reports", Role.REPORTER, reports::post));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/units", Role.VIEWER, units::list));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/units/{unit}", Role.VIEWER, units::one));
    r.add(new RouteSpec(HttpMethod.POST, "/api/v1/units/{unit}/overrides", Role.OPERATOR, overrides::post));
    r.add(new RouteSpec(HttpMethod.POST, "/api/v1/units/{unit}/restart", Role.OPERATOR, overrides::restart));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/overrides", Role.VIEWER, overrides::list));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/alerts", Role.VIEWER, units::alerts));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/audit", Role.VIEWER, audit::get));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/policy", Role.VIEWER, policy::get));
    r.add(new RouteSpec(HttpMethod.POST, "/api/v1/policy/reload", Role.ADMIN, policy::reload));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/drift", Role.VIEWER, drift::get));
    r.add(new RouteSpec(HttpMethod.POST, "/api/v1/drift/scan", Role.OPERATOR, drift::scan));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/policy/versions", Role.VIEWER, policy::versions));
    r.add(new RouteSpec(HttpMethod.POST, "/api/v1/policy/rollback", Role.ADMIN, policy::rollback));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/policy/shadow", Role.VIEWER, new ShadowResource(deps)::get));
    r.add(new RouteSpec(HttpMethod.POST, "/api/v1/integrations/alertmanager", Role.REPORTER, new AlertmanagerWebhookResource(deps)::post));
    ConsoleResource console = new ConsoleResource(deps);
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/whoami", Role.REPORTER, console::whoami));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/changes", Role.VIEWER, console::changes));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/units/{unit}/preview", Role.VIEWER, console::preview));
    r.add(new RouteSpec(HttpMethod.GET, "/api/v1/policy/tables", Role.VIEWER, console::tables));
    this.routes = List.copyOf(r);
  }

  public List<RouteSpec> routes() {
    return routes;
  }

  Problems problems() {
    return problems;
  }

  AtomicInteger connections() {
    return connections;
  }

  /** The router behind the {@link RequestGate}: what a server's request handler runs. */
  public Handler<HttpServerRequest> handler(Vertx vertx) {
    Router router = router(vertx);
    return req -> {
      ApiException refused = RequestGate.check(req);
      if (refused != null) {
        metrics.request(method(req.method()), "unmatched", refused.status(), 0);
        // an unread body cannot be skipped safely: close after answering
        problems.send(req, refused, !req.isEnded());
      } else {
        router.handle(req);
      }
    };
  }

  public Router router(Vertx vertx) {
    Router router = Router.router(vertx);
    router.route().handler(this::time);
    // before any async step: the body handler must see the request from its first byte
    // preallocated: a buffer of the declared Content-Length (capped by Vert.x at 64 KiB, our limit)
    // instead of 1 KiB for every report of about 70 bytes; the limit is still enforced as it arrives
    router.route().handler(BodyHandler.create(false).setBodyLimit(MAX_BODY_BYTES).setPreallocateBodyBuffer(true));
    for (RouteSpec spec : routes) {
      router.route(spec.method(), spec.vertxPath()).handler(ctx -> run(spec, ctx));
      if (spec.method() == HttpMethod.GET) {
        // HEAD wherever GET: the same work and headers, Vert.x leaves out the body
        router.route(HttpMethod.HEAD, spec.vertxPath()).handler(ctx -> run(spec, ctx));
      }
    }
    // the console's pages, timed like the API under one route name; only they carry its headers
    new ConsoleRoutes().mount(router, ctx -> {
      ctx.put(ROUTE_KEY, "console");
      ctx.next();
    });
    router.route().failureHandler(this::failed);
    router.errorHandler(404, ctx -> problem(ctx, ApiException.notFound("no route " + ctx.request().method()
        + " " + Problems.safePath(ctx.request()) + "; see /openapi.yaml")));
    router.errorHandler(405, ctx -> {
      String allow = allowed(ctx.request().path());
      ctx.response().putHeader(HttpHeaders.ALLOW, allow);
      problem(ctx, ApiException.of(405, ProblemTypes.METHOD_NOT_ALLOWED, "Method not allowed",
          "method " + method(ctx.request().method()) + " is not allowed on " + Problems.safePath(ctx.request())
              + "; allowed: " + allow));
    });
    return router;
  }

  /** The methods some route answers on {@code path}, as the Allow header lists them. */
  String allowed(String path) {
    Set<String> methods = new TreeSet<>();
    for (RouteSpec spec : routes) {
      if (path != null && path.matches(spec.path().replaceAll("\\{[^}/]+}", "[^/]+"))) {
        methods.add(spec.method().name());
        if (spec.method() == HttpMethod.GET) methods.add("HEAD");
      }
    }
    return String.join(", ", methods);
  }

  /** A bounded label: made-up methods must not grow a series each. */
  static String method(HttpMethod m) {
    String name = m == null ? null : m.name();
    return name != null && KNOWN_METHODS.contains(name) ? name : "OTHER";
  }

  private void time(RoutingContext ctx) {
    long t0 = System.nanoTime();
    ctx.addEndHandler(v -> {
      String route = ctx.get(ROUTE_KEY);
      metrics.request(method(ctx.request().method()), route == null ? "unmatched" : route,
          ctx.response().getStatusCode(), System.nanoTime() - t0);
    });
    ctx.next();
  }

  private void run(RouteSpec spec, RoutingContext ctx) {
    ctx.put(ROUTE_KEY, spec.path());
    Future<Reply> reply;
    try {
      ApiToken caller = spec.role() == null ? null : authenticate(ctx, spec.role());
      reply = spec.endpoint().handle(ctx, caller);
    } catch (Exception e) {
      reply = Future.failedFuture(e);
    }
    reply.onSuccess(r -> write(ctx, r)).onFailure(e -> problem(ctx, toApi(e, ctx)));
  }

  private ApiToken authenticate(RoutingContext ctx, Role required) {
    String h = ctx.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (h == null || !h.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw ApiException.unauthorized("send Authorization: Bearer <token>");
    }
    ApiToken t = tokens.authenticate(h.substring(7).trim())
        .orElseThrow(() -> ApiException.unauthorized("the bearer token is not known"));
    if (!t.role().allows(required)) {
      throw ApiException.forbidden("token " + t.name() + " has role " + t.role().label() + "; "
          + ctx.request().method() + " " + ctx.get(ROUTE_KEY) + " needs " + required.label() + " or higher");
    }
    return t;
  }

  private void failed(RoutingContext ctx) {
    Throwable t = ctx.failure();
    if (t != null && !(t instanceof ApiException) && !ctx.request().isEnded()) {
      // the body failed while it was being read: the client's framing (a bad chunk size) or a
      // client that went away; neither is an error of ours
      if (ctx.response().closed() || ctx.request().connection() == null) {
        problems.disconnected(ctx.request());
      } else {
        problems.send(ctx.request(), ApiException.of(400, ProblemTypes.MALFORMED_BODY, "Malformed request body",
            "the request body could not be read: " + t.getMessage()
                + "; send Content-Length or valid chunked encoding"), true);
      }
      return;
    }
    if (t == null && ctx.statusCode() == 413) {
      problem(ctx, ApiException.of(413, ProblemTypes.BODY_TOO_LARGE, "Payload too large",
          "the request body is larger than " + MAX_BODY_BYTES + " bytes"));
    } else if (t == null && ctx.statusCode() == 404) {
      problem(ctx, ApiException.notFound("no route for the request target " + Problems.safePath(ctx.request())
          + "; targets are paths such as /api/v1/units, see /openapi.yaml"));
    } else if (t == null) {
      int sc = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
      problem(ctx, ApiException.of(sc, "http-" + sc, "HTTP " + sc, "the request failed with status " + sc));
    } else {
      problem(ctx, toApi(t, ctx));
    }
  }

  private static ApiException toApi(Throwable e, RoutingContext ctx) {
    if (e instanceof ApiException a) {
      return a;
    }
    if (e instanceof InvalidInputException) {
      return ApiException.badRequest(e.getMessage());
    }
    if (e instanceof StoreUnavailableException) {
      return ApiException.of(503, ProblemTypes.STORE_UNAVAILABLE, "Store unavailable", e.getMessage());
    }
    LOG.error("{} {} failed", ctx.request().method(), ctx.request().path(), e);
    return ApiException.of(500, ProblemTypes.INTERNAL, "Internal error", "the request failed; the server log has the cause");
  }

  private static void write(RoutingContext ctx, Reply r) {
    if (ctx.response().ended()) return;
    Buffer body = r.body() instanceof String s ? Buffer.buffer(s) : Buffer.buffer(Json.bytes(r.body()));
    ctx.response().setStatusCode(r.status()).putHeader(HttpHeaders.CONTENT_TYPE, r.contentType()).end(body);
  }

  private void problem(RoutingContext ctx, ApiException e) {
    // a 413 leaves the rest of the body unread: the connection cannot frame a next request
    problems.send(ctx.request(), e, e.status() == 413);
  }
}
