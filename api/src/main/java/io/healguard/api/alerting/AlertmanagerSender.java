package io.healguard.api.alerting;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one Alertmanager's queue in batches; after a failure the next attempt waits
 * {@link #backoff} (doubling from 1s, at most the resend interval), and the batch goes back in
 * the queue behind any newer state of its alerts. A 4xx answer drops the batch (it would be
 * refused again) and is counted apart. Time is the caller's: {@link #attempt} is given now.
 *
 * <p>Meters: {@code healguard_alertmanager_sends_total{alertmanager,result}} (result
 * {@code success}, {@code failure} retried, {@code rejected} dropped), present at 0 from the
 * start; {@code healguard_alertmanager_alerts_dropped_total}; {@code healguard_alertmanager_queue_length}.
 */
final class AlertmanagerSender {
  private static final Logger LOG = LoggerFactory.getLogger(AlertmanagerSender.class);
  static final int BATCH = 64;
  static final int CAPACITY = 10_000;
  static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);

  /** What {@code /health} shows of one Alertmanager. */
  public record Status(String alertmanager, String state, Instant lastSuccessAt, Instant lastFailureAt,
      String lastError, int consecutiveFailures, int queued, long dropped) {}

  private final AlertingConfig.Target target;
  private final Function<List<AmAlert>, AlertmanagerClient.Result> client;
  private final Duration maxBackoff;
  private final LatestQueue queue = new LatestQueue(CAPACITY);
  private final Counter success;
  private final Counter failure;
  private final Counter rejected;
  private volatile Instant nextAttemptAt = Instant.MIN;
  private volatile Instant lastSuccessAt;
  private volatile Instant lastFailureAt;
  private volatile String lastError;
  private volatile int failures;

  AlertmanagerSender(AlertingConfig.Target target, Function<List<AmAlert>, AlertmanagerClient.Result> client,
      Duration maxBackoff, MeterRegistry registry) {
    this.target = target;
    this.client = client;
    this.maxBackoff = maxBackoff;
    String am = target.name();
    this.success = sends(registry, am, "success");
    this.failure = sends(registry, am, "failure");
    this.rejected = sends(registry, am, "rejected");
    FunctionCounter.builder("healguard.alertmanager.alerts.dropped", queue, LatestQueue::dropped)
        .description("Alert states dropped because the queue for an Alertmanager was full")
        .tag("alertmanager", am).register(registry);
    Gauge.builder("healguard.alertmanager.queue.length", queue, LatestQueue::size)
        .description("Alert states waiting to be sent to an Alertmanager").tag("alertmanager", am).register(registry);
  }

  private static Counter sends(MeterRegistry registry, String am, String result) {
    return Counter.builder("healguard.alertmanager.sends")
        .description("POSTs of alert batches to an Alertmanager, by result")
        .tags("alertmanager", am, "result", result).register(registry);
  }

  void enqueue(AmAlert a) {
    queue.put(a);
  }

  boolean hasWork(Instant now) {
    return queue.size() > 0 && !now.isBefore(nextAttemptAt);
  }

  /** Sends what is queued, batch after batch, unless a backoff is still running; stops at the first failure. */
  void attempt(Instant now) {
    while (hasWork(now)) {
      List<AmAlert> batch = queue.take(BATCH);
      AlertmanagerClient.Result r = client.apply(batch);
      if (r.accepted()) {
        success.increment();
        if (failures > 0) {
          LOG.info("alertmanager {} reachable again after {} failed sends", target.name(), failures);
        }
        failures = 0;
        lastSuccessAt = now;
        continue;
      }
      failures++;
      lastFailureAt = now;
      lastError = r.error();
      if (r.retry()) {
        failure.increment();
        queue.putBack(batch);
        nextAttemptAt = now.plus(backoff(failures));
      } else {
        rejected.increment();
      }
      if (failures == 1 || Integer.bitCount(failures) == 1) {
        // one line at the first failure, then at 2, 4, 8...: an outage does not flood the log
        LOG.warn("alertmanager {} send failed ({} in a row, {} alerts {}): {}", target.name(), failures, batch.size(),
            r.retry() ? "kept for retry" : "dropped", r.error());
      }
      return;
    }
  }

  /** 1s, 2s, 4s... capped at the resend interval, so an Alertmanager back up hears again within one interval. */
  Duration backoff(int failuresInARow) {
    Duration d = FIRST_BACKOFF.multipliedBy(1L << Math.min(failuresInARow - 1, 20));
    return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
  }

  Status status() {
    String state = failures > 0 ? "failing" : lastSuccessAt == null ? "idle" : "ok";
    return new Status(target.name(), state, lastSuccessAt, lastFailureAt, lastError, failures, queue.size(),
        queue.dropped());
  }

  static Map<String, Object> describe(Status s) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alertmanager", s.alertmanager());
    m.put("state", s.state());
    m.put("lastSuccessAt", s.lastSuccessAt());
    m.put("lastFailureAt", s.lastFailureAt());
    m.put("lastError", s.lastError());
    m.put("consecutiveFailures", s.consecutiveFailures());
    m.put("queued", s.queued());
    m.put("dropped", s.dropped());
    return m;
  }
}
