package io.healguard.api.service;

import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.util.ContextInitializer;
import ch.qos.logback.core.joran.spi.JoranException;
import java.nio.file.Path;
import org.slf4j.LoggerFactory;

/**
 * Points the {@code healguard.audit} logger at {@code <data dir>/audit.jsonl}. Logback is already
 * running by the time the configuration is bound (Vert.x logs while reading it), so this sets the
 * property logback.xml reads and configures Logback once more.
 */
public final class AuditLogFile {
  public static final String PROPERTY = "healguard.audit.file";

  private AuditLogFile() {}

  public static Path use(Path dataDir) {
    Path file = dataDir.toAbsolutePath().resolve("audit.jsonl");
    System.setProperty(PROPERTY, file.toString());
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.reset();
      try {
        new ContextInitializer(ctx).autoConfig();
      } catch (JoranException e) {
        System.err.println("healguard: cannot configure logging: " + e.getMessage());
      }
    }
    return file;
  }
}
