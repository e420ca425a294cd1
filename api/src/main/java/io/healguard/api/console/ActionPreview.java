package io.healguard.api.console;

import io.healguard.engine.json.Durations;
import io.healguard.engine.decision.CircuitState;
import io.healguard.engine.policy.Input;
import io.healguard.engine.policy.OverrideMode;
import io.healguard.engine.rules.Thresholds;
import io.healguard.engine.decision.UnitSnapshot;
import io.healguard.engine.policy.UnitView;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * What an override will do, in words taken from the unit's state and its tier's thresholds row,
 * before anyone submits it (the Alertmanager silence preview). It only reads: the decision itself is
 * still the engine's, and the console shows that decision with its row afterwards.
 */
public final class ActionPreview {
  /** {@code until}: when a hold would end (null for other modes). */
  public record Preview(String unit, OverrideMode mode, String text, Instant until, String thresholdsRow) {}

  private static final DateTimeFormatter HHMM = DateTimeFormatter.ofPattern("HH:mm:ss 'UTC'").withZone(ZoneOffset.UTC);

  private ActionPreview() {}

  /** {@code th} null: the tier has no thresholds row (the text then leaves the numbers out). */
  public static Preview of(UnitView v, Thresholds th, Input.OperatorOverride in, Instant now) {
    UnitSnapshot s = v.state();
    String text = switch (in.mode()) {
      case HOLD -> hold(v, s, th, in, now);
      case RELEASE -> release(v, s, th, now);
      case RESET -> reset(v, s);
      case FORCE_RESTART -> force(v, s, th, now);
    };
    Instant until = in.mode() == OverrideMode.HOLD ? now.plus(in.ttl()) : null;
    return new Preview(v.unit(), in.mode(), text, until, th == null ? null : th.row());
  }

  private static String hold(UnitView v, UnitSnapshot s, Thresholds th, Input.OperatorOverride in, Instant now) {
    StringBuilder b = new StringBuilder("Blocks every policy restart of ").append(v.unit()).append(" until ")
        .append(time(now.plus(in.ttl()))).append(" (").append(Durations.format(in.ttl())).append(" from now); ")
        .append(pending(s, th)).append('.');
    if (holdActive(v, now)) {
      b.append(" It replaces the hold by ").append(v.hold().actor()).append(" that ends at ")
          .append(time(v.hold().expiresAt())).append('.');
    }
    return b.append(" An operator's force restart still goes through.").toString();
  }

  private static String release(UnitView v, UnitSnapshot s, Thresholds th, Instant now) {
    if (!holdActive(v, now)) {
      return "There is no active hold on " + v.unit() + ": releasing changes nothing.";
    }
    StringBuilder b = new StringBuilder("Lifts the hold by ").append(v.hold().actor());
    if (v.hold().reason() != null) b.append(" (\"").append(v.hold().reason()).append("\")");
    b.append(" that blocks restarts of ").append(v.unit()).append(" until ").append(time(v.hold().expiresAt()))
        .append("; policy restarts resume: ").append(pending(s, th));
    List<String> still = stillBlocking(s, now);
    if (!still.isEmpty()) b.append("; still in the way: ").append(String.join(", ", still));
    return b.append('.').toString();
  }

  private static String reset(UnitView v, UnitSnapshot s) {
    StringBuilder b = new StringBuilder("Clears ").append(count(s.restartsInWindow(), "restart"))
        .append(" in the ").append(s.window()).append(" window (of ").append(s.maxRestarts()).append(" allowed), ")
        .append(count(s.downCount(), "counted DOWN report")).append(" and backoff step ").append(s.backoffStep());
    if (s.circuit() != CircuitState.CLOSED) {
      b.append(", and closes the ").append(s.circuit()).append(" circuit");
    }
    b.append(" of ").append(v.unit()).append(". A hold, if any, stays.");
    return b.toString();
  }

  private static String force(UnitView v, UnitSnapshot s, Thresholds th, Instant now) {
    StringBuilder b = new StringBuilder("Restarts ").append(v.unit()).append(" now through the executor");
    List<String> past = new ArrayList<>();
    if (holdActive(v, now)) past.add("the hold by " + v.hold().actor() + " until " + time(v.hold().expiresAt()));
    past.addAll(stillBlocking(s, now));
    if (!past.isEmpty()) b.append(", past ").append(String.join(", ", past));
    int next = s.restartsInWindow() + 1;
    b.append(". It counts as restart ").append(next).append(" of ").append(s.maxRestarts()).append(" allowed in ")
        .append(s.window());
    if (next >= s.maxRestarts()) {
      b.append(": the ").append(v.tier().label()).append(" tier's maximum");
    }
    if (th != null) b.append(" (row ").append(th.row()).append(')');
    return b.append('.').toString();
  }

  private static List<String> stillBlocking(UnitSnapshot s, Instant now) {
    List<String> l = new ArrayList<>();
    if (s.circuit() == CircuitState.OPEN && s.cooloffUntil() != null && now.isBefore(s.cooloffUntil())) {
      l.add("the OPEN circuit until " + time(s.cooloffUntil()));
    }
    if (s.cooldownActive() && s.cooldownUntil() != null) {
      l.add("the cooldown until " + time(s.cooldownUntil()));
    }
    if (s.driftErrors() > 0) l.add(count(s.driftErrors(), "drift error"));
    return l;
  }

  private static String pending(UnitSnapshot s, Thresholds th) {
    String n = s.downCount() == 1 ? "1 DOWN report is pending" : s.downCount() + " DOWN reports are pending";
    return th == null ? n : n + " (" + th.failures() + " in a row ask for a restart, row " + th.row() + ")";
  }

  private static boolean holdActive(UnitView v, Instant now) {
    return v.hold() != null && v.hold().activeAt(now);
  }

  private static String count(int n, String what) {
    return n + " " + what + (n == 1 ? "" : "s");
  }

  static String time(Instant t) {
    return HHMM.format(t);
  }
}
