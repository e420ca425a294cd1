package io.healguard.engine.rules;

import io.healguard.engine.decision.Action;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Compares each live decision with the shadow candidate's (action and reason) and keeps what an
 * operator needs to judge the candidate: how many decisions were compared, how many disagreed, by
 * live and shadow action, and the latest disagreements with both rows. Counts start over when the
 * candidate's version changes, so they always describe the candidate in force. Each disagreement
 * is one log line, at most one per {@code logEvery}; the next line says how many it skipped.
 *
 * <p>The candidate is asked with the live state: it shows where it would decide differently now,
 * not the history it would have produced (its own restarts, its own circuit). That is what
 * {@code healguard policy diff} replays.
 */
public final class ShadowRecorder implements ShadowListener {
  private static final Logger LOG = LoggerFactory.getLogger(ShadowRecorder.class);

  /** Where the counts go besides this recorder (Prometheus in the service). */
  public interface Metrics {
    Metrics NONE = new Metrics() {
      @Override public void compared() {}
      @Override public void disagreed(Action live, Action shadow) {}
    };

    void compared();

    void disagreed(Action live, Action shadow);
  }

  /** One side of a comparison; {@code row} a table row or an engine guard. */
  public record Side(Action action, String reason, String row, String policyVersion, String facts) {}

  public record Disagreement(String unit, Instant at, Map<String, Object> input, Side live, Side shadow) {}

  public record ActionPair(Action liveAction, Action shadowAction, long count) {}

  public record Summary(
      String shadowVersion, Instant since, long compared, long disagreements, List<ActionPair> byAction,
      List<Disagreement> latest) {}

  private final Clock clock;
  private final int keep;
  private final Duration logEvery;
  private final Metrics metrics;

  private String version;
  private Instant since;
  private long compared;
  private long disagreements;
  private final Map<String, ActionPair> pairs = new LinkedHashMap<>();
  private final Deque<Disagreement> latest = new ArrayDeque<>();
  private Instant lastLog;
  private long unlogged;

  /** Keeps the latest {@code keep} disagreements; logs at most one line per {@code logEvery}. */
  public ShadowRecorder(Clock clock, int keep, Duration logEvery, Metrics metrics) {
    if (keep < 1) {
      throw new IllegalArgumentException("keep must be >= 1, but was " + keep);
    }
    this.clock = clock;
    this.keep = keep;
    this.logEvery = logEvery;
    this.metrics = metrics == null ? Metrics.NONE : metrics;
  }

  @Override
  public void onDecision(ShadowCase c) {
    boolean differs = c.disagrees();
    metrics.compared();
    if (differs) {
      metrics.disagreed(c.live().action(), c.shadow().action());
    }
    Disagreement d = differs ? disagreement(c) : null;
    long skipped = -1;
    synchronized (this) {
      if (!c.shadowVersion().equals(version)) {
        version = c.shadowVersion();
        since = clock.instant();
        compared = 0;
        disagreements = 0;
        pairs.clear();
        latest.clear();
      }
      compared++;
      if (d == null) {
        return;
      }
      disagreements++;
      pairs.merge(d.live().action() + ">" + d.shadow().action(),
          new ActionPair(d.live().action(), d.shadow().action(), 1),
          (a, b) -> new ActionPair(a.liveAction(), a.shadowAction(), a.count() + 1));
      latest.addFirst(d);
      while (latest.size() > keep) {
        latest.removeLast();
      }
      Instant now = clock.instant();
      if (lastLog == null || !now.isBefore(lastLog.plus(logEvery))) {
        lastLog = now;
        skipped = unlogged;
        unlogged = 0;
      } else {
        unlogged++;
      }
    }
    if (skipped >= 0) {
      LOG.info("shadow {} disagrees on {} {}: live {} {} ({}), shadow {} {} ({}){}", shortOf(c.shadowVersion()),
          d.unit(), c.live().input(), d.live().action(), d.live().reason(), d.live().row(),
          d.shadow().action(), d.shadow().reason(), d.shadow().row(),
          skipped == 0 ? "" : "; " + skipped + " more disagreements since the last line");
    }
  }

  public synchronized Summary summary() {
    return new Summary(version, since, compared, disagreements, List.copyOf(pairs.values()), new ArrayList<>(latest));
  }

  private static Disagreement disagreement(ShadowCase c) {
    Side live = new Side(c.live().action(), c.live().reason(), c.live().rule(), c.live().policyVersion(),
        c.liveFacts().toString());
    Side shadow = new Side(c.shadow().action(), c.shadow().reason(), c.shadow().row(), c.shadowVersion(),
        c.shadowFacts().toString());
    return new Disagreement(c.live().unit(), c.live().at(), c.input(), live, shadow);
  }

  private static String shortOf(String v) {
    return v == null || v.length() <= 12 ? v : v.substring(0, 12);
  }
}
