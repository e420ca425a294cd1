package io.healguard.engine.store.internal;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/** The stores' background threads: daemons, so a store left open never keeps a JVM alive. */
public final class Daemons {
  private Daemons() {}

  public static ScheduledExecutorService single(String name) {
    return Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
  }

  /** Runs {@code task} every {@code interval}, first after one interval. */
  public static void every(ScheduledExecutorService on, Duration interval, Runnable task) {
    long ms = interval.toMillis();
    on.scheduleWithFixedDelay(task, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** Interrupts what runs and waits for it a few seconds: a store closes without a hang. */
  public static void stop(ExecutorService e) {
    e.shutdownNow();
    try {
      e.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException interrupted) {
      Thread.currentThread().interrupt();
    }
  }
}
