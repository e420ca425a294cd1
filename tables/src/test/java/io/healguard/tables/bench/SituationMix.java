package io.healguard.tables.bench;

import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.table.FactSpace;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A realistic stream of gate questions: situations drawn from {@link FactSpace}, most of them
 * health reports (UP, then DOWN), a few degraded reports, drift findings and operator overrides.
 * Within a kind every consistent combination of facts is equally likely. Seeded, so every run and
 * every benchmark asks the same questions.
 */
final class SituationMix {
  /** Share of each input kind, in percent; the engine mostly sees routine health reports. */
  static final Map<String, Integer> WEIGHTS = new LinkedHashMap<>();

  static {
    WEIGHTS.put("REPORT UP", 50);
    WEIGHTS.put("REPORT DOWN", 35);
    WEIGHTS.put("REPORT DEGRADED", 7);
    WEIGHTS.put("DRIFT", 5);
    WEIGHTS.put("OVERRIDE", 3);
  }

  /** A power of two, so a benchmark can cycle through it with a mask. */
  static final int SIZE = 4096;

  private SituationMix() {}

  /** {@link #SIZE} fresh situations; each thread should draw its own (they record a verdict). */
  static Situation[] draw(long seed) {
    Map<String, List<Situation>> byKind = new LinkedHashMap<>();
    WEIGHTS.keySet().forEach(k -> byKind.put(k, new ArrayList<>()));
    for (Situation s : FactSpace.all()) {
      String kind = "REPORT".equals(s.getInput()) ? "REPORT " + s.getEvent() : s.getInput();
      byKind.get(kind).add(s);
    }
    SplittableRandom random = new SplittableRandom(seed);
    Situation[] out = new Situation[SIZE];
    for (int i = 0; i < SIZE; i++) {
      List<Situation> pool = byKind.get(kindAt(random.nextInt(100)));
      out[i] = pool.get(random.nextInt(pool.size())).copyFacts();
    }
    return out;
  }

  private static String kindAt(int percentile) {
    int acc = 0;
    for (Map.Entry<String, Integer> e : WEIGHTS.entrySet()) {
      acc += e.getValue();
      if (percentile < acc) {
        return e.getKey();
      }
    }
    throw new IllegalStateException("weights add up to " + acc + ", not 100");
  }
}
