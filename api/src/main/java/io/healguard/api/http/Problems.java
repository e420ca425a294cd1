package io.healguard.api.http;

import io.healguard.api.metrics.ServiceMetrics;
import io.healguard.engine.json.Json;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way a request is refused, whoever refuses it (the router, an endpoint, the connection
 * guard, Vert.x's own decoder): problem+json naming what was wrong, one DEBUG line without a stack
 * trace (a flood of bad requests must not flood the log), and the rejection counted by kind so a
 * flood shows in {@code /metrics}. A 5xx is ours and logged at WARN.
 */
public final class Problems {
  private static final Logger LOG = LoggerFactory.getLogger(Problems.class);
  public static final String PROBLEM_JSON = "application/problem+json; charset=utf-8";
  /** A client that went away before its request was whole: counted, nothing answered. */
  public static final String DISCONNECT = ProblemTypes.CLIENT_DISCONNECT;

  /** How long a connection whose framing is lost stays open after its answer, for the client to read it. */
  static final long LINGER_MS = 1000;

  private final ServiceMetrics metrics;

  public Problems(ServiceMetrics metrics) {
    this.metrics = metrics;
    metrics.rejectionKinds(ProblemTypes.REJECTIONS);
  }

  /** Answers {@code e}; {@code close}: the connection cannot carry another request (framing lost). */
  public void send(HttpServerRequest req, ApiException e, boolean close) {
    HttpServerResponse resp = req.response();
    if (resp.ended() || resp.closed()) return;
    if (e.status() >= 500 && e.status() != 503) {
      LOG.warn("{} {} answered {}: {}", req.method(), safePath(req), e.status(), e.getMessage());
    } else {
      // an expected rejection: one line, no stack trace, nothing changed
      LOG.debug("{} {} rejected {}: {}", req.method(), safePath(req), e.status(), e.getMessage());
    }
    if (e.status() < 500 || e.status() == 503 && ProblemTypes.TOO_MANY_CONNECTIONS.equals(e.type())) {
      metrics.rejection(e.type());
    }
    resp.setStatusCode(e.status()).putHeader(HttpHeaders.CONTENT_TYPE, PROBLEM_JSON);
    if (e.status() == 401) {
      resp.putHeader("WWW-Authenticate", "Bearer realm=\"healguard\"");
    }
    if (close) {
      resp.putHeader(HttpHeaders.CONNECTION, "close");
    }
    var written = resp.end(Buffer.buffer(Json.write(e.problem(safePath(req)))));
    if (close) {
      // what follows on this connection cannot be framed. Closing at once, with the client's
      // unread bytes still queued, makes the kernel send a reset that can destroy this answer
      // before the client reads it; so the client closes first, or we do after a short linger
      var conn = req.connection();
      var ctx = io.vertx.core.Vertx.currentContext();
      written.onComplete(v -> {
        if (ctx == null) {
          conn.close();
        } else {
          ctx.owner().setTimer(LINGER_MS, t -> conn.close());
        }
      });
    }
  }

  /** Counts a client that disconnected mid-request; there is nobody to answer. */
  public void disconnected(HttpServerRequest req) {
    LOG.debug("{} {}: the client disconnected before its request was complete", req.method(), safePath(req));
    metrics.rejection(DISCONNECT);
  }

  /** Counts a refusal that has no request to answer (a connection closed by a deadline). */
  public void counted(String kind) {
    metrics.rejection(kind);
  }

  /** The path as sent, bounded: it is echoed in the body and the log line. */
  static String safePath(HttpServerRequest req) {
    String p;
    try {
      p = req.path();
    } catch (RuntimeException e) {
      p = null;
    }
    if (p == null) return null;
    return p.length() <= 200 ? p : p.substring(0, 200) + "...";
  }
}
