package io.healguard.engine.store.internal;

import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.postgresql.Driver;

/**
 * A PostgreSQL JDBC URL split into what may be shown (host, port, database, schema) and what may
 * not (user and password, which go to the driver as properties and never into a log line).
 */
public record PgUrl(String urlWithoutCredentials, String user, String password, String schema, String where) {
  private static final List<String> SECRET_PARAMS = List.of("user", "password");

  public static PgUrl parse(String url) {
    Properties p = Driver.parseURL(url, new Properties());
    if (p == null) {
      throw new IllegalArgumentException("not a PostgreSQL JDBC URL: " + redact(url));
    }
    String schema = p.getProperty("currentSchema");
    if (schema != null && schema.contains(",")) {
      schema = schema.substring(0, schema.indexOf(',')).trim();
    }
    String where = "postgresql://" + hostPorts(p) + "/" + p.getProperty("PGDBNAME", "")
        + (schema == null ? "" : "?currentSchema=" + schema);
    return new PgUrl(strip(url), p.getProperty("user"), p.getProperty("password"), schema, where);
  }

  /** The URL with every user and password parameter removed, for messages about a bad URL. */
  public static String redact(String url) {
    return strip(url).replaceAll("//[^/@]*@", "//");
  }

  private static String strip(String url) {
    int q = url.indexOf('?');
    if (q < 0) return url;
    List<String> kept = new ArrayList<>();
    for (String param : url.substring(q + 1).split("&")) {
      String name = param.contains("=") ? param.substring(0, param.indexOf('=')) : param;
      if (!param.isEmpty() && !SECRET_PARAMS.contains(name)) kept.add(param);
    }
    return url.substring(0, q) + (kept.isEmpty() ? "" : "?" + String.join("&", kept));
  }

  private static String hostPorts(Properties p) {
    String[] hosts = p.getProperty("PGHOST", "localhost").split(",");
    String[] ports = p.getProperty("PGPORT", "5432").split(",");
    List<String> out = new ArrayList<>();
    for (int i = 0; i < hosts.length; i++) {
      out.add(hosts[i] + ":" + ports[Math.min(i, ports.length - 1)]);
    }
    return String.join(",", out);
  }

  @Override
  public String toString() {
    return where;
  }
}
