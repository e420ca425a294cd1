package io.healguard.api.console;

import io.vertx.core.Handler;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.ext.web.handler.StaticHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Serves the console: the page at {@code /} and its assets under {@code /ui/}, all from the jar's
 * {@code console/} folder. Only these responses carry the console's security headers; the API's
 * answers are left exactly as they were. The policy allows scripts and styles from this origin
 * only, so an inline script (or one injected through a unit name) never runs.
 */
public final class ConsoleRoutes {
  public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; "
      + "connect-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";
  static final String WEBROOT = "console";

  private final Buffer index;

  public ConsoleRoutes() {
    this.index = resource(WEBROOT + "/index.html");
  }

  /** Adds the console's routes; {@code before} runs first on each (the API's request timing). */
  public void mount(Router router, Handler<RoutingContext> before) {
    router.get("/").handler(before).handler(ConsoleRoutes::secure).handler(this::index);
    router.get("/ui").handler(before).handler(ctx -> ctx.redirect("/ui/"));
    router.get("/ui/*").handler(before).handler(ConsoleRoutes::secure)
        .handler(StaticHandler.create(WEBROOT).setIndexPage("index.html").setCachingEnabled(false));
  }

  private void index(RoutingContext ctx) {
    ctx.response().putHeader(HttpHeaders.CONTENT_TYPE, "text/html; charset=utf-8").end(index);
  }

  static void secure(RoutingContext ctx) {
    ctx.response()
        .putHeader("Content-Security-Policy", CSP)
        .putHeader("X-Content-Type-Options", "nosniff")
        .putHeader("Referrer-Policy", "no-referrer")
        .putHeader("X-Frame-Options", "DENY")
        // the page holds no secret (the token lives in session storage), but a shared proxy must not keep it
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    ctx.next();
  }

  private static Buffer resource(String path) {
    try (InputStream in = ConsoleRoutes.class.getClassLoader().getResourceAsStream(path)) {
      if (in == null) {
        throw new IllegalStateException("the jar has no " + path + ": the console was not packaged");
      }
      return Buffer.buffer(in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException("read " + path + " from the jar", e);
    }
  }
}
