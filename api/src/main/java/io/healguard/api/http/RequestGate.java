package io.healguard.api.http;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpVersion;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * What every request must be before the router sees it: HTTP/1.1 with a {@code Host} header (RFC
 * 9112 section 3.2) exactly once, and a path and query whose percent-escapes decode to UTF-8. The router and
 * the parameter decoding would otherwise fail on these deep inside, as an error of ours.
 */
final class RequestGate {
  private RequestGate() {}

  /** The reason {@code req} is refused, or null when it may be routed. */
  static ApiException check(HttpServerRequest req) {
    if (req.version() == HttpVersion.HTTP_1_1 && req.authority() == null) {
      return ApiException.of(400, ProblemTypes.MISSING_HOST, "Missing Host header",
          "an HTTP/1.1 request needs a Host header (RFC 9112), such as Host: 127.0.0.1:8080");
    }
    if (req.headers().getAll(HttpHeaders.HOST).size() > 1) {
      return ApiException.of(400, ProblemTypes.MISSING_HOST, "Ambiguous Host header",
          "the request has more than one Host header (RFC 9112 section 3.2); send exactly one");
    }
    String te = req.getHeader(HttpHeaders.TRANSFER_ENCODING) == null ? ""
        : String.join(",", req.headers().getAll(HttpHeaders.TRANSFER_ENCODING));
    if (!te.isEmpty() && !te.trim().equalsIgnoreCase("chunked")) {
      // RFC 9112 section 6.1: a body whose framing is not chunked last cannot be delimited
      return ApiException.of(400, ProblemTypes.MALFORMED_REQUEST, "Unsupported transfer coding",
          "Transfer-Encoding must be exactly chunked, but was '" + (te.length() > 100 ? te.substring(0, 100) + "..." : te) + "'");
    }
    String uri = req.uri();
    int q = uri.indexOf('?');
    String path = q < 0 ? uri : uri.substring(0, q);
    String bad = badEscape(path);
    if (bad != null) {
      return ApiException.of(400, ProblemTypes.BAD_ENCODING, "Bad percent-encoding",
          "the path " + bad + "; allowed: %XX escapes (two hex digits) of UTF-8 bytes");
    }
    if (q >= 0) {
      bad = badEscape(uri.substring(q + 1));
      if (bad != null) {
        return ApiException.of(400, ProblemTypes.BAD_ENCODING, "Bad percent-encoding",
            "the query " + bad + "; allowed: %XX escapes (two hex digits) of UTF-8 bytes");
      }
    }
    return null;
  }

  /** What is wrong with the escapes of {@code s}, or null: each {@code %} needs two hex digits, the bytes UTF-8. */
  static String badEscape(String s) {
    if (s.indexOf('%') < 0) return null;
    ByteBuffer bytes = ByteBuffer.allocate(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c != '%') {
        if (c > 0x7f) return "has a character that is not ASCII at index " + i;
        bytes.put((byte) c);
        continue;
      }
      if (i + 2 >= s.length()) {
        return "ends in an incomplete escape at index " + i;
      }
      int hi = Character.digit(s.charAt(i + 1), 16);
      int lo = Character.digit(s.charAt(i + 2), 16);
      if (hi < 0 || lo < 0) {
        return "has an escape that is not %XX at index " + i + " ('" + s.substring(i, i + 3) + "')";
      }
      bytes.put((byte) (hi << 4 | lo));
      i += 2;
    }
    bytes.flip();
    try {
      StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT).decode(bytes);
      return null;
    } catch (CharacterCodingException e) {
      return "decodes to bytes that are not UTF-8";
    }
  }
}
