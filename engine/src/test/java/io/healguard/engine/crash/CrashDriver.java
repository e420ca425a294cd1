package io.healguard.engine.crash;

import io.healguard.engine.Healguard;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.scenario.ScenarioClock;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.testing.Reports;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The child process of {@link CrashRecoveryTest}: runs the real engine on the embedded store and
 * feeds it a crash-looping unit plus a healthy fleet, forever, printing one line per acknowledged
 * decision ({@code ACK id at action reason}) only after {@code decide} returned. The parent kills
 * it with SIGKILL at a moment of its choosing.
 *
 * <p>Args: dataDir tablesDir startInstant stepSeconds
 */
public final class CrashDriver {
  public static void main(String[] args) {
    Path data = Path.of(args[0]);
    Path tables = Path.of(args[1]);
    Instant start = Instant.parse(args[2]);
    Duration step = Duration.ofSeconds(Long.parseLong(args[3]));
    ScenarioClock clock = new ScenarioClock(start);
    PrintStream out = System.out;
    Healguard hg = Healguard.open(tables, LocalStateStore.sqlite(data, SyncMode.NORMAL), clock,
        SafetyEnvelope.DEFAULT, List.of());
    out.println("READY");
    out.flush();
    for (long i = 1; ; i++) {
      clock.set(start.plus(step.multipliedBy(i)));
      Decision d = hg.engine().decide(Reports.down("crashy.service"));
      out.println("ACK " + d.id() + " " + d.at() + " " + d.action() + " " + d.reason());
      out.flush();
      // healthy units keep reporting: their UPs must not slow or disturb anything
      hg.engine().decide(Reports.up("steady-" + (i % 5) + ".service"));
    }
  }
}
