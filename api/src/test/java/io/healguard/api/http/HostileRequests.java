package io.healguard.api.http;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;

/**
 * Seeded hostile HTTP/1.1 requests over every route, each one invalid: it must be refused with a
 * 4xx (or, for broken framing, a closed connection) and change nothing. Built from classes of
 * attack: missing, wrong and too weak tokens, wrong methods, bad queries and paths, bodies that
 * are truncated, nested, oversized, chunked, of wrong types or with unknown fields, long URLs and
 * headers, and raw framing errors. The same seed gives the same requests.
 */
final class HostileRequests {
  /** A route as the API table has it; {@code role} null: open; {@code body}: which body it reads. */
  record Route(String method, String path, String role, String body) {}

  /** One request; {@code mayClose}: its framing is broken, so no answer at all is a right outcome. */
  record Hostile(String kind, String route, byte[] bytes, boolean mayClose, boolean halfClose) {}

  static final String KNOWN = "known.service";
  static final List<Route> ROUTES = List.of(
      new Route("GET", "/health", null, null),
      new Route("GET", "/metrics", null, null),
      new Route("GET", "/openapi.yaml", null, null),
      new Route("GET", "/api/v1/ping", "reporter", null),
      new Route("POST", "/api/v1/reports", "reporter", "report"),
      new Route("GET", "/api/v1/units", "viewer", "units-query"),
      new Route("GET", "/api/v1/units/{unit}", "viewer", null),
      new Route("POST", "/api/v1/units/{unit}/overrides", "operator", "override"),
      new Route("POST", "/api/v1/units/{unit}/restart", "operator", "restart"),
      new Route("GET", "/api/v1/overrides", "viewer", null),
      new Route("GET", "/api/v1/alerts", "viewer", null),
      new Route("GET", "/api/v1/audit", "viewer", "audit-query"),
      new Route("GET", "/api/v1/policy", "viewer", null),
      new Route("POST", "/api/v1/policy/reload", "admin", "none"),
      new Route("GET", "/api/v1/drift", "viewer", null),
      new Route("POST", "/api/v1/drift/scan", "operator", "none"),
      new Route("GET", "/api/v1/policy/versions", "viewer", null),
      new Route("POST", "/api/v1/policy/rollback", "admin", "rollback"),
      new Route("GET", "/api/v1/policy/shadow", "viewer", null),
      new Route("GET", "/api/v1/policy/tables", "viewer", null),
      new Route("POST", "/api/v1/integrations/alertmanager", "reporter", "webhook"),
      new Route("GET", "/api/v1/whoami", "reporter", null),
      new Route("GET", "/api/v1/changes", "viewer", "changes-query"),
      new Route("GET", "/api/v1/units/{unit}/preview", "viewer", "preview-query"));
  private static final List<String> ROLES = List.of("reporter", "viewer", "operator", "admin");

  private static final String[] BAD_UNITS = {"%zz", "foo@.service", "@.service", "a@b@c.service", "x", "%00.service",
      "a%20b.service", "foo.bogus", ".service", "a".repeat(300) + ".service", "%C3%28.service", "%", "..%2F..%2Fetc"};
  private static final String[] BAD_LIMITS = {"%ZZ", "0", "-1", "abc", "1001", "99999999999999999999", "1e3", "%", "1.5"};
  private static final String[] BAD_SINCE = {"9999999999999999d", "999999999999999999999h", "%2B1000000000-01-01T00:00:00Z",
      "%2B10000-01-01T00:00:00Z", "2025-13-01T00:00:00Z", "yesterday", "-5m", "PT-5M", "36501d", "1h%ZZ"};
  private static final String[] BAD_METHODS = {"PUT", "DELETE", "PATCH", "BREW", "PROPFIND", "FOO", "XYZZY", "G3T"};
  private final Random random;
  private final String tokens;

