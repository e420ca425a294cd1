package io.healguard.api.alerting;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What is still to be sent to one Alertmanager: the latest state of each alert, not a history, so
 * an Alertmanager that is away for an hour gets one current message per alert when it is back.
 * Bounded: past {@code capacity} alerts the oldest waiting one is dropped (and counted). Safe
 * for one producer and one sender thread.
 */
final class LatestQueue {
  private final int capacity;
  private final Map<String, AmAlert> waiting = new LinkedHashMap<>();
  private long dropped;

  LatestQueue(int capacity) {
    this.capacity = capacity;
  }

  /** Queues {@code a}, replacing a waiting state of the same alert. */
  synchronized void put(AmAlert a) {
    if (waiting.remove(a.key()) == null && waiting.size() >= capacity) {
      Iterator<String> oldest = waiting.keySet().iterator();
      oldest.next();
      oldest.remove();
      dropped++;
    }
    waiting.put(a.key(), a);
  }

  /** Takes up to {@code max} alerts, oldest first. */
  synchronized List<AmAlert> take(int max) {
    List<AmAlert> out = new ArrayList<>(Math.min(max, waiting.size()));
    for (Iterator<AmAlert> it = waiting.values().iterator(); it.hasNext() && out.size() < max; ) {
      out.add(it.next());
      it.remove();
    }
    return out;
  }

  /** Puts back a batch that could not be sent, unless a newer state of an alert arrived meanwhile. */
  synchronized void putBack(List<AmAlert> batch) {
    for (AmAlert a : batch) {
      if (!waiting.containsKey(a.key()) && waiting.size() < capacity) {
        waiting.put(a.key(), a);
      } else if (!waiting.containsKey(a.key())) {
        dropped++;
      }
    }
  }

  synchronized int size() {
    return waiting.size();
  }

  synchronized long dropped() {
    return dropped;
  }
}
