package io.healguard.api.testing;

import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.client.HttpResponse;
import io.vertx.ext.web.client.WebClient;
import io.vertx.ext.web.client.WebClientOptions;
import java.util.concurrent.TimeUnit;

/** A blocking WebClient wrapper so each test's act step is one line. */
public final class Http implements AutoCloseable {
  private final WebClient client;

  public Http(Vertx vertx, int port) {
    this.client = WebClient.create(vertx, new WebClientOptions().setDefaultHost("127.0.0.1").setDefaultPort(port));
  }

  public record Reply(int status, String contentType, String body, io.vertx.core.MultiMap headers) {
    public JsonObject json() {
      return new JsonObject(body);
    }

    public JsonArray array() {
      return new JsonArray(body);
    }
  }

  public Reply get(String path, String token) {
    return send(HttpMethod.GET, path, token, null, null);
  }

  public Reply post(String path, String token, String body) {
    return send(HttpMethod.POST, path, token, body, null);
  }

  public Reply send(HttpMethod method, String path, String token, String body, String accept) {
    var req = client.request(method, path);
    if (token != null) req.putHeader("Authorization", "Bearer " + token);
    if (accept != null) req.putHeader("Accept", accept);
    if (body != null) req.putHeader("Content-Type", "application/json");
    try {
      HttpResponse<Buffer> r = (body == null ? req.send() : req.sendBuffer(Buffer.buffer(body)))
          .toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
      return new Reply(r.statusCode(), r.getHeader("Content-Type"), r.bodyAsString() == null ? "" : r.bodyAsString(), r.headers());
    } catch (Exception e) {
      throw new IllegalStateException(method + " " + path + " failed: " + e, e);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
