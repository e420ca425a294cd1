package io.healguard.engine.audit;

import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Ids for decisions and audit events: time-ordered UUIDs (version 7, RFC 9562), a millisecond
 * timestamp then 74 random bits. {@link UUID#randomUUID} draws from one shared SecureRandom, which
 * showed up in profiles of the report endpoint; an id needs to be unique, not unguessable.
 */
public final class EventIds {
  private EventIds() {}

  public static String next() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    long msb = (System.currentTimeMillis() << 16) | 0x7000L | (random.nextLong() & 0x0FFFL);
    long lsb = (random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL) | 0x8000_0000_0000_0000L;
    return new UUID(msb, lsb).toString();
  }
}
