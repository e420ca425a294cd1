package io.healguard.engine.store.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.json.Json;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/** The audit table's columns, one order for both stores: {@code (id, at_ms, type, unit, event)}. */
public final class AuditRows {
  private AuditRows() {}

  public static void bind(PreparedStatement insert, AuditEvent e) throws SQLException, JsonProcessingException {
    insert.setString(1, e.id());
    insert.setLong(2, e.at().toEpochMilli());
    insert.setString(3, e.type().name());
    insert.setString(4, e.unit());
    insert.setString(5, Json.MAPPER.writeValueAsString(e));
  }
}
