package io.healguard.engine.crash;

import io.healguard.engine.Healguard;
import io.healguard.engine.decision.Decision;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.PostgresStateStore;
import io.healguard.engine.testing.Reports;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * One replica for {@link ReplicaTest}: the real engine over its own {@link PostgresStateStore}
 * on the shared schema, several threads reporting the same crash-looping unit DOWN, printing
 * {@code ACK id at action reason} after each acknowledged decision. Replicas share a time base:
 * engine time is {@code start + (wall - wallStart) * speed}, the same in every process.
 *
 * <p>It starts deciding when it reads {@code GO wallStartMillis} on standard input, so replicas
 * that compiled their policy at different speeds still overlap from the first decision.
 *
 * <p>Args: jdbcUrl tablesDir startInstant speed threads runMillis (0 = until killed)
 */
public final class ReplicaDriver {
  public static void main(String[] args) throws Exception {
    String url = args[0];
    Path tables = Path.of(args[1]);
    Instant start = Instant.parse(args[2]);
    long speed = Long.parseLong(args[3]);
    int threads = Integer.parseInt(args[4]);
    long runMillis = Long.parseLong(args[5]);
    SharedClock clock = new SharedClock(start, speed);
    PrintStream out = System.out;
    Healguard hg = Healguard.open(tables, PostgresStateStore.open(url), clock, SafetyEnvelope.DEFAULT, List.of());
    hg.engine().decide(Reports.up("warmup.service"));
    out.println("READY");
    out.flush();
    String go = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
    clock.wallStart = Long.parseLong(go.split(" ")[1]);
    long until = runMillis == 0 ? Long.MAX_VALUE : System.currentTimeMillis() + runMillis;
    List<Thread> workers = new ArrayList<>();
    for (int t = 0; t < threads; t++) {
      Thread w = new Thread(() -> {
        for (long i = 0; System.currentTimeMillis() < until; i++) {
          Decision d = hg.engine().decide(Reports.down("crashy.service"));
          synchronized (out) {
            out.println("ACK " + d.id() + " " + d.at() + " " + d.action() + " " + d.reason());
            out.flush();
          }
          if (i % 10 == 0) hg.engine().decide(Reports.up("steady-" + (i % 3) + ".service"));
        }
      });
      w.start();
      workers.add(w);
    }
    for (Thread w : workers) w.join();
    hg.close();
    out.println("DONE");
    out.flush();
  }

  /** Engine time from the wall clock, sped up: every replica on this host reads the same time. */
  static final class SharedClock extends Clock {
    private final Instant start;
    private final long speed;
    volatile long wallStart = System.currentTimeMillis();

    SharedClock(Instant start, long speed) {
      this.start = start;
      this.speed = speed;
    }

    @Override
    public Instant instant() {
      return start.plusMillis((System.currentTimeMillis() - wallStart) * speed);
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
