package io.healguard.engine.drift;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.health.UnitNames;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.decision.DriftSeverity;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which unit each finding of a check is about, and the drift facts that makes. A finding naming a
 * unit is that unit's. A finding without a unit about the contract's env file or watchdog config
 * is every contract unit's: the env file is what the units load, and the watchdog's hooks run for
 * every unit. Any other finding without a unit (a listed script no unit runs: a
 * deploy or CI tool) is no unit's: restarting a unit does not run it, so it blocks nothing and is
 * only reported. A template in the contract stands for its instances the engine knows or a finding
 * names, or for itself when there are none. Pure: the same inputs give the same facts.
 */
public final class Attribution {
  private final Map<String, List<DriftFinding>> byUnit;
  private final List<DriftFinding> unattributed;

  private Attribution(Map<String, List<DriftFinding>> byUnit, List<DriftFinding> unattributed) {
    this.byUnit = byUnit;
    this.unattributed = unattributed;
  }

  /** {@code knownUnits}: the units the engine knows, so a template finds its instances. */
  public static Attribution of(Contract contract, DriftReport report, Collection<String> knownUnits) {
    Set<String> named = new TreeSet<>();
    for (DriftFinding f : report.findings()) {
      if (validUnit(f.unit())) {
        named.add(f.unit());
      }
    }
    Set<String> candidates = new TreeSet<>(knownUnits);
    candidates.addAll(named);
    Map<String, List<DriftFinding>> byUnit = new TreeMap<>();
    List<String> contractUnits = new ArrayList<>();
    for (String u : contract.units()) {
      for (String e : expand(u, candidates)) {
        contractUnits.add(e);
        byUnit.putIfAbsent(e, new ArrayList<>());
      }
    }
    List<DriftFinding> unattributed = new ArrayList<>();
    for (DriftFinding f : report.findings()) {
      if (validUnit(f.unit())) {
        byUnit.computeIfAbsent(f.unit(), k -> new ArrayList<>()).add(f);
      } else if (f.unit() == null && aboutEveryUnit(contract, f)) {
        contractUnits.forEach(u -> byUnit.get(u).add(f));
      } else {
        unattributed.add(f);
      }
    }
    Map<String, List<DriftFinding>> frozen = new LinkedHashMap<>();
    byUnit.forEach((u, fs) -> frozen.put(u, List.copyOf(fs)));
    return new Attribution(Collections.unmodifiableMap(frozen), List.copyOf(unattributed));
  }

  /** Every unit the scan is about (contract units, expanded, and units named by findings), by name. */
  public Map<String, List<DriftFinding>> byUnit() {
    return byUnit;
  }

  public List<DriftFinding> unattributed() {
    return unattributed;
  }

  /**
   * The facts per unit: one per kind of ERROR or WARNING finding (INFO is no fact), its detail the
   * first finding of the kind, in report order, so a scan that finds the same thing again sends
   * the same fact. Units without facts map to an empty map.
   */
  public Map<String, Map<String, DriftFact>> facts(Instant since) {
    Map<String, Map<String, DriftFact>> out = new TreeMap<>();
    byUnit.forEach((unit, findings) -> {
      Map<String, List<DriftFinding>> byKind = new TreeMap<>();
      for (DriftFinding f : findings) {
        if (f.severity() != Severity.INFO) {
          byKind.computeIfAbsent(f.kind(), k -> new ArrayList<>()).add(f);
        }
      }
      Map<String, DriftFact> facts = new TreeMap<>();
      byKind.forEach((kind, fs) -> facts.put(kind, new DriftFact(kind, severity(fs), detail(fs), since)));
      out.put(unit, facts);
    });
    return out;
  }

  private static DriftSeverity severity(List<DriftFinding> fs) {
    return fs.stream().anyMatch(f -> f.severity() == Severity.ERROR) ? DriftSeverity.ERROR : DriftSeverity.WARNING;
  }

  private static String detail(List<DriftFinding> fs) {
    DriftFinding f = fs.get(0);
    String at = f.file() + (f.line() == null ? "" : ":" + f.line());
    return at + ": " + f.message() + (fs.size() == 1 ? "" : " (and " + (fs.size() - 1) + " more)");
  }

  // a missing env file is reported where each consumer fails to load it, so only the watchdog's own kind is kept here
  private static boolean aboutEveryUnit(Contract c, DriftFinding f) {
    return f.file().equals(c.envFile()) || f.file().equals(c.watchdogConfig())
        || f.kind().equals(FindingKind.WATCHDOG_CONFIG_MISSING.id());
  }

  private static List<String> expand(String unit, Set<String> candidates) {
    int at = unit.indexOf('@');
    if (at < 0 || !unit.startsWith("@.", at)) {
      return List.of(unit);
    }
    String prefix = unit.substring(0, at + 1);
    String suffix = unit.substring(at + 1);
    List<String> instances = candidates.stream()
        .filter(c -> c.length() > prefix.length() + suffix.length() && c.startsWith(prefix) && c.endsWith(suffix))
        .toList();
    return instances.isEmpty() ? List.of(unit) : instances;
  }

  private static boolean validUnit(String unit) {
    if (unit == null) {
      return false;
    }
    try {
      UnitNames.require("unit", unit);
      return true;
    } catch (InvalidInputException e) {
      return false;
    }
  }
}
