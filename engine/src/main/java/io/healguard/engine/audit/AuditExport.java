package io.healguard.engine.audit;

import io.healguard.engine.json.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.function.Consumer;

/**
 * Audit events as JSON lines, one event per line in the form the audit log writes them, so an
 * export and the {@code healguard.audit} log file can be read by the same tools.
 */
public final class AuditExport implements Consumer<AuditEvent> {
  private final Writer out;
  private long count;

  public AuditExport(Writer out) {
    this.out = out;
  }

  @Override
  public void accept(AuditEvent e) {
    try {
      out.write(Json.write(e));
      out.write('\n');
      count++;
    } catch (IOException ex) {
      throw new UncheckedIOException("audit export after " + count + " events: " + ex.getMessage(), ex);
    }
  }

  /** Events written so far. */
  public long count() {
    return count;
  }
}
