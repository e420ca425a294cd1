package io.healguard.api.http;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.drift.DriftScanner;
import io.healguard.api.drift.DriftStatus;
import io.vertx.core.Future;
import io.vertx.ext.web.RoutingContext;

/**
 * The drift scan's status and the operator's "scan now". A scan that could not load or check the
 * contract answers 422 with the error (the status, with the same error, stays readable by GET).
 */
final class DriftResource {
  private final DriftScanner scanner;

  DriftResource(ApiDeps deps) {
    this.scanner = deps.drift();
  }

  Future<Reply> get(RoutingContext ctx, ApiToken caller) {
    return Future.succeededFuture(Reply.ok(scanner.status()));
  }

  Future<Reply> scan(RoutingContext ctx, ApiToken caller) {
    if (!scanner.configured()) {
      throw ApiException.of(409, ProblemTypes.DRIFT_NOT_CONFIGURED, "Drift scan not configured",
          "drift.contract is not set, so there is nothing to scan; see docs/service.md");
    }
    return scanner.scan("api:" + caller.name()).map(s -> {
      DriftStatus.Scan last = s.lastScan();
      if (last.outcome() != DriftStatus.Outcome.OK) {
        throw ApiException.of(422, last.outcome() == DriftStatus.Outcome.CONTRACT_INVALID
                ? ProblemTypes.DRIFT_CONTRACT_INVALID : ProblemTypes.DRIFT_SCAN_FAILED, "Drift scan failed",
            last.error() + "; drift facts are unchanged");
      }
      return Reply.ok(s);
    });
  }
}
