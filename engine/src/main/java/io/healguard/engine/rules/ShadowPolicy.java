package io.healguard.engine.rules;

import io.healguard.engine.rules.internal.TablesWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A candidate policy that decides nothing: compiled from its own directory through the same gate
 * as the live policy and reloaded the same way (explicitly or by watching the files), so the
 * engine can ask it every live question. Unlike the live policy a rejected candidate is not fatal
 * at start-up: it is reported and there is simply nothing to compare until a good one arrives; a
 * rejected reload keeps the previous candidate.
 */
public final class ShadowPolicy implements PolicySource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShadowPolicy.class);

  private final Path dir;
  private final PolicyCompiler compiler;
  private final Clock clock;
  private final AtomicReference<PolicySnapshot> current = new AtomicReference<>();
  private final AtomicReference<ReloadOutcome> lastOutcome = new AtomicReference<>();
  private final AtomicReference<ReloadOutcome> lastRejected = new AtomicReference<>();
  private final TablesWatch watch;

  public ShadowPolicy(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
    this.compiler = new PolicyCompiler(clock);
    this.watch = new TablesWatch(dir, "healguard-shadow-watch", () -> reload("file-watch"));
    reload("startup");
  }

  /** The candidate in force, or null when none has passed the gate yet. */
  @Override
  public PolicySnapshot current() {
    return current.get();
  }

  public Path directory() {
    return dir;
  }

  public ReloadOutcome lastOutcome() {
    return lastOutcome.get();
  }

  public ReloadOutcome lastRejected() {
    return lastRejected.get();
  }

  public synchronized ReloadOutcome reload(String actor) {
    watch.seenNow();
    PolicySnapshot old = current.get();
    String oldVersion = old == null ? null : old.version();
    ReloadOutcome o;
    try {
      PolicySnapshot next = compiler.compile(dir);
      if (next.version().equals(oldVersion)) {
        o = new ReloadOutcome(ReloadOutcome.Status.UNCHANGED, oldVersion, oldVersion, clock.instant(), actor, List.of());
      } else {
        current.set(next);
        o = new ReloadOutcome(ReloadOutcome.Status.ACTIVATED, next.version(), oldVersion, clock.instant(), actor,
            next.warnings());
        LOG.info("shadow policy {} from {} compared with every live decision (never acted on)", next.shortVersion(), dir);
      }
    } catch (PolicyRejectedException e) {
      o = new ReloadOutcome(ReloadOutcome.Status.REJECTED, null, oldVersion, clock.instant(), actor, e.problems());
      lastRejected.set(o);
      LOG.warn("shadow policy from {} rejected, {}: {}", dir,
          old == null ? "nothing is compared" : old.shortVersion() + " stays the candidate", e.getMessage());
    } catch (RuntimeException e) {
      o = new ReloadOutcome(ReloadOutcome.Status.REJECTED, null, oldVersion, clock.instant(), actor,
          List.of(new PolicyProblem(dir.toString(), null, null, null, "reload failed: " + e)));
      lastRejected.set(o);
      LOG.error("shadow policy reload from {} failed", dir, e);
    }
    lastOutcome.set(o);
    return o;
  }

  /** Polls the directory like {@link PolicyManager#watch}: a change is reloaded once it stops changing. */
  public void watch(Duration interval) {
    watch.start(interval);
  }

  @Override
  public void close() {
    watch.close();
  }
}
