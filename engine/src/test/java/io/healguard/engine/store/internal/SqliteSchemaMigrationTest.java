package io.healguard.engine.store.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditQuery;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.json.Json;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.SyncMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The SQLite schema moved from a Java migration to Flyway's versioned SQL. An operator's file made
 * by the Java migration must open with every unit and audit event it holds, and keep taking
 * writes: nothing we ship may throw away a data directory.
 */
class SqliteSchemaMigrationTest {
  static final Instant T0 = Instant.parse("2026-03-01T12:00:00Z");

  /** The statements of the Java migration (SqliteJournal.migrate before Flyway), verbatim. */
  static void createWithTheJavaMigration(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement()) {
      c.setAutoCommit(false);
      s.execute("CREATE TABLE unit_state (unit TEXT PRIMARY KEY, state TEXT NOT NULL, updated_ms INTEGER NOT NULL)");
      s.execute("CREATE TABLE fleet_state (id INTEGER PRIMARY KEY CHECK (id = 1), state TEXT NOT NULL)");
      s.execute("CREATE TABLE audit (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE, "
          + "at_ms INTEGER NOT NULL, type TEXT NOT NULL, unit TEXT, event TEXT NOT NULL)");
      s.execute("CREATE INDEX audit_unit ON audit (unit, seq)");
      s.execute("CREATE INDEX audit_type ON audit (type, seq)");
      s.execute("CREATE INDEX audit_at ON audit (at_ms)");
      s.execute("PRAGMA user_version = 1");
      c.commit();
    }
  }

  /** Rows as the old journal wrote them: one unit and one audit event. */
  static void writeAsTheOldJournal(Path file, UnitState unit, AuditEvent event) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file)) {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO unit_state (unit, state, updated_ms) VALUES (?, ?, ?)")) {
        ps.setString(1, unit.unit());
        ps.setString(2, Json.MAPPER.writeValueAsString(unit));
        ps.setLong(3, T0.toEpochMilli());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit (id, at_ms, type, unit, event) VALUES (?, ?, ?, ?, ?)")) {
        AuditRows.bind(ps, event);
        ps.executeUpdate();
      }
    }
  }

  static UnitState downs(String unit, int n) {
    UnitState.Builder b = UnitState.initial(unit).toBuilder();
    b.downCount = n;
    return b.build();
  }

  @Test
  void shouldOpenAFileMadeByTheJavaMigrationWithAllItsData(@TempDir Path data) throws Exception {
    Path file = data.resolve("healguard.db");
    createWithTheJavaMigration(file);
    AuditEvent old = AuditEvent.of(AuditType.RESTART, T0, "old.service", "test", "R", "v1", Map.of("k", "v"));
    writeAsTheOldJournal(file, downs("old.service", 3), old);

    try (SqliteJournal journal = new SqliteJournal(data, SyncMode.FULL)) {
      journal.write(new StoreCommit(downs("new.service", 1), null, List.of()));

      assertThat(journal.load().units().get("old.service").downCount()).isEqualTo(3);
      assertThat(journal.audit(AuditQuery.latest(10))).extracting(AuditEvent::id).containsExactly(old.id());
    }
    try (SqliteJournal reopened = new SqliteJournal(data, SyncMode.FULL)) {
      assertThat(reopened.load().units()).containsOnlyKeys("old.service", "new.service");
    }
    assertThat(appliedVersions(file)).as("baselined at 1, no script run on it").containsExactly("1");
  }

  @Test
  void shouldCreateANewFileWithFlywaysFirstVersion(@TempDir Path data) throws Exception {
    try (SqliteJournal journal = new SqliteJournal(data, SyncMode.FULL)) {
      journal.write(new StoreCommit(downs("a.service", 1), null, List.of()));
    }

    Path file = data.resolve("healguard.db");
    assertThat(appliedVersions(file)).containsExactly("1");
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("PRAGMA user_version")) {
      assertThat(rs.getInt(1)).as("what an older binary checks before it creates tables").isEqualTo(1);
    }
  }

  private static List<String> appliedVersions(Path file) throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + file); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT version FROM flyway_schema_history WHERE success = 1 ORDER BY installed_rank")) {
      List<String> out = new java.util.ArrayList<>();
      while (rs.next()) out.add(rs.getString(1));
      return out;
    }
  }
}
