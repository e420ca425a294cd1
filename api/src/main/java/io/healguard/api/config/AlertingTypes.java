package io.healguard.api.config;

import io.healguard.api.alerting.AlertingConfig;
import io.healguard.engine.InvalidInputException;
import io.vertx.core.json.JsonObject;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The value types of the {@code alerting.*} keys: the Alertmanager list, URLs, static labels and
 * the webhook's {@code label=value} match. Label names follow Prometheus' rule, so Alertmanager
 * never refuses a batch for one bad label.
 */
final class AlertingTypes {
  private static final Set<String> TARGET_FIELDS = Set.of("url", "bearer_token_file", "ca_file");
  static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  private AlertingTypes() {}

  /** {@code [{url, bearer_token_file, ca_file}]}; the files must exist; URLs unique. */
  static ValueType<List<AlertingConfig.Target>> alertmanagers() {
    return new ValueType<>() {
      @Override
      public List<AlertingConfig.Target> parse(String key, Object raw, Path base) {
        List<Object> items = ListTypes.list(key, raw);
        List<AlertingConfig.Target> out = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
          String at = key + "[" + i + "]";
          Map<String, Object> t = ListTypes.object(at, items.get(i), TARGET_FIELDS);
          URI url = url(at + ".url", t.get("url"), false);
          Path token = file(at + ".bearer_token_file", t.get("bearer_token_file"), base);
          Path ca = file(at + ".ca_file", t.get("ca_file"), base);
          AlertingConfig.Target target = new AlertingConfig.Target(url, token, ca);
          if (out.stream().anyMatch(o -> o.name().equals(target.name()))) {
            throw InvalidInputException.field(at + ".url", target.name(), "unique among " + key + " (listed twice)");
          }
          out.add(target);
        }
        return List.copyOf(out);
      }

      @Override
      public boolean isList() {
        return true;
      }

      @Override
      public Object show(List<AlertingConfig.Target> targets) {
        // file paths are shown, never what is in them
        return targets.stream().map(t -> t.name() + (t.bearerTokenFile() == null ? "" : " (token file " + t.bearerTokenFile() + ")")
            + (t.caFile() == null ? "" : " (ca " + t.caFile() + ")")).toList();
      }
    };
  }

  /** Empty (null) or an absolute http(s) URL; a trailing slash is dropped. */
  static ValueType<URI> optionalUrl() {
    return new ValueType<>() {
      @Override
      public URI parse(String key, Object raw, Path base) {
        return url(key, raw, true);
      }

      @Override
      public Object show(URI value) {
        return value == null ? "" : value.toString();
      }
    };
  }

  /** A mapping of Prometheus label names to values; in an override, a JSON object. */
  static ValueType<Map<String, String>> labels() {
    return new ValueType<>() {
      @Override
      @SuppressWarnings("unchecked")
      public Map<String, String> parse(String key, Object raw, Path base) {
        Object p = raw instanceof String s ? (s.isBlank() ? Map.of() : json(key, s)) : ListTypes.plain(raw);
        if (p == null) {
          return Map.of();
        }
        if (!(p instanceof Map)) {
          throw InvalidInputException.field(key, String.valueOf(raw), "a mapping of label names to values such as {team: ops}");
        }
        Map<String, String> out = new LinkedHashMap<>();
        ((Map<String, Object>) p).forEach((k, v) -> {
          if (!LABEL_NAME.matcher(k).matches() || k.startsWith("__")) {
            throw InvalidInputException.field(key + "." + k, k, "a label name matching [a-zA-Z_][a-zA-Z0-9_]* not starting with __");
          }
          if (!(v instanceof String || v instanceof Number || v instanceof Boolean)) {
            throw InvalidInputException.field(key + "." + k, String.valueOf(v), "a text value");
          }
          out.put(k, String.valueOf(v));
        });
        return Map.copyOf(out);
      }

      @Override
      public Object show(Map<String, String> value) {
        return value;
      }
    };
  }

  /** {@code label=value} (as written, trimmed), or empty (null): no alert is read as DEGRADED. */
  static ValueType<String> labelMatch() {
    return new ValueType<>() {
      @Override
      public String parse(String key, Object raw, Path base) {
        String text = raw == null ? "" : String.valueOf(raw).trim();
        if (text.isEmpty()) {
          return null;
        }
        int eq = text.indexOf('=');
        if (eq <= 0 || eq == text.length() - 1 || !LABEL_NAME.matcher(text.substring(0, eq).trim()).matches()) {
          throw InvalidInputException.field(key, text, "empty or label=value, such as severity=warning");
        }
        return text.substring(0, eq).trim() + "=" + text.substring(eq + 1).trim();
      }

      @Override
      public Object show(String value) {
        return value == null ? "" : value;
      }
    };
  }

  /** A Prometheus label name. */
  static ValueType<String> labelName() {
    return (key, raw, base) -> {
      String name = ValueTypes.nonBlank(key, raw, "a label name matching [a-zA-Z_][a-zA-Z0-9_]*");
      if (!LABEL_NAME.matcher(name).matches()) {
        throw InvalidInputException.field(key, name, "a label name matching [a-zA-Z_][a-zA-Z0-9_]*");
      }
      return name;
    };
  }

  private static Object json(String key, String s) {
    try {
      return new JsonObject(s).getMap();
    } catch (RuntimeException e) {
      throw InvalidInputException.field(key, s, "a mapping (in an override: a JSON object such as {\"team\":\"ops\"})");
    }
  }

  private static URI url(String key, Object raw, boolean optional) {
    String text = raw == null ? "" : String.valueOf(raw).trim();
    if (optional && text.isEmpty()) {
      return null;
    }
    String rule = "an absolute http:// or https:// URL such as http://127.0.0.1:9093";
    try {
      URI u = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
      if (u.getScheme() == null || !(u.getScheme().equals("http") || u.getScheme().equals("https")) || u.getHost() == null
          || u.getQuery() != null || u.getFragment() != null) {
        throw InvalidInputException.field(key, text, rule);
      }
      return u;
    } catch (URISyntaxException e) {
      throw InvalidInputException.field(key, text, rule);
    }
  }

  private static Path file(String key, Object raw, Path base) {
    if (raw == null || String.valueOf(raw).isBlank()) {
      return null;
    }
    Path p = ValueTypes.resolve(base, String.valueOf(raw).trim());
    if (!Files.isRegularFile(p)) {
      throw InvalidInputException.field(key, p.toString(), "an existing readable file");
    }
    return p;
  }
}
