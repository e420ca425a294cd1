package io.healguard.api.http;

import io.vertx.core.Future;
import io.vertx.core.VerticleBase;

/**
 * One HTTP server instance; the service deploys one per core, all sharing the port (Vert.x
 * balances connections) and the same engine.
 */
public final class HttpVerticle extends VerticleBase {
  private final ApiRouter api;
  private final String host;
  private final int port;

  public HttpVerticle(ApiRouter api, String host, int port) {
    this.api = api;
    this.host = host;
    this.port = port;
  }

  @Override
  public Future<?> start() {
    return vertx.createHttpServer().requestHandler(api.router(vertx)).listen(port, host);
  }
}
