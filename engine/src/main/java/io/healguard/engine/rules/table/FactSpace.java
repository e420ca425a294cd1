package io.healguard.engine.rules.table;

import io.healguard.engine.cause.CauseClass;
import io.healguard.engine.rules.Situation;
import java.util.ArrayList;
import java.util.List;

/**
 * Every consistent combination of gate facts, so the policy gate can ask a compiled table all the
 * questions the engine could ever ask it. Facts the engine never sets for an input (a storm for an
 * UP report, a stable period for a DOWN one) are held false there, and inconsistent pairs (a
 * storm episode without a storm, a cool-off on a closed circuit) are left out. A DOWN report
 * comes in every cause class, inside and outside a non-transient episode; other inputs have
 * cause UNKNOWN. About 22,000 situations.
 */
public final class FactSpace {
  /** Effective circuit positions: CLOSED, OPEN in cool-off, OPEN with cool-off over, HALF_OPEN (probed). */
  private static final String[][] CIRCUITS = {
    {"CLOSED", "false"}, {"OPEN", "false"}, {"OPEN", "true"}, {"HALF_OPEN", "false"}
  };

  private FactSpace() {}

  public static List<Situation> all() {
    List<Situation> out = new ArrayList<>();
    for (boolean hold : bools()) {
      for (String[] c : CIRCUITS) {
        for (boolean drift : bools()) {
          for (String mode : List.of("HOLD", "RELEASE", "FORCE_RESTART", "RESET")) {
            out.add(base("OVERRIDE", mode, hold, c, drift));
          }
          for (String ev : List.of("ERROR", "WARNING", "CLEARED")) {
            out.add(base("DRIFT", ev, hold, c, drift));
          }
          for (boolean stable : bools()) {
            for (boolean backoff : bools()) {
              Situation s = base("REPORT", "UP", hold, c, drift);
              s.setStableReached(stable);
              s.setBackoffActive(backoff);
              out.add(s);
            }
          }
          for (boolean below : bools()) {
            Situation s = base("REPORT", "DEGRADED", hold, c, drift);
            s.setBelowThreshold(below);
            out.add(s);
          }
          addDown(out, hold, c, drift);
        }
      }
    }
    return out;
  }

  private static void addDown(List<Situation> out, boolean hold, String[] c, boolean drift) {
    for (boolean below : bools())
      for (boolean dep : bools())
        for (int storm = 0; storm < 3; storm++)
          for (boolean cooldown : bools())
            for (boolean churn : bools())
              for (boolean safety : bools())
                for (CauseClass cause : CauseClass.values())
                  for (boolean episode : bools()) {
                Situation s = base("REPORT", "DOWN", hold, c, drift);
                s.setCause(cause.name());
                s.setNonTransientEpisode(episode);
                s.setBelowThreshold(below);
                s.setDependencyDown(dep);
                s.setStorm(storm > 0);
                s.setStormEpisodeActive(storm == 2);
                s.setCooldownActive(cooldown);
                s.setChurnAtMax(churn);
                s.setSafetyEnvelopeReached(safety);
                out.add(s);
              }
  }

  private static Situation base(String input, String event, boolean hold, String[] c, boolean drift) {
    Situation s = new Situation();
    s.setInput(input);
    s.setEvent(event);
    s.setHoldActive(hold);
    s.setCircuit(c[0]);
    s.setCooloffOver(Boolean.parseBoolean(c[1]));
    s.setDriftError(drift);
    return s;
  }

  private static boolean[] bools() {
    return new boolean[] {false, true};
  }
}
