package io.healguard.tables.bench;

import ch.qos.logback.classic.LoggerContext;
import io.healguard.engine.Healguard;
import io.healguard.engine.health.HealthReport;
import io.healguard.engine.health.HealthStatus;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.RecoveryEngine;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.testing.Fixtures;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.openjdk.jmh.infra.ThreadParams;
import org.slf4j.LoggerFactory;

/**
 * Context for the gate numbers: whole decisions through {@link RecoveryEngine#decide} with the
 * bundled tables and the in-memory store, over {@value #UNITS} units. Each decision moves a
 * shared clock by {@value #TICK_MILLIS} ms, so a unit hears from its reporter about every 20 s of
 * simulated time whatever the throughput, and cooldowns, windows and circuits play out as in a
 * fleet. Reports are 80% UP, 15% DOWN, 5% DEGRADED: below the storm threshold most of the time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class EngineBenchmark {
  static final int UNITS = 1000;
  static final long TICK_MILLIS = 20;
  private static final int INPUTS = 4096;

  @State(Scope.Benchmark)
  public static class Fleet {
    final TickingClock clock = new TickingClock(Instant.parse("2025-01-01T00:00:00Z"));
    Healguard healguard;
    RecoveryEngine engine;

    @Setup(Level.Trial)
    public void open() {
      // as the service's logback.xml: audit events go to the store, not to the log
      ((LoggerContext) LoggerFactory.getILoggerFactory()).getLogger("healguard.audit")
          .setLevel(ch.qos.logback.classic.Level.WARN);
      healguard = Healguard.open(Fixtures.bundledTables(), LocalStateStore.memory(), clock,
          SafetyEnvelope.DEFAULT, List.of());
    }

    /** A fresh store each iteration: the memory journal keeps every audit event it is given. */
    @Setup(Level.Iteration)
    public void freshStore() {
      engine = new RecoveryEngine(healguard.policy(), LocalStateStore.memory(), clock,
          SafetyEnvelope.DEFAULT, List.of());
    }

    @TearDown(Level.Trial)
    public void close() {
      healguard.close();
    }
  }

  @State(Scope.Thread)
  public static class Reports {
    Input[] inputs;
    int next;

    @Setup
    public void draw(ThreadParams thread) {
      SplittableRandom random = new SplittableRandom(7L + thread.getThreadIndex());
      inputs = new Input[INPUTS];
      for (int i = 0; i < INPUTS; i++) {
        int p = random.nextInt(100);
        HealthStatus status = p < 80 ? HealthStatus.UP : p < 95 ? HealthStatus.DOWN : HealthStatus.DEGRADED;
        String unit = String.format("unit-%04d.service", random.nextInt(UNITS));
        inputs[i] = new Input.Report(HealthReport.of(unit, status));
      }
    }
  }

  @Benchmark
  public void engineDecide(Fleet fleet, Reports r, Blackhole bh) {
    fleet.clock.tick(TICK_MILLIS);
    bh.consume(fleet.engine.decide(r.inputs[r.next++ & (INPUTS - 1)]));
  }

  /** Simulated time that moves only when a decision is made. */
  static final class TickingClock extends Clock {
    private final long start;
    private final AtomicLong elapsed = new AtomicLong();

    TickingClock(Instant start) {
      this.start = start.toEpochMilli();
    }

    void tick(long millis) {
      elapsed.addAndGet(millis);
    }

    @Override
    public Instant instant() {
      return Instant.ofEpochMilli(start + elapsed.get());
    }

    @Override
    public long millis() {
      return start + elapsed.get();
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
