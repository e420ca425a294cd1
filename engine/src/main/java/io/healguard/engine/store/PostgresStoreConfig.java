package io.healguard.engine.store;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.store.internal.PgUrl;
import java.time.Duration;

/**
 * How a {@link PostgresStateStore} connects.
 *
 * @param url {@code jdbc:postgresql://host:port/db?user=..&currentSchema=..}; credentials in it
 *     are passed to the driver only, never logged or described
 * @param poolSize connections held; decisions beyond it wait up to {@code connectionTimeout}
 * @param connectionTimeout how long a decision waits for a connection before it is {@code BLOCK
 *     STORE_UNAVAILABLE}; also the driver's connect timeout
 * @param lockTimeout how long a decision waits for its unit's row lock held by another replica
 * @param probeInterval how often a dedicated connection checks that the database answers
 */
public record PostgresStoreConfig(
    String url, int poolSize, Duration connectionTimeout, Duration lockTimeout, Duration probeInterval) {

  public PostgresStoreConfig {
    if (url == null || !url.startsWith("jdbc:postgresql:")) {
      throw InvalidInputException.field("store.url", url == null ? null : PgUrl.redact(url),
          "a jdbc:postgresql:// URL");
    }
    if (poolSize < 1 || poolSize > 500) {
      throw InvalidInputException.field("store.pool-size", poolSize, "between 1 and 500");
    }
    requireAtLeast("store.connection-timeout", connectionTimeout, Duration.ofMillis(250));
    requireAtLeast("store.lock-timeout", lockTimeout, Duration.ofMillis(100));
    requireAtLeast("store.probe-interval", probeInterval, Duration.ofMillis(100));
  }

  /**
   * {@code url} with its password and user removed, for logs, errors and config dumps: the one
   * redaction every module uses, so a credential cannot leak through a second, laxer copy.
   */
  public static String redact(String url) {
    return PgUrl.redact(url);
  }

  /** Defaults: 10 connections, 2 s to get one, 10 s for a row lock, a probe every second. */
  public static PostgresStoreConfig of(String url) {
    return new PostgresStoreConfig(url, 10, Duration.ofSeconds(2), Duration.ofSeconds(10), Duration.ofSeconds(1));
  }

  public PostgresStoreConfig withPoolSize(int n) {
    return new PostgresStoreConfig(url, n, connectionTimeout, lockTimeout, probeInterval);
  }

  public PostgresStoreConfig withConnectionTimeout(Duration d) {
    return new PostgresStoreConfig(url, poolSize, d, lockTimeout, probeInterval);
  }

  public PostgresStoreConfig withProbeInterval(Duration d) {
    return new PostgresStoreConfig(url, poolSize, connectionTimeout, lockTimeout, d);
  }

  private static void requireAtLeast(String field, Duration d, Duration min) {
    if (d == null || d.compareTo(min) < 0) {
      throw InvalidInputException.field(field, d, "at least " + min.toMillis() + "ms");
    }
  }

  @Override
  public String toString() {
    return "PostgresStoreConfig[url=" + PgUrl.redact(url) + ", poolSize=" + poolSize + ", connectionTimeout="
        + connectionTimeout + ", lockTimeout=" + lockTimeout + ", probeInterval=" + probeInterval + "]";
  }
}
