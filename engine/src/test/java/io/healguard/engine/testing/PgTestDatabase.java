package io.healguard.engine.testing;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Where PostgreSQL tests get their database: {@code HEALGUARD_TEST_JDBC_URL} when set (CI sets
 * {@code jdbc:postgresql://127.0.0.1:5432/test?user=postgres}), else a Testcontainers PostgreSQL
 * when a Docker engine answers, else the test is skipped with the reason. Each test class works in
 * a schema of its own, created here and dropped by the test, so runs never see each other's rows.
 */
public final class PgTestDatabase {
  public static final String ENV = "HEALGUARD_TEST_JDBC_URL";
  private static final String NO_DATABASE = "no PostgreSQL for this test: set " + ENV
      + " (for example jdbc:postgresql://127.0.0.1:5432/test?user=postgres) or start a Docker engine";
  private static Optional<String> base;
  private static PostgreSQLContainer container;

  private PgTestDatabase() {}

  /** The server's URL without a schema, or empty when there is no database to test against. */
  public static synchronized Optional<String> baseUrl() {
    if (base == null) {
      base = resolve();
      if (base.isEmpty()) {
        System.err.println("WARNING: PostgreSQL tests are skipped: " + NO_DATABASE);
      }
    }
    return base;
  }

  private static Optional<String> resolve() {
    String env = System.getenv(ENV);
    if (env != null && !env.isBlank()) {
      return Optional.of(env.trim());
    }
    try {
      if (!DockerClientFactory.instance().isDockerAvailable()) {
        return Optional.empty();
      }
      container = new PostgreSQLContainer("postgres:15-alpine");
      container.start();
      String url = container.getJdbcUrl();
      return Optional.of(url + (url.contains("?") ? "&" : "?") + "user=" + container.getUsername()
          + "&password=" + container.getPassword());
    } catch (RuntimeException | LinkageError e) {
      System.err.println("WARNING: Testcontainers could not start PostgreSQL: " + e);
      return Optional.empty();
    }
  }

  /**
   * Skips the calling test, with the reason, when there is no database. Call it from
   * {@code @BeforeEach}: each test is then reported as skipped, not silently absent.
   */
  public static void assumeDatabase() {
    Assumptions.assumeTrue(baseUrl().isPresent(), NO_DATABASE);
  }

  /** A new, empty schema for one test class, or null when there is no database. */
  public static Schema newSchema(String prefix) {
    Optional<String> url = baseUrl();
    if (url.isEmpty()) {
      return null;
    }
    String name = (prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 10))
        .toLowerCase(Locale.ROOT);
    Schema s = new Schema(name, url.get());
    s.execute("CREATE SCHEMA " + name);
    return s;
  }

  /** One schema: its URL for stores, SQL on it for tests, and its removal. */
  public record Schema(String name, String serverUrl) implements AutoCloseable {
    public String url() {
      return serverUrl + (serverUrl.contains("?") ? "&" : "?") + "currentSchema=" + name;
    }

    /** Drops everything in the schema: the next store opened on it migrates from scratch. */
    public void reset() {
      execute("DROP SCHEMA IF EXISTS " + name + " CASCADE; CREATE SCHEMA " + name);
    }

    public void execute(String sql) {
      try (Connection c = DriverManager.getConnection(serverUrl); Statement s = c.createStatement()) {
        s.execute(sql);
      } catch (SQLException e) {
        throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
      }
    }

    public long queryLong(String sql) {
      try (Connection c = DriverManager.getConnection(url()); Statement s = c.createStatement();
          var rs = s.executeQuery(sql)) {
        rs.next();
        return rs.getLong(1);
      } catch (SQLException e) {
        throw new IllegalStateException("test database: " + sql + ": " + e.getMessage(), e);
      }
    }

    /** Ends every other session on this database, as a server restart would. */
    public int terminateOtherBackends() {
      return (int) queryLong("SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity "
          + "WHERE datname = current_database() AND pid <> pg_backend_pid() AND backend_type = 'client backend' "
          + "AND application_name LIKE 'healguard%'");
    }

    @Override
    public void close() {
      execute("DROP SCHEMA IF EXISTS " + name + " CASCADE");
    }
  }
}
