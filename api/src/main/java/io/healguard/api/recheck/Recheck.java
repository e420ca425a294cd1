package io.healguard.api.recheck;

import io.healguard.api.exec.UnitActivity;
import io.healguard.api.exec.UnitStateProbe;
import io.healguard.engine.decision.Action;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.decision.LastReport;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.json.Durations;
import io.healguard.engine.policy.UnitView;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Re-decides a unit that systemd reported failed and that healguard did not restart. With
 * {@code Restart=no} and {@code OnFailure=healguard-report@%n.service}, systemd sends one DOWN per
 * crash; the policy wants several to confirm a failure and never revisits a BLOCK on its own, so
 * without this the unit would stay dead and silent. Each {@link #runDue} finds the units due
 * ({@link RecheckDue}), asks systemd whether each is still failed ({@link UnitStateProbe}), and
 * for those that are, decides a DOWN report from {@value #SOURCE} with the same failure cause
 * through {@code decide}: counted, decided, audited, executed and alerted like any report. The
 * policy is not special-cased: the thresholds count these DOWNs as they count every DOWN.
 *
 * <p>Bounded: at most one recheck per unit runs at a time, one per {@code interval} (or per
 * cooldown) per unit, and it ends when the unit is restarted and systemd says it is active (then
 * that is decided as an UP report from {@value #SOURCE}: nothing else would report the recovery),
 * reported UP, held, overridden or escalated. A unit systemd says is not failed (started by hand,
 * reset) is not reported, and not asked again until its next report. Time is the injected clock's;
 * the caller decides how often {@link #runDue} runs.
 */
public final class Recheck {
  private static final Logger LOG = LoggerFactory.getLogger(Recheck.class);
  /** The source {@code healguard report --from-systemd} gives its reports (unless told another). */
  public static final String SYSTEMD_SOURCE = "systemd-onfailure";
  /** The source of the reports a recheck decides. */
  public static final String SOURCE = "healguard:recheck";

  private final Supplier<List<UnitView>> views;
  private final Function<String, Optional<UnitView>> view;
  private final UnitStateProbe probe;
  private final Function<HealthReport, CompletionStage<Decision>> decide;
  private final Clock clock;
  private final Duration interval;
  /** Units with a recheck running: never two at once for one unit. */
  private final Set<String> running = ConcurrentHashMap.newKeySet();
  /** Unit → the time of the report after which systemd said it was not failed: not asked again until a newer one. */
  private final Map<String, Instant> settled = new ConcurrentHashMap<>();
  /** Unit → when to ask again after systemd could not be asked. */
  private final Map<String, Instant> retryAt = new ConcurrentHashMap<>();
  private final AtomicInteger awaiting = new AtomicInteger();
  private final Counter sweeps;
  private final Counter stillFailed;
  private final Counter notFailed;
  private final Counter probeFailed;

  /**
   * @param views every known unit, as the engine shows them
   * @param view one unit, read again just before its report is decided
   * @param decide the service's decision path for one report
   * @param interval how long after a report a unit still failed is reported again; zero: off
   */
  public Recheck(Supplier<List<UnitView>> views, Function<String, Optional<UnitView>> view, UnitStateProbe probe,
      Function<HealthReport, CompletionStage<Decision>> decide, Clock clock, Duration interval, MeterRegistry registry) {
    this.views = views;
    this.view = view;
    this.probe = probe;
    this.decide = decide;
    this.clock = clock;
    this.interval = interval;
    Gauge.builder("healguard.rechecks.awaiting", awaiting, AtomicInteger::get)
        .description("Units systemd reported failed that healguard will ask systemd about again").register(registry);
    this.sweeps = Counter.builder("healguard.recheck.sweeps").description("Recheck sweeps run").register(registry);
    this.stillFailed = outcome(registry, "still_failed");
    this.notFailed = outcome(registry, "not_failed");
    this.probeFailed = outcome(registry, "probe_failed");
  }

  private static Counter outcome(MeterRegistry registry, String outcome) {
    return Counter.builder("healguard.rechecks").tag("outcome", outcome)
        .description("Units asked again whether they are still failed, by what systemd answered").register(registry);
  }

  /** True when the source is systemd's hook or a recheck: the reports whose unit nothing else reports. */
  static boolean fromSystemd(String source) {
    return SYSTEMD_SOURCE.equals(source) || SOURCE.equals(source);
  }

  /** False when the executor cannot ask systemd (not systemctl mode) or the interval is 0. */
  public boolean enabled() {
    return probe.supported() && !interval.isZero();
  }

  public Duration interval() {
    return interval;
  }

  /**
   * Rechecks every unit due now; blocks while it reads the units, then completes with the number
   * of units reported DOWN again once their decisions are taken.
   */
  public CompletableFuture<Integer> runDue() {
    if (!enabled()) {
      return CompletableFuture.completedFuture(0);
    }
    sweeps.increment();
    Instant now = clock.instant();
    int waiting = 0;
    List<CompletableFuture<Boolean>> started = new ArrayList<>();
    Set<String> seen = new java.util.HashSet<>();
    for (UnitView v : views.get()) {
      String unit = v.unit();
      seen.add(unit);
      Optional<Instant> due = RecheckDue.dueAt(v, interval);
      if (due.isEmpty()) {
        settled.remove(unit);
        retryAt.remove(unit);
        continue;
      }
      Instant reportAt = v.lastReport().at();
      Instant settledAt = settled.get(unit);
      if (settledAt != null) {
        if (settledAt.equals(reportAt)) {
          continue;
        }
        settled.remove(unit); // a newer report from systemd: a new failure, asked about afresh
      }
      waiting++;
      Instant retry = retryAt.get(unit);
      if (due.get().isAfter(now) || retry != null && retry.isAfter(now) || !running.add(unit)) {
        continue;
      }
      started.add(recheck(unit, reportAt).whenComplete((r, e) -> running.remove(unit)));
    }
    settled.keySet().retainAll(seen);
    retryAt.keySet().retainAll(seen);
    awaiting.set(waiting);
    return CompletableFuture.allOf(started.toArray(CompletableFuture[]::new))
        .thenApply(v -> (int) started.stream().filter(CompletableFuture::join).count());
  }

  private CompletableFuture<Boolean> recheck(String unit, Instant reportAt) {
    return probe.submit(unit).thenCompose(a -> {
      if (a.error() != null) {
        probeFailed.increment();
        retryAt.put(unit, clock.instant().plus(interval));
        LOG.warn("unit {}: recheck: cannot ask systemd whether it is still failed ({}); asking again in {}",
            unit, a.error(), Durations.format(interval));
        return CompletableFuture.completedFuture(false);
      }
      retryAt.remove(unit);
      Optional<UnitView> current = view.apply(unit).filter(v -> v.lastReport() != null && v.lastReport().at().equals(reportAt));
      if (current.isEmpty()) {
        // a newer report came in while systemd was asked: it is the one that counts
        return CompletableFuture.completedFuture(false);
      }
      if (!a.failed()) {
        return notFailed(unit, a, reportAt, current.get());
      }
      stillFailed.increment();
      return decide.apply(report(a, current.get().lastReport())).toCompletableFuture().thenApply(d -> {
        LOG.info("unit {}: recheck: systemd says {}: reported DOWN again, decided {} {}", unit, a.describe(),
            d.action(), d.reason());
        return true;
      });
    }).exceptionally(e -> {
      LOG.warn("unit {}: recheck not decided: {}", unit, e.getCause() != null ? e.getCause().toString() : e.toString());
      return false;
    });
  }

  /**
   * systemd says the unit is not failed. Right after healguard's own restart, {@code active} is
   * the health report nobody else will send (the unit has {@code Restart=no} and no watchdog): it
   * is decided as an UP, so a half-open circuit's probe closes it and the unit view stops showing
   * the old DOWN. Still starting after that restart: asked again an interval later. Anything else
   * (started or stopped by hand) is a person's doing: nothing is reported.
   */
  private CompletableFuture<Boolean> notFailed(String unit, UnitActivity a, Instant reportAt, UnitView v) {
    boolean ourRestart = v.lastDecision() != null && v.lastDecision().action() == Action.RESTART;
    if (ourRestart && a.active()) {
      notFailed.increment();
      settled.put(unit, reportAt);
      HealthReport up = new HealthReport(unit, HealthStatus.UP, clock.instant(), SOURCE,
          "healguard recheck: systemd says " + unit + " is active (" + a.describe() + ") after healguard's restart", null);
      return decide.apply(up).toCompletableFuture().thenApply(d -> {
        LOG.info("unit {}: recheck: systemd says {} after the restart: reported UP, decided {} {}", unit,
            a.describe(), d.action(), d.reason());
        return false;
      });
    }
    if (ourRestart && !UnitActivity.INACTIVE.equals(a.activeState())) {
      // activating, reloading, deactivating: not settled yet, the next interval tells
      retryAt.put(unit, clock.instant().plus(interval));
      LOG.info("unit {}: recheck: systemd says {} after the restart: asking again in {}", unit, a.describe(),
          Durations.format(interval));
      return CompletableFuture.completedFuture(false);
    }
    notFailed.increment();
    settled.put(unit, reportAt);
    LOG.info("unit {}: recheck: systemd says {}: not failed, not reported again", unit, a.describe());
    return CompletableFuture.completedFuture(false);
  }

  /** The same failure, again: same cause (its class decides as the first report's did), a new detail. */
  private HealthReport report(UnitActivity a, LastReport last) {
    String detail = "healguard recheck: systemd says " + a.unit() + " is still failed (" + a.describe()
        + "); last report " + last.at() + " from " + last.source();
    return new HealthReport(a.unit(), HealthStatus.DOWN, clock.instant(), SOURCE, detail, last.cause());
  }
}