  /** {@code tokenPrefix}: the tokens are {@code <prefix><role>}. */
  HostileRequests(long seed, String tokenPrefix) {
    this.random = new Random(seed);
    this.tokens = tokenPrefix;
  }

  String token(String role) {
    return tokens + role;
  }

  Hostile next() {
    Route r = ROUTES.get(random.nextInt(ROUTES.size()));
    int kind = random.nextInt(12);
    return switch (kind) {
      case 0 -> noToken(r);
      case 1 -> badToken(r);
      case 2 -> weakRole(r);
      case 3 -> wrongMethod(r);
      case 4, 5 -> badInput(r);
      case 6 -> longUrl(r);
      case 7 -> longHeaders(r);
      case 8 -> framing(r);
      case 9 -> unknownPath(r);
      case 10 -> chunked(r);
      default -> truncated(r);
    };
  }

  private String path(Route r) {
    return r.path().replace("{unit}", KNOWN);
  }

  private Hostile noToken(Route r) {
    if (r.role() == null) return unknownPath(r);
    return plain("no-token", r, r.method(), path(r), null, validBodyOrNull(r));
  }

  private Hostile badToken(Route r) {
    if (r.role() == null) return wrongMethod(r);
    String[] bad = {"Bearer nope", "Bearer " + token("admin") + "x", "Basic YWRtaW46YWRtaW4=", "Bearer", "bearer  ",
        "Bearer " + "A".repeat(3000), "Bearer " + token("admin").toUpperCase(), "Token " + token("admin"),
        "Bearer \u00ff\u00fe\u0001"};
    return plain("bad-token", r, r.method(), path(r), bad[random.nextInt(bad.length)], validBodyOrNull(r));
  }

  private Hostile weakRole(Route r) {
    int need = r.role() == null ? -1 : ROLES.indexOf(r.role());
    if (need <= 0) return noToken(r.role() == null ? ROUTES.get(3) : r);
    String weaker = ROLES.get(random.nextInt(need));
    return plain("weak-role", r, r.method(), path(r), "Bearer " + token(weaker), validBodyOrNull(r));
  }

  private Hostile wrongMethod(Route r) {
    String m = random.nextBoolean() ? BAD_METHODS[random.nextInt(BAD_METHODS.length)] : (r.method().equals("GET") ? "POST" : "GET");
    if (m.equals("GET") && r.method().equals("POST")) {
      m = random.nextBoolean() ? "GET" : "HEAD"; // neither answers on a POST route
    }
    return plain("wrong-method", r, m, path(r), auth(r), null);
  }

  private String auth(Route r) {
    return r.role() == null ? null : "Bearer " + token("admin");
  }

  private Hostile badInput(Route r) {
    String body = r.body();
    if ("report".equals(body) || "override".equals(body) || "restart".equals(body) || "rollback".equals(body)
        || "webhook".equals(body)) {
      return plain("bad-body", r, "POST", path(r), auth(r), badBody(body));
    }
    if ("units-query".equals(body)) {
      String[] q = {"limit=" + pick(BAD_LIMITS), "state=BOGUS", "state=%ZZ", "cursor=%ZZ", "cursor=!!!***", "limit=%"};
      return plain("bad-query", r, "GET", "/api/v1/units?" + pick(q), auth(r), null);
    }
    if ("changes-query".equals(body)) {
      String[] q = {"limit=" + pick(BAD_LIMITS), "limit=%"};
      return plain("bad-query", r, "GET", "/api/v1/changes?" + pick(q), auth(r), null);
    }
    if ("preview-query".equals(body)) {
      // a preview changes nothing even when valid; these must be refused as well
      String[] q = {"", "mode=SMASH", "mode=%ZZ", "mode=HOLD&ttl=999999999999999999999h", "mode=HOLD&ttl=PT-5M",
          "mode=HOLD&ttl=500ms", "mode=RESET&ttl=1h&reason=x", "mode=HOLD&reason=%ZZ"};
      String unit = random.nextBoolean() ? KNOWN : pick(BAD_UNITS);
      return plain("bad-query", r, "GET", "/api/v1/units/" + unit + "/preview?" + pick(q), auth(r), null);
    }
    if ("audit-query".equals(body)) {
      String[] q = {"since=" + pick(BAD_SINCE), "limit=" + pick(BAD_LIMITS), "type=NOPE", "format=xml",
          "unit=" + pick(BAD_UNITS), "unit=%", "type=%ZZ"};
      return plain("bad-query", r, "GET", "/api/v1/audit?" + pick(q), auth(r), null);
    }
    if (r.path().contains("{unit}")) {
      return plain("bad-path", r, r.method(), r.path().replace("{unit}", pick(BAD_UNITS)), auth(r),
          r.method().equals("POST") ? "{\"mode\":\"RESET\",\"reason\":\"x\"}" : null);
    }
    return unknownPath(r);
  }

