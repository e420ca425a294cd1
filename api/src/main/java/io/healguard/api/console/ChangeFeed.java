package io.healguard.api.console;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.policy.UnitView;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What changed in the fleet since a cursor, so an open page follows the fleet without fetching
 * every unit every second. The fleet is read at most once per {@code minRefreshNanos} however many
 * pages ask (each refresh compares every view with the previous one and numbers what differs), and
 * each page gets only the units, alerts or policy that changed after its cursor.
 *
 * <p>A cursor is {@code <epoch>.<sequence>}; the epoch is random per process, so a cursor from
 * before a restart (or another replica) gets everything again instead of silently missing changes.
 */
public final class ChangeFeed {
  /** Changes after a cursor; {@code alerts} and {@code policy} are null when they did not change. */
  public record Changes(String cursor, boolean full, List<UnitView> units, Object alerts, Object policy) {}

  private record Seen<T>(T value, long seq) {}

  private final Supplier<List<UnitView>> views;
  private final Supplier<Object> alerts;
  private final Supplier<Object> policy;
  private final LongSupplier nanos;
  private final long minRefreshNanos;
  private final String epoch;

  private final Map<String, Seen<UnitView>> units = new HashMap<>();
  private Seen<Object> alertsSeen = new Seen<>(null, 0);
  private Seen<Object> policySeen = new Seen<>(null, 0);
  private long seq;
  private long refreshedAt;
  private boolean refreshed;

  public ChangeFeed(Supplier<List<UnitView>> views, Supplier<Object> alerts, Supplier<Object> policy,
      LongSupplier nanos, long minRefreshNanos) {
    this.views = views;
    this.alerts = alerts;
    this.policy = policy;
    this.nanos = nanos;
    this.minRefreshNanos = minRefreshNanos;
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    this.epoch = HexFormat.of().formatHex(b);
  }

  /** Blocking (reads the store): call it off the event loop. */
  public synchronized Changes since(String cursor) {
    long after = parse(cursor);
    refreshIfStale();
    boolean full = after < 0;
    List<UnitView> changed = new ArrayList<>();
    for (Seen<UnitView> s : units.values()) {
      if (full || s.seq() > after) changed.add(s.value());
    }
    changed.sort((a, b) -> a.unit().compareTo(b.unit()));
    Object a = full || alertsSeen.seq() > after ? alertsSeen.value() : null;
    Object p = full || policySeen.seq() > after ? policySeen.value() : null;
    return new Changes(epoch + "." + seq, full, changed, a, p);
  }

  private void refreshIfStale() {
    long t = nanos.getAsLong();
    if (refreshed && t - refreshedAt < minRefreshNanos) {
      return;
    }
    refreshed = true;
    refreshedAt = t;
    for (UnitView v : views.get()) {
      Seen<UnitView> old = units.get(v.unit());
      if (old == null || !old.value().equals(v)) {
        units.put(v.unit(), new Seen<>(v, ++seq));
      }
    }
    Object a = alerts.get();
    if (!Objects.equals(a, alertsSeen.value())) alertsSeen = new Seen<>(a, ++seq);
    Object p = policy.get();
    if (!Objects.equals(p, policySeen.value())) policySeen = new Seen<>(p, ++seq);
  }

  /** -1: everything (no cursor, or one from another process). */
  private long parse(String cursor) {
    if (cursor == null || cursor.isBlank()) return -1;
    String c = cursor.trim();
    int dot = c.indexOf('.');
    try {
      long n = Long.parseLong(c.substring(dot + 1));
      if (dot <= 0 || n < 0) throw new NumberFormatException();
      return c.substring(0, dot).equals(epoch) && n <= seq ? n : -1;
    } catch (NumberFormatException e) {
      throw InvalidInputException.field("cursor", cursor, "the cursor of a previous answer (<epoch>.<number>), or none");
    }
  }
}
