package io.healguard.engine.drift;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.contract.ContractFile;
import io.healguard.engine.drift.internal.CheckContext;
import io.healguard.engine.drift.internal.ContractEnvFileReader;
import io.healguard.engine.drift.internal.ScriptReader;
import io.healguard.engine.drift.internal.ShellSession;
import io.healguard.engine.drift.internal.Site;
import io.healguard.engine.drift.internal.UnitReader;
import io.healguard.engine.drift.internal.UnitReader.ScriptRun;
import io.healguard.engine.drift.internal.WatchdogReader;
import io.healguard.engine.systemd.EffectiveUnit;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.UnitLocator;
import io.healguard.engine.systemd.UnitName;
import io.healguard.engine.systemd.UnitSource;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Checks a host against a contract by what each consumer really does: every listed unit (each
 * configured instance of a template separately), every listed script and every script a unit
 * runs (with that unit's user, environment and directory), and the watchdog config, all reading
 * the contract's env file where they load it. {@code root} is where the host's {@code /} is
 * ({@code Path.of("/")} on the host itself); nothing outside it is read. Stateless: safe to call
 * from several threads at once.
 */
public final class DriftChecker {
  private DriftChecker() {}

  /** A contract built in code: findings about its own lines have no line. */
  public static DriftReport check(Contract contract, Path root) {
    return check(ContractFile.unlocated(contract), root);
  }

  public static DriftReport check(ContractFile file, Path root) {
    Contract contract = file.contract();
    HostFs fs = new HostFs(root);
    CheckContext ctx = new CheckContext(contract, fs);
    ScriptReader scripts = new ScriptReader(ctx);
    UnitLocator locator = new UnitLocator(fs);
    UnitReader units = new UnitReader(ctx, scripts);
    ContractEnvFileReader envFile = new ContractEnvFileReader(ctx);
    envFile.read();

    Map<String, List<ScriptRun>> runs = new LinkedHashMap<>();
    for (String unit : contract.units()) {
      Site at = new Site(file.path(), file.lineOf("units", unit), null);
      for (String name : effectiveNames(locator, unit)) {
        Optional<UnitSource> src = locator.find(name);
        if (src.isEmpty() || src.get().masked()) {
          ctx.add(missingUnit(locator, at, unit, name, src));
          continue;
        }
        for (ScriptRun run : units.read(EffectiveUnit.load(fs, src.get()))) {
          runs.computeIfAbsent(fs.canonical(run.script()), k -> new ArrayList<>()).add(run);
        }
      }
    }

    String notSourced = "the script does not source " + contract.envFile();
    for (String script : contract.scripts()) {
      if (!fs.isFile(script)) {
        ctx.add(DriftFinding.of(FindingKind.SCRIPT_MISSING, file.path(), file.lineOf("scripts", script),
            "the contract lists " + script + " but it does not exist on this host", script, "(missing)", null));
        continue;
      }
      List<ScriptRun> byUnits = runs.remove(fs.canonical(script));
      if (byUnits == null) {
        // run by hand or by CI: as root, from a directory this check cannot know
        byUnits = List.of(new ScriptRun(script, null, ctx.passwd().home("root").orElse("/root"), Map.of(), null,
            false, notSourced + " and no contract unit runs it"));
      }
      byUnits.forEach(run -> scan(fs, scripts, run));
    }
    runs.values().forEach(other -> other.forEach(run -> scan(fs, scripts, run)));

    if (contract.watchdogConfig() != null) {
      watchdog(file, fs, ctx, scripts);
    }
    envFile.finish();
    return new DriftReport(List.copyOf(new LinkedHashSet<>(ctx.finish())));
  }

  private static void scan(HostFs fs, ScriptReader scripts, ScriptRun run) {
    String notLoaded = run.unit() == null ? run.notLoaded()
        : "the script does not source it, and " + run.notLoaded().replace(" does not load ", ", which runs it, does not load ");
    ShellSession s = new ShellSession(scripts, run.env(), run.home(), run.cwd(), run.unit(), false,
        run.envFileLoaded(), notLoaded, null);
    scripts.script(run.script(), fs.readLines(run.script()).orElse(List.of()), s);
  }

  /** A template is judged once per configured instance; with none, as the bare template. */
  private static List<String> effectiveNames(UnitLocator locator, String unit) {
    if (!UnitName.isTemplate(unit)) {
      return List.of(unit);
    }
    List<String> instances = locator.instancesOf(unit);
    return instances.isEmpty() ? List.of(unit) : instances;
  }

  private static DriftFinding missingUnit(UnitLocator locator, Site at, String unit, String name, Optional<UnitSource> src) {
    if (src.isPresent()) {
      return DriftFinding.of(FindingKind.UNIT_MISSING, at.file(), at.line(),
          name + " is masked (" + src.get().fragment() + " is empty or links to /dev/null), so it never runs", unit, "(masked)", name);
    }
    return DriftFinding.of(FindingKind.UNIT_MISSING, at.file(), at.line(),
        name + " is in none of systemd's unit directories (" + String.join(", ", locator.searchPath()) + ")",
        unit, "(missing)", name);
  }

  private static void watchdog(ContractFile file, HostFs fs, CheckContext ctx, ScriptReader scripts) {
    String config = file.contract().watchdogConfig();
    Optional<List<String>> lines = fs.readLines(config);
    if (lines.isEmpty()) {
      ctx.add(DriftFinding.of(FindingKind.WATCHDOG_CONFIG_MISSING, file.path(), file.lineOf("watchdog_config", null),
          "the contract's watchdog config " + config + " does not exist", config, "(missing)", null));
      return;
    }
    try {
      new WatchdogReader(ctx, scripts).read(config, lines.get());
    } catch (IOException e) {
      ctx.add(DriftFinding.of(FindingKind.WATCHDOG_CONFIG_MISSING, config, null,
          "the watchdog config is not valid YAML, so nothing in it could be checked: " + e.getMessage().lines().findFirst().orElse(""),
          "valid YAML", "(unparseable)", null));
    }
  }
}