  private String pick(String[] a) {
    return a[random.nextInt(a.length)];
  }

  /** A body the route refuses: malformed JSON of every kind, or a well-formed one with a bad field. */
  private String badBody(String kind) {
    if (random.nextInt(3) == 0) return malformedJson();
    return switch (kind) {
      case "report" -> pick(new String[] {
          "{\"unit\":5,\"status\":\"UP\"}", "{\"unit\":\"a.service\",\"status\":\"SIDEWAYS\"}",
          "{\"unit\":\"a.service\",\"status\":\"UP\",\"extra\":1}", "{\"unit\":\"foo@.service\",\"status\":\"DOWN\"}",
          "{\"unit\":\"a.service\",\"status\":\"UP\",\"observedAt\":\"+10000-01-01T00:00:00Z\"}",
          "{\"unit\":\"a.service\",\"status\":\"UP\",\"detail\":\"\\ud800\"}",
          "{\"unit\":\"a.service\",\"status\":\"UP\",\"source\":\"x\\udc00\"}",
          "{\"unit\":\"a.service\",\"status\":\"UP\"} {\"unit\":\"b.service\",\"status\":\"DOWN\"}",
          "{\"unit\":\"a.service\",\"status\":\"UP\",\"status\":\"DOWN\"}", "[]", "[" + "{\"unit\":\"a.service\",\"status\":\"UP\"},".repeat(501) + "1]",
          "[{\"unit\":\"a.service\",\"status\":\"UP\"},{\"unit\":\"a.service\"}]", "{\"status\":\"UP\"}", "\"UP\"", "null", "42",
          "{\"unit\":[\"a.service\"],\"status\":\"UP\"}", "{\"unit\":\"a.service\",\"status\":{\"x\":1}}"});
      case "override" -> pick(new String[] {
          "{\"mode\":\"BOGUS\",\"reason\":\"r\",\"mode\":\"RESET\"}", "{\"mode\":\"HOLD\",\"ttl\":\"999999999999999999999h\"}",
          "{\"mode\":\"HOLD\",\"ttl\":\"500ms\"}", "{\"mode\":\"HOLD\",\"ttl\":\"25h\"}", "{\"mode\":\"HOLD\",\"ttl\":\"PT-5M\"}",
          "{\"mode\":\"RESET\",\"ttl\":\"1h\",\"reason\":\"x\"}", "{\"mode\":\"SMASH\"}", "{\"mode\":7}", "{\"reason\":\"x\"}",
          "{\"mode\":\"HOLD\",\"reason\":\"\\udc00\"}", "{\"mode\":\"RESET\",\"reason\":\"x\",\"actor\":\"mallory\"}",
          "{\"mode\":\"RESET\",\"reason\":\"x\"}xyz", "[{\"mode\":\"RESET\"}]", "{\"mode\":\"HOLD\",\"ttl\":1000}"});
      case "restart" -> pick(new String[] {"{}", "{\"reason\":5}", "{\"reason\":\"x\",\"force\":true}", "{\"reason\":\"\\ud800\"}",
          "{\"reason\":\"x\",\"reason\":\"y\"}", "[\"x\"]", "{\"reason\":\"x\"} {}"});
      case "webhook" -> pick(new String[] {"{}", "[]", "42", "null", "{\"version\":\"3\",\"alerts\":[]}",
          "{\"version\":\"4\",\"alerts\":5}", "{\"version\":\"4\",\"alerts\":{\"a\":1}}", "{\"version\":\"4\"}"});
      default -> pick(new String[] {"{}", "{\"version\":5}", "{\"version\":\"0000000000000000\"}", "{\"version\":\"x\",\"extra\":1}",
          "{\"version\":\"x\",\"version\":\"y\"}", "{\"version\":\"\\ud800\"}"});
    };
  }

