package io.healguard.api.console;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.decision.DecisionSummary;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.policy.UnitView;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
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
  public record Changes(String cursor, boolean full, boolean more, List<UnitView> units, Object alerts, Object policy) {}

  private record Seen<T>(T value, long seq) {}

  /** A unit's latest view, and what of it counts as a change (see {@link #key}). */
  private record SeenUnit(UnitView value, UnitView key, long seq) {}

  private final Supplier<List<UnitView>> views;
  private final Supplier<Object> alerts;
  private final Supplier<Object> policy;
  private final LongSupplier nanos;
  private final Clock clock;
  private final long minRefreshNanos;
  private final String epoch;

  private final Map<String, SeenUnit> units = new HashMap<>();
  private Seen<Object> alertsSeen = new Seen<>(null, 0);
  private Seen<Object> policySeen = new Seen<>(null, 0);
  private long seq;
  private long refreshedAt;
  private boolean refreshed;

  public ChangeFeed(Supplier<List<UnitView>> views, Supplier<Object> alerts, Supplier<Object> policy,
      Clock clock, LongSupplier nanos, long minRefreshNanos) {
    this.clock = clock;
    this.views = views;
    this.alerts = alerts;
    this.policy = policy;
    this.nanos = nanos;
    this.minRefreshNanos = minRefreshNanos;
    byte[] b = new byte[4];
    new SecureRandom().nextBytes(b);
    this.epoch = HexFormat.of().formatHex(b);
  }

  /**
   * At most {@code limit} units, those changed longest ago first; {@code more} says the rest
   * follows from the answer's cursor. In a storm where every unit changes at every refresh, a page
   * so costs the service {@code limit} views per poll instead of the whole fleet. Blocking (a
   * refresh reads the store): call it off the event loop.
   */
  public synchronized Changes since(String cursor, int limit) {
    long after = parse(cursor);
    refreshIfStale();
    boolean full = after < 0;
    List<SeenUnit> changed = new ArrayList<>();
    for (SeenUnit s : units.values()) {
      if (s.seq() > after) changed.add(s);
    }
    changed.sort((a, b) -> Long.compare(a.seq(), b.seq()));
    boolean more = changed.size() > limit;
    List<SeenUnit> sent = more ? changed.subList(0, limit) : changed;
    long upTo = more ? sent.get(sent.size() - 1).seq() : seq;
    Object a = alertsSeen.seq() > after ? alertsSeen.value() : null;
    Object p = policySeen.seq() > after ? policySeen.value() : null;
    return new Changes(epoch + "." + upTo, full, more, sent.stream().map(SeenUnit::value).toList(), a, p);
  }

  private void refreshIfStale() {
    long t = nanos.getAsLong();
    if (refreshed && t - refreshedAt < minRefreshNanos) {
      return;
    }
    refreshed = true;
    refreshedAt = t;
    List<UnitView> fleet = views.get();
    // after the read: each view's "next restart: now" was computed at or before this instant
    Instant now = clock.instant();
    for (UnitView v : fleet) {
      SeenUnit old = units.get(v.unit());
      UnitView key = key(v, now);
      if (old == null || !old.key().equals(key)) {
        units.put(v.unit(), new SeenUnit(v, key, ++seq));
      } else {
        // the same as far as a page cares: a full answer still gets the latest times
        units.put(v.unit(), new SeenUnit(v, key, old.seq()));
      }
    }
    Object a = alerts.get();
    if (!Objects.equals(a, alertsSeen.value())) alertsSeen = new Seen<>(a, ++seq);
    Object p = policy.get();
    if (!Objects.equals(p, policySeen.value())) policySeen = new Seen<>(p, ++seq);
  }

  /**
   * A view without what moves on every report or every tick of the clock and tells a person
   * nothing new: the times of the last report and decision (the same UP again is no change), and
   * a next-restart time that is simply "now". Without this every unit of a healthy fleet would
   * count as changed at every refresh and every page would get the whole fleet each time.
   */
  static UnitView key(UnitView v, Instant now) {
    LastReport r = v.lastReport();
    DecisionSummary d = v.lastDecision();
    UnitSnapshot s = v.state();
    LastReport rk = r == null ? null : new LastReport(r.status(), null, null, r.source(), r.detail(), r.cause(), r.classification());
    DecisionSummary dk = d == null ? null
        : new DecisionSummary(null, d.input(), d.action(), d.reason(), d.rule(), d.policyVersion(), d.recommendation());
    UnitSnapshot sk = s == null || s.nextRestartAllowedAt() == null || s.nextRestartAllowedAt().isAfter(now) ? s
        : new UnitSnapshot(s.circuit(), s.circuitOpenedAt(), s.cooloffUntil(), s.probeAt(), s.restartsInWindow(),
            s.maxRestarts(), s.window(), s.cooldownActive(), s.cooldownUntil(), s.backoffStep(), Instant.EPOCH,
            s.downCount(), s.degradedCount(), s.holdUntil(), s.driftErrors());
    return new UnitView(v.unit(), v.tier(), v.dependsOn(), rk, dk, sk, v.hold(), v.drift(), v.recommendation());
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
