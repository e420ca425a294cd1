package io.healguard.api.cli;

import ch.qos.logback.classic.LoggerContext;
import org.slf4j.LoggerFactory;

/**
 * Stops Logback at the very end of a command, which writes out what its queues still hold (the
 * audit lines). logback.xml registers no shutdown hook of its own: one would stop logging while
 * {@code serve} is still stopping, and its last lines would be lost.
 */
public final class Logging {
  private Logging() {}

  /** Flushes and stops logging; nothing logged afterwards is written. */
  public static void flushAndStop() {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext ctx) {
      ctx.stop();
    }
  }
}
