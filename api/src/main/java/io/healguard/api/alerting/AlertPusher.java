package io.healguard.api.alerting;

import io.healguard.api.alerts.Alerts;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pushes the active alert signals to every configured Alertmanager. One evaluation thread asks
 * {@code active} (what {@code GET /api/v1/alerts} shows, so with replicas on a shared store each
 * replica sends what the store says is active) every {@link #TICK} and soon after a decision
 * ({@link #wake}, which only sets a flag: a decision never waits for alerting), lets the
 * {@link ResendSchedule} say what is due, and puts it in each Alertmanager's latest-state queue;
 * each Alertmanager has its own sender thread, so a dead one never delays another. The clock
 * decides what is due and when a backoff ends; real time only paces the evaluations.
 */
public final class AlertPusher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(AlertPusher.class);
  static final Duration TICK = Duration.ofSeconds(1);
  /** A burst of decisions gives one evaluation this long after its first, not one each. */
  static final Duration WAKE_DELAY = Duration.ofMillis(100);
  static final String STORE_UNAVAILABLE = "STORE_UNAVAILABLE";

  private final Supplier<List<Alerts.Alert>> active;
  private final AlertPayloads payloads;
  private final Clock clock;
  private final ResendSchedule schedule;
  private final List<AlertmanagerSender> senders = new ArrayList<>();
  private final List<ExecutorService> sendThreads = new ArrayList<>();
  private final List<AtomicBoolean> sending = new ArrayList<>();
  private final AtomicBoolean wakePending = new AtomicBoolean();
  private ScheduledExecutorService evaluator;

  public AlertPusher(AlertingConfig config, Supplier<List<Alerts.Alert>> active, AlertPayloads payloads, Clock clock,
      MeterRegistry registry) {
    this(config, active, payloads, clock, registry, t -> new AlertmanagerClient(t)::send);
  }

  /** {@code clients}: how a batch reaches a target (the real HTTP client, or a test's stand-in). */
  AlertPusher(AlertingConfig config, Supplier<List<Alerts.Alert>> active, AlertPayloads payloads, Clock clock,
      MeterRegistry registry, Function<AlertingConfig.Target, Function<List<AmAlert>, AlertmanagerClient.Result>> clients) {
    this.active = active;
    this.payloads = payloads;
    this.clock = clock;
    this.schedule = new ResendSchedule(config.resendInterval());
    for (AlertingConfig.Target t : config.alertmanagers()) {
      senders.add(new AlertmanagerSender(t, clients.apply(t), config.resendInterval(), registry));
      sending.add(new AtomicBoolean());
    }
  }

  /** Starts the evaluation and sender threads. */
  public synchronized AlertPusher start() {
    evaluator = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "healguard-alerting"));
    for (int i = 0; i < senders.size(); i++) {
      String name = "healguard-alerting-send-" + i;
      sendThreads.add(Executors.newSingleThreadExecutor(r -> daemon(r, name)));
    }
    evaluator.scheduleWithFixedDelay(this::tick, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
    return this;
  }

  private static Thread daemon(Runnable r, String name) {
    Thread t = new Thread(r, name);
    t.setDaemon(true);
    return t;
  }

  /** After a decision: evaluate soon. Never blocks. */
  public void wake() {
    ScheduledExecutorService e = evaluator;
    if (e != null && wakePending.compareAndSet(false, true)) {
      try {
        e.schedule(() -> {
          wakePending.set(false);
          tick();
        }, WAKE_DELAY.toMillis(), TimeUnit.MILLISECONDS);
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        wakePending.set(false);
      }
    }
  }

  private void tick() {
    try {
      evaluate(clock.instant());
      for (int i = 0; i < senders.size(); i++) {
        kick(i);
      }
    } catch (RuntimeException e) {
      // the next tick tries again; a scheduled task that throws would never run again
      LOG.warn("alert evaluation failed: {}", e.toString());
    }
  }

  private void kick(int i) {
    AlertmanagerSender s = senders.get(i);
    AtomicBoolean busy = sending.get(i);
    if (s.hasWork(clock.instant()) && busy.compareAndSet(false, true)) {
      try {
        sendThreads.get(i).execute(() -> {
          try {
            s.attempt(clock.instant());
          } finally {
            busy.set(false);
          }
        });
      } catch (java.util.concurrent.RejectedExecutionException stopped) {
        busy.set(false);
      }
    }
  }

  /** Asks what is active and queues what is due now for every Alertmanager. */
  void evaluate(Instant now) {
    List<Alerts.Alert> signals;
    try {
      signals = active.get();
    } catch (RuntimeException e) {
      LOG.debug("active alerts could not be read: {}", e.toString());
      signals = List.of(new Alerts.Alert(Alerts.FLEET, STORE_UNAVAILABLE, "critical", null, null));
    }
    Map<String, AmAlert> current = new LinkedHashMap<>();
    if (signals.stream().anyMatch(a -> STORE_UNAVAILABLE.equals(a.signal()))) {
      // the unit alerts cannot be read now: they are still what they were, not cleared
      schedule.lastFiring().forEach(a -> current.put(a.key(), a));
    }
    for (Alerts.Alert signal : signals) {
      AmAlert a = payloads.firing(signal);
      if (a.startsAt() == null) {
        a = a.startingAt(schedule.firstSeen(a.key(), now));
      }
      current.put(a.key(), a);
    }
    for (AmAlert due : schedule.due(List.copyOf(current.values()), now)) {
      senders.forEach(s -> s.enqueue(due));
    }
  }

  /** Sends what is due to every Alertmanager on the calling thread (tests). */
  void sendNow(Instant now) {
    senders.forEach(s -> s.attempt(now));
  }

  /** One entry per Alertmanager, for {@code /health}: never affects readiness. */
  public List<Map<String, Object>> health() {
    return senders.stream().map(s -> AlertmanagerSender.describe(s.status())).toList();
  }

  @Override
  public synchronized void close() {
    if (evaluator != null) {
      evaluator.shutdownNow();
      sendThreads.forEach(ExecutorService::shutdownNow);
      evaluator = null;
    }
  }
}
