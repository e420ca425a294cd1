package io.healguard.engine.store.internal;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Both stores' schemas, one convention: versioned SQL under {@code db/<store>/V<n>__<what>.sql},
 * applied by Flyway in order, each once, each in its own transaction. A new schema version is a
 * new file; an applied file is never edited (Flyway refuses a changed checksum at start-up).
 */
public final class Migrations {
  /**
   * The schema version a SQLite file made before Flyway carries in {@code PRAGMA user_version}:
   * its tables are exactly those of {@code db/sqlite/V1}.
   */
  static final int SQLITE_PRE_FLYWAY_VERSION = 1;

  private Migrations() {}

  /** Applies {@code db/postgresql} to the pool's database, in {@code schema} when given. */
  public static void postgres(DataSource pool, String schema) {
    FluentConfiguration fc = configure("classpath:db/postgresql").dataSource(pool);
    if (schema != null) {
      fc.schemas(schema).defaultSchema(schema);
    }
    fc.load().migrate();
  }

  /**
   * Applies {@code db/sqlite} to {@code file}. A file the Java migration made (no Flyway history,
   * {@code user_version} 1) is baselined at version 1: its tables and rows stay as they are and
   * only later versions run on it. Any other file with tables but no history is refused by Flyway
   * rather than written into.
   */
  public static void sqlite(Path file) throws SQLException {
    String url = "jdbc:sqlite:" + file;
    FluentConfiguration fc = configure("classpath:db/sqlite").dataSource(url, null, null);
    if (preFlywayVersion(url) >= SQLITE_PRE_FLYWAY_VERSION) {
      fc.baselineOnMigrate(true).baselineVersion(String.valueOf(SQLITE_PRE_FLYWAY_VERSION))
          .baselineDescription("schema made before Flyway (PRAGMA user_version)");
    }
    fc.load().migrate();
  }

  /** {@code user_version} of a file without Flyway's history table; 0 when it has one or is new. */
  private static int preFlywayVersion(String url) throws SQLException {
    try (Connection c = DriverManager.getConnection(url); Statement s = c.createStatement()) {
      try (ResultSet rs = s.executeQuery(
          "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'flyway_schema_history'")) {
        if (rs.next() && rs.getInt(1) > 0) return 0;
      }
      try (ResultSet rs = s.executeQuery("PRAGMA user_version")) {
        return rs.next() ? rs.getInt(1) : 0;
      }
    }
  }

  private static FluentConfiguration configure(String location) {
    return Flyway.configure(Migrations.class.getClassLoader()).locations(location);
  }
}
