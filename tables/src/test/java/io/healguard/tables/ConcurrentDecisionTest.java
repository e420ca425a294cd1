package io.healguard.tables;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.PolicySnapshot;
import io.healguard.engine.rules.Situation;
import io.healguard.engine.rules.Verdict;
import io.healguard.engine.rules.table.FactSpace;
import io.healguard.engine.testing.Fixtures;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * One compiled policy snapshot is shared by every request thread: concurrent decisions must give
 * exactly the answers a single thread gives (the spike saw a session pool answer wrongly).
 */
class ConcurrentDecisionTest {
  @Test
  void shouldGiveTheSameVerdictsFromManyThreadsAsFromOne() throws Exception {
    PolicySnapshot policy = new PolicyCompiler(Clock.systemUTC()).compile(Fixtures.bundledTables());
    List<Situation> all = FactSpace.all();
    List<Verdict> expected = all.stream().map(s -> policy.decide(s.copyFacts())).toList();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<List<Integer>>> results = new ArrayList<>();

    for (int t = 0; t < 8; t++) {
      int offset = t * 97;
      results.add(pool.submit(() -> {
        List<Integer> wrong = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
          for (int k = 0; k < all.size(); k++) {
            int i = (k + offset) % all.size();
            if (!policy.decide(all.get(i).copyFacts()).equals(expected.get(i))) wrong.add(i);
          }
        }
        return wrong;
      }));
    }

    List<Integer> wrong = new ArrayList<>();
    for (Future<List<Integer>> f : results) wrong.addAll(f.get());
    pool.shutdown();
    assertThat(wrong).isEmpty();
  }
}
