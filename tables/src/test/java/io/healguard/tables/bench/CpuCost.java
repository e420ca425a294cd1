package io.healguard.tables.bench;

import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.testing.Fixtures;
import io.healguard.tables.reference.ReferencePolicy;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.time.Clock;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * CPU time per gate decision on one thread, variants measured round-robin in one JVM so that a
 * busy machine slows them all alike: a cross-check of the JMH numbers, whose wall-clock errors on
 * a shared 2-core box can exceed their scores. Besides {@code PolicySnapshot.ask} (the table itself)
 * and {@code PolicySnapshot.decide} (a verdict remembered, what the engine pays now) it runs the
 * snapshot's own KieBase through a plain stateless session (a working memory per call) and through
 * a session pool, to show what the session strategy costs; it reaches the KieBase by reflection,
 * so it needs the snapshot's {@code session} field.
 */
public final class CpuCost {
  private static final int ROUNDS = 9;
  private static final int OPS = 20_000;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private CpuCost() {}

  public static void main(String[] args) throws Exception {
    Situation[] mix = SituationMix.draw(42L);
    PolicySnapshot bundled = new PolicyCompiler(Clock.systemUTC()).compile(Fixtures.bundledTables());
    PolicySnapshot large = new PolicyCompiler(Clock.systemUTC())
        .compile(LargeGatesTable.write(Files.createTempDirectory("healguard-cpu-200-rows")));
    ReferencePolicy reference = new ReferencePolicy();
    Map<String, Function<Situation, Verdict>> variants = new LinkedHashMap<>();
    variants.put("referencePolicy", reference::decide);
    variants.put("bundledTables", bundled::ask);
    variants.put("table200Rows", large::ask);
    variants.put("bundledRemembered", bundled::decide);
    variants.put("bundled/plain", run(kieBase(bundled).newStatelessKieSession()));
    variants.put("bundled/pooled", run(kieBase(bundled).newKieSessionsPool(2).newStatelessKieSession()));
    variants.put("200rows/plain", run(kieBase(large).newStatelessKieSession()));
    variants.put("200rows/pooled", run(kieBase(large).newKieSessionsPool(2).newStatelessKieSession()));

    Map<String, long[]> ns = new LinkedHashMap<>();
    variants.keySet().forEach(k -> ns.put(k, new long[ROUNDS]));
    long sink = 0;
    for (int warm = 0; warm < 5; warm++) {
      for (Function<Situation, Verdict> v : variants.values()) sink += time(mix, v);
    }
    for (int r = 0; r < ROUNDS; r++) {
      for (Map.Entry<String, Function<Situation, Verdict>> v : variants.entrySet()) {
        ns.get(v.getKey())[r] = time(mix, v.getValue());
      }
    }
    System.out.printf("%-16s %14s %22s %24s%n", "variant", "ns CPU/op", "ops per CPU-second", "min..max ns");
    Map<String, Double> median = new LinkedHashMap<>();
    ns.forEach((name, t) -> {
      Arrays.sort(t);
      double perOp = (double) t[ROUNDS / 2] / OPS;
      median.put(name, perOp);
      System.out.printf("%-16s %14.1f %,22.0f %12.1f..%.1f%n", name, perOp, 1e9 / perOp,
          (double) t[0] / OPS, (double) t[ROUNDS - 1] / OPS);
    });
    System.out.printf("200-row / bundled per decision: %.2f (plain %.2f, pooled %.2f)%n",
        median.get("table200Rows") / median.get("bundledTables"),
        median.get("200rows/plain") / median.get("bundled/plain"),
        median.get("200rows/pooled") / median.get("bundled/pooled"));
    System.out.printf("plain / pooled session: bundled %.2f, 200-row %.2f%n",
        median.get("bundled/plain") / median.get("bundled/pooled"),
        median.get("200rows/plain") / median.get("200rows/pooled"));
    System.out.println(sink == 42 ? "" : "done");
  }

  private static Function<Situation, Verdict> run(StatelessKieSession session) {
    return s -> {
      session.execute(s);
      return s.verdict();
    };
  }

  private static KieBase kieBase(PolicySnapshot p) throws ReflectiveOperationException {
    Field f = PolicySnapshot.class.getDeclaredField("session");
    f.setAccessible(true);
    return ((StatelessKieSession) f.get(p)).getKieBase();
  }

  /** CPU nanoseconds this thread spent on {@link #OPS} decisions. */
  private static long time(Situation[] mix, Function<Situation, Verdict> decide) {
    long rows = 0;
    long start = CPU.getCurrentThreadCpuTime();
    for (int i = 0; i < OPS; i++) {
      rows += decide.apply(mix[i & (SituationMix.SIZE - 1)].copyFacts()).row().length();
    }
    long spent = CPU.getCurrentThreadCpuTime() - start;
    return rows == 0 ? -1 : spent;
  }
}
