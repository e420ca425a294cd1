package io.healguard.api.alerting;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * When an alert is (re)sent, the way Prometheus' rule manager does it: a new alert at once; a
 * firing one again every {@code resend} with {@code endsAt} = now + 4 x resend (so Alertmanager
 * resolves it by itself if healguard goes away); a cleared one at once with {@code endsAt} = the
 * time it cleared, then again every {@code resend} for {@link #RESOLVED_RETENTION} (an
 * Alertmanager that missed the first resolution still hears it). Time is what the caller passes:
 * tests step it, nothing here sleeps or reads a clock.
 *
 * <p>Not thread-safe: the pusher calls it from its one evaluation thread.
 */
public final class ResendSchedule {
  public static final Duration RESOLVED_RETENTION = Duration.ofMinutes(15);
  static final int ENDS_AT_FACTOR = 4;

  private final Duration resend;
  private final Map<String, Tracked> tracked = new LinkedHashMap<>();

  private static final class Tracked {
    AmAlert alert;
    Instant lastSentAt;
    Instant resolvedAt;

    Tracked(AmAlert alert) {
      this.alert = alert;
    }
  }

  public ResendSchedule(Duration resend) {
    this.resend = resend;
  }

  /** When a new alert that has no time of its own is taken to start: the first time it was seen. */
  public Instant firstSeen(String key, Instant now) {
    Tracked t = tracked.get(key);
    return t == null || t.resolvedAt != null ? now : t.alert.startsAt();
  }

  /**
   * The alerts to send now, given every alert active now. An alert missing from {@code active}
   * is taken as cleared.
   */
  public List<AmAlert> due(List<AmAlert> active, Instant now) {
    List<AmAlert> out = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (AmAlert a : active) {
      seen.add(a.key());
      Tracked t = tracked.get(a.key());
      if (t == null || t.resolvedAt != null) {
        // new, or back after it cleared: a new episode, sent at once
        t = new Tracked(a);
        tracked.put(a.key(), t);
      } else {
        t.alert = a; // the latest counters ride on the next resend
      }
      if (t.lastSentAt == null || !now.isBefore(t.lastSentAt.plus(resend))) {
        t.lastSentAt = now;
        out.add(a.endingAt(now.plus(resend.multipliedBy(ENDS_AT_FACTOR))));
      }
    }
    for (Iterator<Map.Entry<String, Tracked>> it = tracked.entrySet().iterator(); it.hasNext(); ) {
      Map.Entry<String, Tracked> e = it.next();
      Tracked t = e.getValue();
      if (seen.contains(e.getKey())) {
        continue;
      }
      if (t.resolvedAt == null) {
        t.resolvedAt = now;
        t.lastSentAt = now;
        out.add(t.alert.endingAt(now));
      } else if (!now.isBefore(t.resolvedAt.plus(RESOLVED_RETENTION))) {
        it.remove();
      } else if (!now.isBefore(t.lastSentAt.plus(resend))) {
        t.lastSentAt = now;
        out.add(t.alert.endingAt(t.resolvedAt));
      }
    }
    return out;
  }

  /**
   * While the state cannot be read (the store is away), every firing alert stays firing as last
   * seen (give these to {@link #due} with what is known): not knowing is not the same as cleared.
   */
  public List<AmAlert> lastFiring() {
    List<AmAlert> firing = new ArrayList<>();
    tracked.values().stream().filter(t -> t.resolvedAt == null).forEach(t -> firing.add(t.alert));
    return firing;
  }

  /** Alerts tracked (firing, or cleared and still being re-sent). */
  public int size() {
    return tracked.size();
  }
}
