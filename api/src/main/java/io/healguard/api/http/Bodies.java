package io.healguard.api.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.healguard.engine.json.Instants;
import io.healguard.engine.json.Json;
import io.healguard.engine.json.Text;
import io.vertx.core.buffer.Buffer;
import io.vertx.ext.web.RoutingContext;
import java.time.Instant;
import java.util.Iterator;
import java.util.Set;

/** Reading request bodies field by field, so every 400 names the field that was wrong. */
final class Bodies {
  private Bodies() {}

  static JsonNode json(RoutingContext ctx) {
    Buffer b = ctx.body().buffer();
    if (b == null || b.length() == 0) {
      throw ApiException.badRequest("the request body is empty; send a JSON document");
    }
    try {
      JsonNode n = Json.strictTree(b.getBytes());
      if (n == null || n.isMissingNode()) {
        throw ApiException.badRequest("the request body holds no JSON document; send one");
      }
      return n;
    } catch (JsonProcessingException e) {
      throw ApiException.badRequest("the request body is not valid JSON: " + e.getOriginalMessage()
          + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr()));
    } catch (java.io.IOException e) {
      throw ApiException.badRequest("the request body cannot be read: " + e.getMessage());
    }
  }

  static ObjectNode object(JsonNode n, String what, Set<String> allowed) {
    if (n == null || !n.isObject()) {
      throw ApiException.badRequest(what + " must be a JSON object with fields " + allowed);
    }
    for (Iterator<String> it = n.fieldNames(); it.hasNext(); ) {
      String f = it.next();
      if (!allowed.contains(f)) {
        throw ApiException.badRequest("field " + f + " is not allowed in " + what + "; allowed: " + allowed);
      }
    }
    return (ObjectNode) n;
  }

  /** The text of {@code field}, or null when absent or JSON null; any other type is a 400 naming it. */
  static String text(ObjectNode o, String field) {
    JsonNode v = o.get(field);
    if (v == null || v.isNull()) {
      return null;
    }
    if (!v.isTextual()) {
      throw ApiException.badRequest(field + " must be a string, but was " + v);
    }
    return Text.requireScalarValues(field, v.asText());
  }

  static Instant instant(ObjectNode o, String field) {
    String s = text(o, field);
    if (s == null) {
      return null;
    }
    return Instants.parse(field, s);
  }
}
