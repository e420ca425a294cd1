package io.healguard.api.bench;

import io.healguard.api.console.ChangeFeed;
import io.healguard.engine.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A server-sent-events variant of {@code GET /api/v1/changes}, for {@link LiveUpdatesBench} only:
 * each open page holds one response, and every {@code every} the server asks the same kind of
 * {@link ChangeFeed} what changed since that page's cursor and writes an event only when something
 * did. It is what the console would cost on SSE, not a product endpoint: the console does not use
 * it (see docs/benchmarks-console.md for why), so it checks the bearer token with a plain string
 * compare and has no problem+json answers.
 */
final class SseFeedServer {
  private final Vertx vertx;
  private final ChangeFeed feed;
  private final Clock clock;
  private final String authorization;
  private final WorkerExecutor reads;
  private final Set<Page> pages = ConcurrentHashMap.newKeySet();
  private HttpServer server;
  private long timer;

  private static final class Page {
    final HttpServerResponse response;
    String cursor;
    boolean busy;

    Page(HttpServerResponse response) {
      this.response = response;
    }
  }

  SseFeedServer(Vertx vertx, ChangeFeed feed, Clock clock, String token) {
    this.vertx = vertx;
    this.feed = feed;
    this.clock = clock;
    this.authorization = "Bearer " + token;
    // the feed reads the store: off the event loop, as the poll endpoint does
    this.reads = vertx.createSharedWorkerExecutor("sse-feed-reads", 2);
  }

  Future<HttpServer> listen(int port, Duration every) {
    timer = vertx.setPeriodic(every.toMillis(), id -> pages.forEach(this::push));
    return vertx.createHttpServer().requestHandler(this::open).listen(port, "127.0.0.1")
        .onSuccess(s -> server = s);
  }

  private void open(HttpServerRequest req) {
    if (!req.path().equals("/api/v1/changes/stream")) {
      req.response().setStatusCode(404).end();
      return;
    }
    if (!authorization.equals(req.getHeader(HttpHeaders.AUTHORIZATION))) {
      req.response().setStatusCode(401).end();
      return;
    }
    HttpServerResponse resp = req.response().setChunked(true)
        .putHeader(HttpHeaders.CONTENT_TYPE, "text/event-stream")
        .putHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    Page p = new Page(resp);
    resp.closeHandler(v -> pages.remove(p));
    resp.write(": open\n\n");
    pages.add(p);
    push(p);
  }

  private void push(Page p) {
    if (p.busy) return;
    p.busy = true;
    reads.executeBlocking(() -> feed.since(p.cursor, 200), false).onComplete(ar -> {
      p.busy = false;
      if (ar.failed() || p.response.closed()) return;
      ChangeFeed.Changes c = ar.result();
      p.cursor = c.cursor();
      if (!c.full() && c.units().isEmpty() && c.alerts() == null && c.policy() == null) return;
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("cursor", c.cursor());
      m.put("full", c.full());
      m.put("more", c.more());
      m.put("now", clock.instant());
      m.put("units", c.units());
      if (c.alerts() != null) m.put("alerts", c.alerts());
      if (c.policy() != null) m.put("policy", c.policy());
      p.response.write(Buffer.buffer("id: " + c.cursor() + "\nevent: changes\ndata: ")
          .appendBytes(Json.bytes(m)).appendString("\n\n"));
    });
  }

  Future<Void> close() {
    vertx.cancelTimer(timer);
    pages.forEach(p -> p.response.end());
    reads.close();
    return server == null ? Future.succeededFuture() : server.close();
  }
}
