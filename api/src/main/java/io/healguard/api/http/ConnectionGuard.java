package io.healguard.api.http;

import io.healguard.api.config.ServiceConfig;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpConnection;
import io.vertx.core.http.HttpServerRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Bounds what one client can hold: connections open at once (shared by every event loop), time
 * to the first request's headers, time from a request's headers to its body's end. A client that
 * sends its headers a byte at a time never trips the idle timeout; these deadlines close it.
 * One instance per HTTP server (event loop): its map is only touched on that loop.
 */
final class ConnectionGuard {
  private static final Logger LOG = LoggerFactory.getLogger(ConnectionGuard.class);
  static final String HEADER_TIMEOUT = ProblemTypes.HEADER_TIMEOUT;

  private final Vertx vertx;
  private final ServiceConfig.Http limits;
  private final AtomicInteger open;
  private final Problems problems;
  private final Map<HttpConnection, Conn> conns = new HashMap<>();

  private static final class Conn {
    long headerTimer = -1;
    boolean refused;
  }

  ConnectionGuard(Vertx vertx, ServiceConfig.Http limits, AtomicInteger open, Problems problems) {
    this.vertx = vertx;
    this.limits = limits;
    this.open = open;
    this.problems = problems;
  }

  void connected(HttpConnection c) {
    VersionGate.install(c);
    Conn s = new Conn();
    // counted before anything is read: the refusal is the answer to its first request
    s.refused = open.incrementAndGet() > limits.maxConnections();
    conns.put(c, s);
    c.closeHandler(v -> {
      open.decrementAndGet();
      Conn gone = conns.remove(c);
      if (gone != null && gone.headerTimer >= 0) vertx.cancelTimer(gone.headerTimer);
    });
    s.headerTimer = vertx.setTimer(limits.headerTimeout().toMillis(), id -> {
      s.headerTimer = -1;
      LOG.debug("connection from {} sent no request headers within {}; closed", c.remoteAddress(), limits.headerTimeout());
      problems.counted(HEADER_TIMEOUT);
      c.close();
    });
  }

  /** False when the request was answered here (a refused connection); else its body deadline runs. */
  boolean admit(HttpServerRequest req) {
    Conn s = conns.get(req.connection());
    if (s != null && s.headerTimer >= 0) {
      vertx.cancelTimer(s.headerTimer);
      s.headerTimer = -1;
    }
    if (s != null && s.refused) {
      problems.send(req, ApiException.of(503, ProblemTypes.TOO_MANY_CONNECTIONS, "Too many connections",
          "the service has " + limits.maxConnections() + " connections open (http.max-connections); retry later"), true);
      return false;
    }
    if (!req.isEnded()) {
      long t = vertx.setTimer(limits.bodyTimeout().toMillis(), id -> {
        if (req.isEnded()) return;
        if (req.response().ended()) {
          req.connection().close(); // answered early (a 413): only the unread rest is left
          return;
        }
        problems.send(req, ApiException.of(408, ProblemTypes.BODY_TIMEOUT, "Request timeout",
            "the request body did not arrive within " + limits.bodyTimeout().toSeconds() + "s of its headers (http.body-timeout)"), true);
      });
      req.end().onComplete(v -> vertx.cancelTimer(t));
    }
    return true;
  }
}
