package io.healguard.engine.drift;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.internal.Classifier;
import io.healguard.engine.drift.internal.ContractEnvFileReader;
import io.healguard.engine.drift.internal.HostFs;
import io.healguard.engine.drift.internal.Judge;
import io.healguard.engine.drift.internal.Passwd;
import io.healguard.engine.drift.internal.Reference;
import io.healguard.engine.drift.internal.ShellScanner;
import io.healguard.engine.drift.internal.SystemdUnits;
import io.healguard.engine.drift.internal.UnitReader;
import io.healguard.engine.drift.internal.UnitReader.ScriptRun;
import io.healguard.engine.drift.internal.WatchdogReader;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a host against a contract: the contract's env file, every listed unit (each configured
 * instance of a template separately), every listed script and every script a unit runs, and the
 * watchdog config. {@code root} is where the host's {@code /} is ({@code Path.of("/")} on the host
 * itself); nothing outside it is read. Stateless: safe to call from several threads at once.
 */
public final class DriftChecker {
  private DriftChecker() {}

  public static DriftReport check(Contract contract, Path root) {
    HostFs fs = new HostFs(root);
    Judge judge = new Judge(contract, fs);
    Classifier classifier = new Classifier(judge);
    ShellScanner shell = new ShellScanner(fs, judge, classifier);
    SystemdUnits systemd = new SystemdUnits(fs);
    UnitReader unitReader = new UnitReader(fs, judge, classifier, shell, new Passwd(fs));

    List<Reference> refs = new ArrayList<>();
    List<DriftFinding> findings = new ArrayList<>();
    new ContractEnvFileReader(fs, classifier).read(contract, refs, findings);

    Map<String, List<ScriptRun>> runs = new LinkedHashMap<>();
    for (String unit : contract.units()) {
      for (String name : effectiveNames(systemd, unit)) {
        Optional<SystemdUnits.UnitSource> src = systemd.find(name);
        if (src.isEmpty() || src.get().masked()) {
          findings.add(missingUnit(systemd, unit, name, src));
          continue;
        }
        UnitReader.Result r = unitReader.read(systemd.load(src.get()));
        refs.addAll(r.refs());
        findings.addAll(r.findings());
        for (ScriptRun run : r.scripts()) {
          runs.computeIfAbsent(fs.canonical(run.script()), k -> new ArrayList<>()).add(run);
        }
      }
    }

    for (String script : contract.scripts()) {
      if (!fs.isFile(script)) {
        findings.add(DriftFinding.of(FindingKind.SCRIPT_MISSING, script, null,
            "the contract lists " + script + " but it does not exist", script, "(missing)", null));
        continue;
      }
      List<ScriptRun> byUnits = runs.remove(fs.canonical(script));
      if (byUnits == null) {
        // run by hand or by CI: whose ~ it sees is unknown, so ~ paths stay unjudged
        byUnits = List.of(new ScriptRun(script, null, null, Map.of(), false));
      }
      for (ScriptRun run : byUnits) {
        ShellScanner.Scan scan = scan(fs, shell, script, run);
        refs.addAll(scan.refs());
        if (!scan.sourcedEnvFile() && !run.unitLoadsEnvFile()) {
          findings.add(DriftFinding.of(FindingKind.ENV_FILE_NOT_REFERENCED, script, null,
              script + " does not source " + contract.envFile(), contract.envFile(), "(not loaded)", run.unit()));
        }
      }
    }
    for (List<ScriptRun> other : runs.values()) {
      for (ScriptRun run : other) {
        refs.addAll(scan(fs, shell, run.script(), run).refs());
      }
    }

    if (contract.watchdogConfig() != null) {
      watchdog(contract.watchdogConfig(), fs, shell, refs, findings);
    }

    for (Reference r : refs) {
      judge.judge(r).ifPresent(findings::add);
    }
    return new DriftReport(List.copyOf(new LinkedHashSet<>(findings)));
  }

  private static ShellScanner.Scan scan(HostFs fs, ShellScanner shell, String script, ScriptRun run) {
    return shell.scanScript(script, fs.readLines(script).orElse(List.of()), run.env(), run.home(), run.unit());
  }

  /** A template is judged once per configured instance; with none, as the bare template. */
  private static List<String> effectiveNames(SystemdUnits systemd, String unit) {
    if (!SystemdUnits.isTemplate(unit)) {
      return List.of(unit);
    }
    List<String> instances = systemd.instancesOf(unit);
    return instances.isEmpty() ? List.of(unit) : instances;
  }

  private static DriftFinding missingUnit(SystemdUnits systemd, String unit, String name, Optional<SystemdUnits.UnitSource> src) {
    if (src.isPresent()) {
      return DriftFinding.of(FindingKind.UNIT_MISSING, src.get().fragment(), null,
          name + " is masked (" + src.get().fragment() + " is empty or links to /dev/null), so it never runs", unit, "(masked)", name);
    }
    String file = "/etc/systemd/system/" + unit; // where an operator would install it
    return DriftFinding.of(FindingKind.UNIT_MISSING, file, null,
        name + " is in none of systemd's unit directories", unit, "(missing)", name);
  }

  private static void watchdog(String file, HostFs fs, ShellScanner shell, List<Reference> refs, List<DriftFinding> findings) {
    Optional<List<String>> lines = fs.readLines(file);
    if (lines.isEmpty()) {
      findings.add(DriftFinding.of(FindingKind.WATCHDOG_CONFIG_MISSING, file, null,
          "the contract's watchdog config does not exist", file, "(missing)", null));
      return;
    }
    try {
      refs.addAll(new WatchdogReader(shell).read(file, lines.get()));
    } catch (IOException e) {
      findings.add(DriftFinding.of(FindingKind.WATCHDOG_CONFIG_MISSING, file, null,
          "the watchdog config is not valid YAML, so nothing in it could be checked: " + e.getMessage().lines().findFirst().orElse(""),
          "valid YAML", "(unparseable)", null));
    }
  }
}
