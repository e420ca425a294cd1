package io.healguard.api.http;

import io.healguard.api.config.ServiceConfig;
import io.netty.handler.codec.http.TooLongHttpHeaderException;
import io.netty.handler.codec.http.TooLongHttpLineException;
import io.vertx.core.Future;
import io.vertx.core.VerticleBase;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import java.util.concurrent.TimeUnit;

/**
 * One HTTP server instance; the service deploys one per core, all sharing the port (Vert.x
 * balances connections) and the same engine. HTTP/1.1 only: cleartext HTTP/2 (prior knowledge or
 * Upgrade) is off, so every connection passes the same limits and deadlines.
 */
public final class HttpVerticle extends VerticleBase {
  private final ApiRouter api;
  private final ServiceConfig.Http http;

  public HttpVerticle(ApiRouter api, ServiceConfig.Http http) {
    this.api = api;
    this.http = http;
  }

  static HttpServerOptions options(ServiceConfig.Http http) {
    return new HttpServerOptions()
        .setHost(http.host())
        .setPort(http.port())
        .setIdleTimeout((int) http.idleTimeout().toMillis())
        .setIdleTimeoutUnit(TimeUnit.MILLISECONDS)
        .setMaxInitialLineLength(http.maxRequestLine())
        .setMaxHeaderSize(http.maxHeaderSize())
        .setHttp2ClearTextEnabled(false);
  }

  @Override
  public Future<?> start() {
    ConnectionGuard guard = new ConnectionGuard(vertx, http, api.connections(), api.problems());
    var handler = api.handler(vertx);
    return vertx.createHttpServer(options(http))
        .connectionHandler(guard::connected)
        .invalidRequestHandler(this::invalid)
        .requestHandler(req -> {
          if (guard.admit(req)) handler.handle(req);
        })
        .listen();
  }

  /** A request Netty could not decode: answered here, never by Vert.x's bare default. */
  private void invalid(HttpServerRequest req) {
    Throwable cause = req.decoderResult().cause();
    ApiException e;
    if (cause instanceof TooLongHttpLineException) {
      e = ApiException.of(414, ProblemTypes.URI_TOO_LONG, "URI too long",
          "the request line is longer than " + http.maxRequestLine() + " bytes (http.max-request-line)");
    } else if (cause instanceof TooLongHttpHeaderException) {
      e = ApiException.of(431, ProblemTypes.HEADERS_TOO_LARGE, "Request header fields too large",
          "the request headers are larger than " + http.maxHeaderSize() + " bytes (http.max-header-size)");
    } else {
      String why = cause == null || cause.getMessage() == null ? "" : cause.getMessage();
      // Netty's message can quote what the client sent: bounded, it is echoed and logged
      e = ApiException.of(400, ProblemTypes.MALFORMED_REQUEST, "Malformed request", "the request is not valid HTTP/1.1"
          + (why.isEmpty() ? "" : ": " + (why.length() > 200 ? why.substring(0, 200) + "..." : why)));
    }
    api.problems().send(req, e, true);
  }
}
