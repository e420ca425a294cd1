/**
 * The HTTP API: one router built by {@link io.healguard.api.http.ApiRouter} from a route table
 * (method, path, role, endpoint), one resource class per concept, errors as RFC 9457 problem
 * details. Endpoints never block: engine calls go through {@link io.healguard.api.decide.Decisions}
 * or {@code executeBlocking}.
 */
package io.healguard.api.http;
