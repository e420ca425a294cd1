package io.healguard.api.testing;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting, with a deadline, for what runs on real time: a child process, a script, a service's timer. */
public final class Waits {
  private Waits() {}

  /**
   * Asks {@code probe} until {@code done} holds or {@code deadline} has passed; returns the last
   * answer either way, so the test's assertion says what was seen.
   */
  public static <T> T until(Duration deadline, Supplier<T> probe, Predicate<T> done) throws InterruptedException {
    long end = System.nanoTime() + deadline.toNanos();
    T last = probe.get();
    while (!done.test(last) && System.nanoTime() - end < 0) {
      Thread.sleep(50); // a real process or a timer over a real socket: polled, bounded by the deadline
      last = probe.get();
    }
    return last;
  }
}
