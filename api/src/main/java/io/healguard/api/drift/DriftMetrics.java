package io.healguard.api.drift;

import io.healguard.engine.drift.Severity;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/**
 * The drift scan's meters, registered on the service's registry: when the last scan ran, whether
 * it succeeded, how long it took, the last good scan's findings by severity, and scans by outcome.
 * Gauges read the scanner's current status on each scrape; they hold the supplier strongly,
 * since micrometer's default weak reference would let it be collected and read NaN.
 */
final class DriftMetrics {
  private final MeterRegistry registry;

  DriftMetrics(MeterRegistry registry, Supplier<DriftStatus> status) {
    this.registry = registry;
    Gauge.builder("healguard.drift.last.scan.timestamp.seconds", status,
            s -> s.get().lastScan() == null ? 0 : s.get().lastScan().at().toEpochMilli() / 1000.0)
        .description("When the last drift scan started (0: none yet)").strongReference(true).register(registry);
    Gauge.builder("healguard.drift.last.scan.success", status,
            s -> s.get().lastScan() != null && s.get().lastScan().outcome() == DriftStatus.Outcome.OK ? 1 : 0)
        .description("1 when the last drift scan loaded the contract and checked the host").strongReference(true).register(registry);
    Gauge.builder("healguard.drift.last.scan.duration.seconds", status,
            s -> s.get().lastScan() == null ? 0 : s.get().lastScan().durationMs() / 1000.0)
        .description("How long the last drift scan took").strongReference(true).register(registry);
    for (Severity sev : Severity.values()) {
      Gauge.builder("healguard.drift.findings", status,
              s -> s.get().counts() == null ? 0 : s.get().counts().getOrDefault(sev.id(), 0L))
          .tag("severity", sev.id())
          .description("Findings of the last successful drift scan, by severity").strongReference(true).register(registry);
    }
  }

  void scanned(DriftStatus.Outcome outcome) {
    Counter.builder("healguard.drift.scans").description("Drift scans by outcome")
        .tag("outcome", outcome.name()).register(registry).increment();
  }
}
