package io.healguard.engine.rules;

import io.healguard.engine.policy.PolicySource;
import io.healguard.engine.rules.internal.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Holds the policy in force and reloads it: build the new snapshot completely off the request
 * path, refuse it on any problem, then swap one reference; the old snapshot keeps serving until
 * the swap and through any refusal. Reloads are serialized, so two operators reloading at once
 * cannot activate out of order.
 *
 * <p>Watching polls the directory's file names, sizes and modification times: it sees editors that
 * save by rename, network filesystems and copies from a deploy alike, where inotify does not.
 */
public final class PolicyManager implements PolicySource, AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(PolicyManager.class);

  private final Path dir;
  private final PolicyCompiler compiler;
  private final Clock clock;
  private final AtomicReference<PolicySnapshot> current = new AtomicReference<>();
  private final AtomicReference<ReloadOutcome> lastRejected = new AtomicReference<>();
  private final AtomicReference<ReloadOutcome> lastOutcome = new AtomicReference<>();
  private final List<PolicyListener> listeners = new CopyOnWriteArrayList<>();
  private ScheduledExecutorService watcher;
  private String lastSeenStamp;

  /** Compiles {@code dir} now; a policy that fails the gate at start-up is fatal (nothing to fall back on). */
  public PolicyManager(Path dir, Clock clock) {
    this.dir = dir;
    this.clock = clock;
    this.compiler = new PolicyCompiler(clock);
    PolicySnapshot first = compiler.compile(dir);
    current.set(first);
    lastSeenStamp = stamp();
    lastOutcome.set(new ReloadOutcome(ReloadOutcome.Status.ACTIVATED, first.version(), null,
        first.loadedAt(), "startup", List.of()));
    LOG.info("policy {} active from {} ({} tables)", first.shortVersion(), dir, first.tables().size());
  }

  @Override
  public PolicySnapshot current() {
    return current.get();
  }

  public Path directory() {
    return dir;
  }

  public ReloadOutcome lastRejected() {
    return lastRejected.get();
  }

  public ReloadOutcome lastOutcome() {
    return lastOutcome.get();
  }

  public void addListener(PolicyListener l) {
    listeners.add(l);
  }

  /** Compiles the directory again and activates it if it passes the gate and differs from the policy in force. */
  public synchronized ReloadOutcome reload(String actor) {
    PolicySnapshot old = current.get();
    lastSeenStamp = stamp();
    ReloadOutcome outcome;
    try {
      PolicySnapshot next = compiler.compile(dir);
      if (next.version().equals(old.version())) {
        outcome = new ReloadOutcome(ReloadOutcome.Status.UNCHANGED, old.version(), old.version(),
            clock.instant(), actor, List.of());
      } else {
        current.set(next);
        outcome = new ReloadOutcome(ReloadOutcome.Status.ACTIVATED, next.version(), old.version(),
            clock.instant(), actor, next.warnings());
        LOG.info("policy {} activated (was {}) by {}", next.shortVersion(), old.shortVersion(), actor);
      }
    } catch (PolicyRejectedException e) {
      outcome = new ReloadOutcome(ReloadOutcome.Status.REJECTED, null, old.version(), clock.instant(),
          actor, e.problems());
      lastRejected.set(outcome);
      LOG.warn("policy reload by {} rejected, {} keeps deciding: {}", actor, old.shortVersion(), e.getMessage());
    } catch (RuntimeException e) {
      outcome = new ReloadOutcome(ReloadOutcome.Status.REJECTED, null, old.version(), clock.instant(),
          actor, List.of(new PolicyProblem(dir.toString(), null, null, null, "reload failed: " + e)));
      lastRejected.set(outcome);
      LOG.error("policy reload by {} failed, {} keeps deciding", actor, old.shortVersion(), e);
    }
    lastOutcome.set(outcome);
    for (PolicyListener l : listeners) {
      try {
        l.onReload(outcome);
      } catch (RuntimeException e) {
        LOG.error("policy listener failed on {}", outcome.status(), e);
      }
    }
    return outcome;
  }

  /** Starts polling the directory every {@code interval}; a change is reloaded once it stops changing. */
  public synchronized void watch(Duration interval) {
    if (watcher != null) return;
    watcher = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "healguard-policy-watch");
      t.setDaemon(true);
      return t;
    });
    long ms = interval.toMillis();
    watcher.scheduleWithFixedDelay(this::pollOnce, ms, ms, TimeUnit.MILLISECONDS);
  }

  private String pendingStamp;

  private void pollOnce() {
    try {
      String now = stamp();
      synchronized (this) {
        if (now.equals(lastSeenStamp)) {
          pendingStamp = null;
          return;
        }
        // wait one more interval for the same stamp: an editor may still be writing
        if (!now.equals(pendingStamp)) {
          pendingStamp = now;
          return;
        }
        pendingStamp = null;
      }
      reload("file-watch");
    } catch (RuntimeException e) {
      LOG.error("policy watch failed", e);
    }
  }

  private String stamp() {
    List<String> parts = new ArrayList<>();
    try {
      for (Path p : TableSource.tableFiles(dir)) {
        parts.add(p.getFileName() + ":" + Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis());
      }
    } catch (IOException e) {
      parts.add("unreadable:" + e.getMessage());
    }
    return String.join("|", parts);
  }

  @Override
  public synchronized void close() {
    if (watcher != null) {
      watcher.shutdownNow();
      watcher = null;
    }
  }
}
