package io.healguard.api.http;

import io.healguard.api.auth.ApiToken;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/** One route's work. {@code caller} is null on open routes. Throwing is the same as failing the future. */
@FunctionalInterface
public interface Endpoint {
  Future<Reply> handle(RoutingContext ctx, ApiToken caller) throws Exception;
}
