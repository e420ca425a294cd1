package io.healguard.api.bench;

import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClientAgent;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.PoolOptions;
import java.util.ArrayList;
import java.util.List;

/**
 * The load generators' HTTP clients: one client per event-loop context, each used only from its
 * own context. Why: Vert.x 5.0.7's client can lose a response's end when the connection's event
 * loop and the requesting context differ (eclipse-vertx/vert.x#6038, fixed after 5.0.7): the
 * loop's {@code body()} future then never completes and a closed-loop benchmark hangs. A client
 * whose every request comes from one context has all its connections on that context's loop.
 */
final class LoadClients {
  private final List<Context> contexts = new ArrayList<>();
  private final List<HttpClientAgent> clients = new ArrayList<>();

  /** {@code connections} in all, spread over one client per event loop of {@code vertx}. */
  LoadClients(Vertx vertx, int port, int connections) {
    this(vertx, List.of(port), connections);
  }

  /**
   * {@code connections} in all, split evenly between the servers on {@code ports} (loop {@code i}
   * goes to {@code ports[i % ports.size()]}), each server's share over one client per event loop.
   */
  LoadClients(Vertx vertx, List<Integer> ports, int connections) {
    if (connections < ports.size()) {
      throw new IllegalArgumentException(connections + " connections cannot reach " + ports.size() + " servers");
    }
    int perLoop = 2 * Runtime.getRuntime().availableProcessors(); // Vert.x's default loop count
    int n = Math.min(connections, perLoop * ports.size());
    n -= n % ports.size(); // loop i and entry i % n reach the same server
    for (int i = 0; i < n; i++) {
      int size = connections / n + (i < connections % n ? 1 : 0);
      contexts.add(vertx.getOrCreateContext()); // off a Vert.x thread: a new context, loops taken in turn
      clients.add(vertx.createHttpClient(new HttpClientOptions().setDefaultHost("127.0.0.1")
          .setDefaultPort(ports.get(i % ports.size())).setKeepAlive(true), new PoolOptions().setHttp1MaxSize(size)));
    }
  }

  /** Loop {@code i}'s client; call it only from {@link #context(int)}. */
  HttpClientAgent client(int i) {
    return clients.get(i % clients.size());
  }

  /** Where loop {@code i} starts, and with it every request it makes. */
  Context context(int i) {
    return contexts.get(i % contexts.size());
  }

  Future<Void> close() {
    return Future.all(clients.stream().map(HttpClientAgent::close).toList()).mapEmpty();
  }
}
