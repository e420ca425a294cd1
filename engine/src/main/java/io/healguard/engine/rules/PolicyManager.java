package io.healguard.engine.rules;

import io.healguard.engine.rules.internal.CheckVerdictCache;
import io.healguard.engine.rules.internal.TablesWatch;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
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
  private final PolicyArchive archive;
  private final AtomicReference<PolicyPin> pinned = new AtomicReference<>();
  private final TablesWatch watch;

  /** Compiles {@code dir} now; a policy that fails the gate at start-up is fatal (nothing to fall back on). */
  public PolicyManager(Path dir, Clock clock) {
    this(dir, clock, null);
  }

  /**
   * As {@link #PolicyManager(Path, Clock)}, keeping every activated version in {@code archive}
   * (null: none kept, no rollback). A rollback pinned before a restart is honoured when the tables
   * directory has not changed since.
   */
  public PolicyManager(Path dir, Clock clock, PolicyArchive archive) {
    this.dir = dir;
    this.clock = clock;
    this.archive = archive;
    // the fact-space verdicts beside the archive: both are the data directory's, both optional
    this.compiler = new PolicyCompiler(clock, archive == null ? CheckVerdictCache.none()
        : CheckVerdictCache.in(archive.root().resolveSibling("policy-checks")));
    this.watch = new TablesWatch(dir, "healguard-policy-watch", () -> reload("file-watch"));
    PolicySnapshot first = pinnedAtStart();
    String how = pinned.get() == null ? "startup" : "startup-pinned";
    if (first == null) {
      first = compiler.compile(dir);
    }
    if (archive != null) {
      archive.record(first, clock.instant(), "startup", how);
    }
    current.set(first);
    lastOutcome.set(new ReloadOutcome(ReloadOutcome.Status.ACTIVATED, first.version(), null,
        first.loadedAt(), "startup", List.of()));
    LOG.info("policy {} active from {} ({} tables)", first.shortVersion(), first.source(), first.tables().size());
  }

  /** The pinned version when a rollback was in force at shutdown and nobody touched the tables since. */
  private PolicySnapshot pinnedAtStart() {
    if (archive == null) {
      return null;
    }
    PolicyPin pin = archive.pin().orElse(null);
    if (pin == null) {
      return null;
    }
    if (!pin.tablesStamp().equals(watch.lastSeen())) {
      LOG.info("rollback to {} ends: the files in {} changed since it", shortOf(pin.version()), dir);
      archive.unpin();
      return null;
    }
    try {
      PolicySnapshot p = compiler.compile(archive.find(pin.version()).dir());
      pinned.set(pin);
      LOG.info("policy {} stays pinned by the rollback of {} by {}", p.shortVersion(), pin.at(), pin.actor());
      return p;
    } catch (RuntimeException e) {
      LOG.error("pinned policy {} cannot be used, loading {} instead: {}", shortOf(pin.version()), dir, e.getMessage());
      archive.unpin();
      return null;
    }
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

  /** The archive of activated versions, or null when none is kept. */
  public PolicyArchive archive() {
    return archive;
  }

  /** The rollback in force, or null when the policy in force is the tables directory's. */
  public PolicyPin pinned() {
    return pinned.get();
  }

  public void addListener(PolicyListener l) {
    listeners.add(l);
  }

  /**
   * Compiles the directory again and activates it if it passes the gate and differs from the
   * policy in force. Ends a rollback's pin unless the tables are rejected.
   */
  public synchronized ReloadOutcome reload(String actor) {
    watch.seenNow();
    return activate(ReloadCandidate.reload(dir, actor), actor);
  }

  /**
   * Puts an archived version back in force after the same gate as a reload, compiled from the
   * archived copy, and pins it: the file watch leaves it in force until a file of the tables
   * directory actually changes or someone reloads explicitly.
   *
   * @throws UnknownPolicyVersionException when the archive has no such version (nothing changes)
   * @throws IllegalStateException when this manager keeps no archive
   */
  public synchronized ReloadOutcome rollback(String version, String actor) {
    if (archive == null) {
      throw new IllegalStateException("no policy archive is kept, so there is nothing to roll back to");
    }
    ArchivedPolicy target = archive.find(version);
    return activate(ReloadCandidate.rollback(target, actor), actor);
  }

  /**
   * Puts a version received from elsewhere (another replica, through the store) in force after
   * the same gate as a reload: the zipped tables are staged into the archive, compiled from there
   * and must hash to {@code version}. A rejection leaves the policy in force and is reported like
   * a rejected reload ({@link #lastRejected()}, listeners); the staged copy is removed. Ends a
   * rollback's pin: the shared version is what is in force now.
   *
   * @throws IllegalStateException when this manager keeps no archive
   */
  public synchronized ReloadOutcome adopt(String version, byte[] tablesZip, String actor) {
    if (archive == null) {
      throw new IllegalStateException("no policy archive is kept, so there is nowhere to put shared tables");
    }
    PolicyArchive.Staged[] staged = {null};
    return activate(ReloadCandidate.sync(version, () -> {
      staged[0] = archive.stage(version, PolicyBundle.unzip("shared policy " + shortOf(version), tablesZip));
      return staged[0].dir();
    }, () -> discardQuietly(staged[0])), actor);
  }

  /**
   * The one reload path (the Alertmanager coordinator's way): compile and check completely off the
   * request path, refuse on any problem, archive, then swap one reference and tell the listeners;
   * the policy in force keeps deciding through any refusal.
   */
  private ReloadOutcome activate(ReloadCandidate c, String actor) {
    PolicySnapshot old = current.get();
    if (c.expected() != null && c.expected().equals(old.version())) {
      return publish(unchanged(old, actor));
    }
    ReloadOutcome outcome;
    try {
      PolicySnapshot next = compiler.compile(c.tables().get());
      if (c.expected() != null && !next.version().equals(c.expected())) {
        throw new PolicyRejectedException(c.what(), List.of(c.mismatch(next)));
      }
      outcome = next.version().equals(old.version()) ? unchanged(old, actor) : swap(c, old, next, actor);
      if (c.kind() != ReloadCandidate.Kind.ROLLBACK) {
        unpin();
      }
    } catch (PolicyRejectedException e) {
      c.undo().run();
      outcome = rejected(old, actor, e.problems());
      LOG.warn("{} rejected, {} keeps deciding: {}", c.what(), old.shortVersion(), e.getMessage());
    } catch (RuntimeException e) {
      c.undo().run();
      outcome = rejected(old, actor, List.of(c.failure(e)));
      LOG.error("{} failed, {} keeps deciding", c.what(), old.shortVersion(), e);
    }
    return publish(outcome);
  }

  private ReloadOutcome swap(ReloadCandidate c, PolicySnapshot old, PolicySnapshot next, String actor) {
    PolicyPin pin = null;
    if (c.kind() == ReloadCandidate.Kind.ROLLBACK) {
      pin = new PolicyPin(next.version(), old.version(), clock.instant(), actor, TablesWatch.stamp(dir));
      archive.pin(pin);
    }
    archive(next, actor, c.how());
    current.set(next);
    if (pin == null) {
      LOG.info("policy {} activated (was {}) by {}", next.shortVersion(), old.shortVersion(), actor);
      return new ReloadOutcome(ReloadOutcome.Status.ACTIVATED, next.version(), old.version(), clock.instant(),
          actor, next.warnings());
    }
    pinned.set(pin);
    // the tables directory as it is now is what the rollback overrules: only a change after it counts
    watch.seen(pin.tablesStamp());
    LOG.info("policy rolled back to {} (was {}) by {}; pinned until a reload or a change in {}",
        next.shortVersion(), old.shortVersion(), actor, dir);
    return new ReloadOutcome(ReloadOutcome.Status.ROLLED_BACK, next.version(), old.version(), clock.instant(),
        actor, next.warnings());
  }

  private ReloadOutcome unchanged(PolicySnapshot old, String actor) {
    return new ReloadOutcome(ReloadOutcome.Status.UNCHANGED, old.version(), old.version(), clock.instant(), actor,
        List.of());
  }

  private void discardQuietly(PolicyArchive.Staged staged) {
    if (staged == null) return;
    try {
      archive.discard(staged);
    } catch (RuntimeException e) {
      LOG.warn("rejected policy copy {} not removed: {}", staged.dir(), e.getMessage());
    }
  }

  /**
   * Runs {@code step} with reloads, rollbacks and adoptions held off, for a caller that reads
   * something (the shared version) and acts on it: nothing can activate between the read and
   * the act. Listeners run inside this lock too, so a step must not wait for another thread
   * that reloads.
   */
  public synchronized <T> T serialized(java.util.function.Supplier<T> step) {
    return step.get();
  }

  private void archive(PolicySnapshot p, String actor, String how) {
    if (archive != null) {
      archive.record(p, clock.instant(), actor, how);
    }
  }

  private void unpin() {
    if (pinned.getAndSet(null) != null && archive != null) {
      archive.unpin();
    }
  }

  private ReloadOutcome rejected(PolicySnapshot old, String actor, List<PolicyProblem> problems) {
    ReloadOutcome o = new ReloadOutcome(ReloadOutcome.Status.REJECTED, null, old.version(), clock.instant(),
        actor, problems);
    lastRejected.set(o);
    return o;
  }

  private ReloadOutcome publish(ReloadOutcome outcome) {
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
  public void watch(Duration interval) {
    watch.start(interval);
  }

  private static String shortOf(String v) {
    return ReloadCandidate.shortOf(v);
  }

  /** One poll of the watch on the caller's thread: a test steps the watch instead of sleeping. */
  void pollOnce() {
    watch.pollOnce();
  }

  @Override
  public void close() {
    watch.close();
  }
}
