package io.healguard.engine.rules.internal;

import io.healguard.engine.rules.table.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Polls a tables directory's file names, sizes and modification times, and calls back once a
 * change has stopped changing for one interval (an editor may still be writing). Polling sees
 * editors that save by rename, network filesystems and copies from a deploy alike, where inotify
 * does not. The owner tells it what it has already seen ({@link #seen}), so a reload it did
 * itself does not come back as a change.
 */
public final class TablesWatch implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(TablesWatch.class);

  private final Path dir;
  private final String threadName;
  private final Runnable onChange;
  private String lastSeen;
  private String pending;
  private ScheduledExecutorService poller;

  public TablesWatch(Path dir, String threadName, Runnable onChange) {
    this.dir = dir;
    this.threadName = threadName;
    this.onChange = onChange;
    this.lastSeen = stamp(dir);
  }

  /** Marks the directory as it is now as seen; returns that stamp. */
  public synchronized String seenNow() {
    return seen(stamp(dir));
  }

  /** Marks {@code stamp} as seen: only a change after it calls back. */
  public synchronized String seen(String stamp) {
    lastSeen = stamp;
    pending = null;
    return stamp;
  }

  public synchronized String lastSeen() {
    return lastSeen;
  }

  public synchronized void start(Duration interval) {
    if (poller != null) return;
    poller = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
    long ms = interval.toMillis();
    poller.scheduleWithFixedDelay(this::pollOnce, ms, ms, TimeUnit.MILLISECONDS);
  }

  /** One poll now, on the caller's thread; a change calls back at the second poll that still sees it. */
  public void pollOnce() {
    try {
      String now = stamp(dir);
      synchronized (this) {
        if (now.equals(lastSeen)) {
          pending = null;
          return;
        }
        if (!now.equals(pending)) {
          pending = now;
          return;
        }
        pending = null;
      }
      onChange.run();
    } catch (RuntimeException e) {
      LOG.error("watching {} failed", dir, e);
    }
  }

  /** A directory's table files by name, size and mtime: what the watch compares. */
  public static String stamp(Path dir) {
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
    if (poller != null) {
      poller.shutdownNow();
      poller = null;
    }
  }
}
