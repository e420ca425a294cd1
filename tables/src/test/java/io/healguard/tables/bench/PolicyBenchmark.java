package io.healguard.tables.bench;

import io.healguard.engine.cause.FailureCause;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.testing.Fixtures;
import io.healguard.tables.reference.ReferencePolicy;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
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

/**
 * Gate decisions per second, one process: the bundled tables, the same policy in plain Java, and
 * a 205-row table, all on the same {@link SituationMix}. One op is one decision, including the
 * {@code copyFacts()} that gives it a fresh fact (the engine builds one per decision too). The
 * compiled snapshot is shared by all threads, as in the service; the situations are per thread.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class PolicyBenchmark {

  /** The questions one thread asks, cycled. */
  @State(Scope.Thread)
  public static class Questions {
    Situation[] situations;
    int next;

    @Setup
    public void draw(ThreadParams thread) {
      // each thread its own order of the same mix, so threads do not move in lock step
      situations = SituationMix.draw(42L + thread.getThreadIndex());
    }

    Situation nextFresh() {
      return situations[next++ & (SituationMix.SIZE - 1)].copyFacts();
    }
  }

  @State(Scope.Benchmark)
  public static class Bundled {
    PolicySnapshot policy;

    @Setup
    public void compile() {
      policy = new PolicyCompiler(Clock.systemUTC()).compile(Fixtures.bundledTables());
    }
  }

  @State(Scope.Benchmark)
  public static class Large {
    PolicySnapshot policy;
    Path dir;

    @Setup
    public void generateAndCompile() throws IOException {
      dir = LargeGatesTable.write(Files.createTempDirectory("healguard-bench-205-rows"));
      policy = new PolicyCompiler(Clock.systemUTC()).compile(dir);
      if (policy.tables().stream().mapToInt(t -> t.rows().size()).sum() < LargeGatesTable.ROWS) {
        throw new IllegalStateException("the large table compiled to fewer than " + LargeGatesTable.ROWS + " rows: " + policy.tables());
      }
    }

    @TearDown
    public void delete() throws IOException {
      try (Stream<Path> files = Files.walk(dir)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
  }

  @State(Scope.Benchmark)
  public static class Reference {
    final ReferencePolicy policy = new ReferencePolicy();
  }

  @Benchmark
  public void bundledTables(Bundled bundled, Questions q, Blackhole bh) {
    bh.consume(bundled.policy.ask(q.nextFresh()));
  }

  /** What a decision pays in the engine: the verdict remembered from an earlier question. */
  @Benchmark
  public void bundledRemembered(Bundled bundled, Questions q, Blackhole bh) {
    bh.consume(bundled.policy.decide(q.nextFresh()));
  }

  @Benchmark
  public void referencePolicy(Reference reference, Questions q, Blackhole bh) {
    bh.consume(reference.policy.decide(q.nextFresh()));
  }

  @Benchmark
  public void table200Rows(Large large, Questions q, Blackhole bh) {
    bh.consume(large.policy.ask(q.nextFresh()));
  }

  /**
   * Causes as an OnFailure hook sends them, cycled: what the causes table costs a DOWN report
   * that carries one (never remembered: the log differs every time). Half carry an 8 KiB log
   * tail that no pattern matches, the worst case for the log rows.
   */
  @State(Scope.Thread)
  public static class Causes {
    FailureCause[] causes;
    int next;

    @Setup
    public void build() {
      String noise = "INFO worker: processed batch 1234 in 12 ms\n".repeat(200).substring(0, FailureCause.MAX_LOG_BYTES);
      causes = new FailureCause[] {
        new FailureCause("exit-code", "exited", "203", null, null),
        new FailureCause("exit-code", "exited", "1", null, noise),
        new FailureCause("oom-kill", "killed", "KILL", null, null),
        new FailureCause("exit-code", "exited", "1", null, noise + "\nModuleNotFoundError: No module named 'x'"),
        new FailureCause("signal", "killed", "SEGV", null, null),
        new FailureCause("exit-code", "exited", "1", null, noise),
        new FailureCause("watchdog", "killed", "ABRT", null, null),
        new FailureCause("exit-code", "exited", "78", null, noise)};
    }

    FailureCause nextCause() {
      return causes[next++ & 7];
    }
  }

  @Benchmark
  public void classifyCause(Bundled bundled, Causes c, Blackhole bh) {
    bh.consume(bundled.policy.classify(c.nextCause()));
  }
}
