package io.healguard.api.config;

import io.healguard.api.auth.ApiToken;
import io.healguard.api.auth.Role;
import io.healguard.engine.InvalidInputException;
import io.healguard.engine.health.Tier;
import io.healguard.engine.health.UnitNames;
import io.healguard.engine.health.UnitProfile;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The list value types: units, API tokens and the executor's argv template. In YAML they are
 * lists; in an environment variable or {@code -D} property, a JSON array.
 */
public final class ListTypes {
  private static final Set<String> UNIT_FIELDS = Set.of("name", "tier", "depends_on");
  private static final Set<String> TOKEN_FIELDS = Set.of("name", "role", "hash");

  private ListTypes() {}

  private abstract static class ListType<T> implements ValueType<List<T>> {
    @Override
    public boolean isList() {
      return true;
    }
  }

  /** {@code [{name, tier, depends_on}]}: names unique, no unit depending on itself. */
  public static ValueType<List<UnitProfile>> units() {
    return new ListType<>() {
      @Override
      public List<UnitProfile> parse(String key, Object raw, Path base) {
        List<Object> items = list(key, raw);
        List<UnitProfile> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
          String at = key + "[" + i + "]";
          Map<String, Object> u = object(at, items.get(i), UNIT_FIELDS);
          String name = UnitNames.require(at + ".name", u.get("name") == null ? null : String.valueOf(u.get("name")));
          Tier tier = Tier.parse(at + ".tier", u.get("tier") == null ? null : String.valueOf(u.get("tier")));
          List<String> deps = u.get("depends_on") == null ? List.of()
              : strings(at + ".depends_on", list(at + ".depends_on", u.get("depends_on")));
          for (int d = 0; d < deps.size(); d++) {
            UnitNames.require(at + ".depends_on[" + d + "]", deps.get(d));
            if (deps.get(d).equals(name)) {
              throw InvalidInputException.field(at + ".depends_on[" + d + "]", deps.get(d), "another unit than " + name);
            }
          }
          if (!seen.add(name)) {
            throw InvalidInputException.field(at + ".name", name, "unique among units (listed twice)");
          }
          out.add(new UnitProfile(name, tier, deps));
        }
        return List.copyOf(out);
      }

      @Override
      public Object show(List<UnitProfile> units) {
        return units.stream().map(u -> u.name() + "(" + u.tier().label()
            + (u.dependsOn().isEmpty() ? "" : ", depends_on " + u.dependsOn()) + ")").toList();
      }
    };
  }

  /** {@code [{name, role, hash}]}: names unique; a hash is never shown, not even in an error. */
  public static ValueType<List<ApiToken>> tokens() {
    return new ListType<>() {
      @Override
      public List<ApiToken> parse(String key, Object raw, Path base) {
        List<Object> items = list(key, raw);
        List<ApiToken> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
          String at = key + "[" + i + "]";
          Map<String, Object> t = object(at, items.get(i), TOKEN_FIELDS);
          String name = ValueTypes.nonBlank(at + ".name", t.get("name"), "a name for the token's holder (the audit's actor)");
          if (!seen.add(name)) {
            throw InvalidInputException.field(at + ".name", name, "unique among " + key + " (listed twice)");
          }
          Role role = Role.parse(at + ".role", t.get("role"));
          out.add(new ApiToken(name, role, ApiToken.parseHash(at + ".hash", t.get("hash"))));
        }
        return List.copyOf(out);
      }

      @Override
      public Object show(List<ApiToken> tokens) {
        return tokens.stream().map(t -> t.name() + "(" + t.role().label() + ", sha256:****)").toList();
      }
    };
  }

  /**
   * An argv list, never run through a shell. A program given as a relative path with a slash
   * ({@code bin/restart}) is resolved against {@code base} like every other path; a bare name is
   * looked up on {@code PATH} when it runs.
   */
  public static ValueType<List<String>> argv() {
    return new ListType<>() {
      @Override
      public List<String> parse(String key, Object raw, Path base) {
        List<String> argv = new ArrayList<>(strings(key, list(key, raw)));
        if (!argv.isEmpty() && argv.get(0).contains("/")) {
          argv.set(0, ValueTypes.resolve(base, argv.get(0)).toString());
        }
        return List.copyOf(argv);
      }
    };
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> object(String field, Object v, Set<String> allowed) {
    Object p = plain(v);
    if (!(p instanceof Map)) {
      throw InvalidInputException.field(field, String.valueOf(v), "a mapping with keys " + allowed);
    }
    Map<String, Object> m = (Map<String, Object>) p;
    for (String k : m.keySet()) {
      if (!allowed.contains(k)) {
        throw InvalidInputException.field(field + "." + k, k, "one of the keys " + allowed);
      }
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(String field, Object v) {
    if (v instanceof String s) {
      String t = s.trim();
      if (t.isEmpty()) {
        return List.of();
      }
      try {
        v = new JsonArray(t);
      } catch (RuntimeException e) {
        throw InvalidInputException.field(field, s, "a list (in an override: a JSON array such as [\"a\",\"b\"])");
      }
    }
    Object p = plain(v);
    if (p == null) {
      return List.of();
    }
    if (!(p instanceof List)) {
      throw InvalidInputException.field(field, String.valueOf(v), "a list");
    }
    return (List<Object>) p;
  }

  private static List<String> strings(String field, List<Object> raw) {
    List<String> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Object o = raw.get(i);
      if (!(o instanceof String || o instanceof Number)) {
        throw InvalidInputException.field(field + "[" + i + "]", String.valueOf(o), "a string");
      }
      out.add(String.valueOf(o));
    }
    return out;
  }

  /** Vert.x JSON types to plain maps and lists. */
  static Object plain(Object v) {
    if (v instanceof JsonObject o) {
      return o.getMap();
    }
    if (v instanceof JsonArray a) {
      List<Object> out = new ArrayList<>();
      List<?> items = a.getList(); // the raw values, as before: JsonArray's iterator would wrap them
      items.forEach(x -> out.add(plain(x)));
      return out;
    }
    return v;
  }
}
