package io.healguard.api.http;

import java.util.List;

/**
 * Every problem type the API answers with ({@code urn:healguard:problem:<type>}), in one place so
 * the rejection counter can start each kind at 0: an alert on a rate of rejections then works from
 * the first bad request, not only after a series appeared.
 */
final class ProblemTypes {
  static final String INVALID_INPUT = "invalid-input";
  static final String UNAUTHORIZED = "unauthorized";
  static final String FORBIDDEN = "forbidden";
  static final String NOT_FOUND = "not-found";
  static final String POLICY_REJECTED = "policy-rejected";
  static final String METHOD_NOT_ALLOWED = "method-not-allowed";
  static final String MALFORMED_BODY = "malformed-body";
  static final String BODY_TOO_LARGE = "body-too-large";
  static final String MALFORMED_REQUEST = "malformed-request";
  static final String MISSING_HOST = "missing-host";
  static final String BAD_ENCODING = "bad-encoding";
  static final String URI_TOO_LONG = "uri-too-long";
  static final String HEADERS_TOO_LARGE = "headers-too-large";
  static final String BODY_TIMEOUT = "body-timeout";
  static final String HEADER_TIMEOUT = "header-timeout";
  static final String TOO_MANY_CONNECTIONS = "too-many-connections";
  static final String CLIENT_DISCONNECT = "client-disconnect";
  static final String DRIFT_NOT_CONFIGURED = "drift-not-configured";
  static final String DRIFT_CONTRACT_INVALID = "drift-contract-invalid";
  static final String DRIFT_SCAN_FAILED = "drift-scan-failed";
  /** Ours, not the client's: answered, never counted as a rejection. */
  static final String STORE_UNAVAILABLE = "store-unavailable";
  static final String INTERNAL = "internal";

  /** The kinds {@code healguard_http_rejections_total} counts: the client's errors, a full server, a client gone. */
  static final List<String> REJECTIONS = List.of(INVALID_INPUT, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, POLICY_REJECTED,
      METHOD_NOT_ALLOWED, MALFORMED_BODY, BODY_TOO_LARGE, MALFORMED_REQUEST, MISSING_HOST, BAD_ENCODING, URI_TOO_LONG,
      HEADERS_TOO_LARGE, BODY_TIMEOUT, HEADER_TIMEOUT, TOO_MANY_CONNECTIONS, CLIENT_DISCONNECT, DRIFT_NOT_CONFIGURED,
      DRIFT_CONTRACT_INVALID, DRIFT_SCAN_FAILED);

  private ProblemTypes() {}
}