  private String malformedJson() {
    return switch (random.nextInt(9)) {
      case 0 -> "{\"unit\":\"a.service\",\"status\":\"UP\""; // truncated document
      case 1 -> "[".repeat(200 + random.nextInt(5000)) + "]".repeat(10); // nested past the depth limit
      case 2 -> "{\"unit\":\"" + "a".repeat(70_000) + "\"}"; // over the 64 KiB body limit
      case 3 -> "";
      case 4 -> "   ";
      case 5 -> "not json at all";
      case 6 -> "{'unit':'a.service'}";
      case 7 -> "{\"a\":1}}}}";
      default -> "{\"a\":" + "{\"a\":".repeat(40) + "1" + "}".repeat(41);
    };
  }

  private String validBodyOrNull(Route r) {
    return switch (r.body() == null ? "" : r.body()) {
      case "report" -> "{\"unit\":\"a.service\",\"status\":\"DOWN\"}";
      case "override" -> "{\"mode\":\"RESET\",\"reason\":\"x\"}";
      case "restart" -> "{\"reason\":\"x\"}";
      case "rollback" -> "{\"version\":\"x\"}";
      case "webhook" -> "{\"version\":\"4\",\"alerts\":[]}";
      case "none" -> "";
      default -> null;
    };
  }

  private Hostile longUrl(Route r) {
    String target = path(r) + "?pad=" + "x".repeat(4100 + random.nextInt(20_000));
    return plain("long-url", r, r.method(), target, auth(r), null);
  }

  private Hostile longHeaders(Route r) {
    StringBuilder h = new StringBuilder();
    if (random.nextBoolean()) {
      h.append("X-Pad: ").append("y".repeat(8200 + random.nextInt(20_000))).append("\r\n");
    } else {
      for (int i = 0; i < 400; i++) h.append("X-H").append(i).append(": ").append("z".repeat(30)).append("\r\n");
    }
    String req = r.method() + " " + path(r) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n" + h + "\r\n";
    return new Hostile("long-headers", r.path(), bytes(req), true, false);
  }

  private Hostile framing(Route r) {
    String p = path(r);
    String a = auth(r) == null ? "" : "Authorization: " + auth(r) + "\r\n";
    String[] raw = {
        r.method() + " " + p + " HTTP/1.1\r\n" + a + "\r\n", // no Host
        r.method() + " " + p + " HTTP/1.1\r\nHost: a\r\nHost: b\r\n" + a + "\r\n",
        r.method() + " " + p + " HTTP/1.1\nHost: x\n\n", // bare LF
        "HELLO\r\n\r\n",
        "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n",
        r.method() + " " + p + " HTTP/3.0\r\nHost: x\r\n\r\n",
        r.method() + " " + p + " HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n" + a + "\r\n",
        r.method() + " " + p + " HTTP/1.1\r\nHost: x\r\nContent-Length: 12abc\r\n" + a + "\r\n",
        r.method() + " " + p + " HTTP/1.1\r\nHost: x\r\nBad Header: y\r\n\r\n",
        r.method() + "  " + p + "  HTTP/1.1 extra\r\nHost: x\r\n\r\n",
        r.method() + " " + p + " HTTP/1.1\r\nHost: x\r\nX-Nul: a\u0000b\r\n\r\n",
        r.method() + " " + p + " HTTP/1.1\r\nHost: x\r\n Folded: y\r\n\r\n",
        "\r\n\r\n\r\n",
        r.method() + " " + p + " HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, identity\r\n" + a + "\r\n0\r\n\r\n",
    };
    return new Hostile("framing", r.path(), bytes(raw[random.nextInt(raw.length)]), true, false);
  }

