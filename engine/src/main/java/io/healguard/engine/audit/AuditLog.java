package io.healguard.engine.audit;

import io.healguard.engine.json.Json;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes each stored audit event as one JSON line on the {@code healguard.audit} logger, which the
 * service's Logback configuration routes to its own file. Called only after the store committed,
 * so the log never shows an event the store lost.
 */
public final class AuditLog {
  private static final Logger AUDIT = LoggerFactory.getLogger("healguard.audit");

  private AuditLog() {}

  public static void log(AuditEvent e) {
    if (AUDIT.isInfoEnabled()) {
      AUDIT.info(Json.write(e));
    }
  }
}