  private Hostile unknownPath(Route r) {
    // not "/": that is the console's page since issue 15
    String[] paths = {"/index.php", "/api", "/api/v2/units", "/api/v1/unit", "/api/v1/units/" + KNOWN + "/nope", "/admin",
        "/api/v1/../../etc/passwd", "/.env", "/api/v1/policy/reload/now", "/METRICS", "/api/v2"};
    return plain("unknown-path", r, random.nextBoolean() ? "GET" : "POST", pick(paths), "Bearer " + token("admin"), null);
  }

  private Hostile chunked(Route r) {
    String p = path(r);
    String a = auth(r) == null ? "" : "Authorization: " + auth(r) + "\r\n";
    String head = "POST " + p + " HTTP/1.1\r\nHost: x\r\n" + a + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n";
    boolean postRoute = r.method().equals("POST") && r.body() != null && !r.body().equals("none");
    String body = postRoute ? badBody(r.body()) : "{\"x\":1}";
    String[] chunks = {
        Integer.toHexString(body.getBytes(StandardCharsets.UTF_8).length) + "\r\n" + body + "\r\n0\r\n\r\n", // well framed, bad content
        "ZZZ\r\n" + body + "\r\n0\r\n\r\n",
        "-1\r\nx\r\n0\r\n\r\n",
        "fffffffffffffffffff\r\nx\r\n",
        "5\r\nabc",
        "3;ext=" + "e".repeat(9000) + "\r\nabc\r\n0\r\n\r\n",
    };
    int pick = random.nextInt(chunks.length);
    if (!postRoute && pick == 0) pick = 1; // a well-framed body on a GET or reload route could be valid
    return new Hostile("chunked", r.path(), bytes(head + chunks[pick]), true, pick >= 2);
  }

  private Hostile truncated(Route r) {
    String p = path(r);
    String a = auth(r) == null ? "" : "Authorization: " + auth(r) + "\r\n";
    String body = "{\"unit\":\"a.service\",\"status\":\"DOWN\"}";
    int declared = body.length() + 1 + random.nextInt(500);
    String req = "POST " + p + " HTTP/1.1\r\nHost: x\r\n" + a + "Content-Type: application/json\r\nContent-Length: "
        + declared + "\r\n\r\n" + body.substring(0, random.nextInt(body.length()));
    if (random.nextBoolean()) {
      // cut inside the head instead
      req = req.substring(0, random.nextInt(req.indexOf("\r\n\r\n")));
    }
    return new Hostile("truncated", r.path(), bytes(req), true, true);
  }

  private Hostile plain(String kind, Route r, String method, String target, String authorization, String body) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    StringBuilder head = new StringBuilder(method).append(' ').append(target).append(" HTTP/1.1\r\nHost: 127.0.0.1\r\n");
    if (authorization != null) head.append("Authorization: ").append(authorization).append("\r\n");
    byte[] b = body == null ? null : body.getBytes(StandardCharsets.UTF_8);
    if (b != null) {
      head.append("Content-Type: application/json\r\nContent-Length: ").append(b.length).append("\r\n");
    }
    head.append("Connection: close\r\n\r\n");
    out.writeBytes(bytes(head.toString()));
    if (b != null) out.writeBytes(b);
    // a 413 or 414 may be answered before all was sent: closing is then the server's right
    boolean big = out.size() > 8192;
    return new Hostile(kind, r.path(), out.toByteArray(), big, false);
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.ISO_8859_1);
  }
}
