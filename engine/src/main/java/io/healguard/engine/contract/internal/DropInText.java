package io.healguard.engine.contract.internal;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.contract.ContractRenderer;
import io.healguard.engine.contract.ContractRenderer.RenderedFile;
import io.healguard.engine.contract.ContractRenderer.Rendering;
import io.healguard.engine.drift.internal.ExecCommand;
import io.healguard.engine.drift.internal.HostFs;
import io.healguard.engine.drift.internal.Judge;
import io.healguard.engine.drift.internal.Located;
import io.healguard.engine.drift.internal.Specifiers;
import io.healguard.engine.drift.internal.SystemdUnits;
import io.healguard.engine.drift.internal.UnitFileParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The text of the env file and the drop-ins. Reads units through the drift checker's systemd
 * model so that "the unit's own arguments" means the effective ExecStart, drop-ins included.
 */
public final class DropInText {
  private static final Set<String> MANAGERS = Set.of("conda", "mamba", "micromamba");
  private static final Set<String> CONTRACT_KEYS = Set.of("ExecStart", "WorkingDirectory", "EnvironmentFile");

  private final Contract contract;
  private final HostFs fs;
  private final SystemdUnits systemd;
  private final Judge judge;
  private final String header;
  private final List<String> notes = new ArrayList<>();

  public DropInText(Contract contract, Path root, String header) {
    this.contract = contract;
    this.fs = new HostFs(root);
    this.systemd = new SystemdUnits(fs);
    this.judge = new Judge(contract, fs);
    this.header = header;
  }

  public Rendering render() {
    List<RenderedFile> files = new ArrayList<>();
    files.add(new RenderedFile(contract.envFile(), envFile()));
    for (String unit : contract.units()) {
      files.add(new RenderedFile("/etc/systemd/system/" + unit + ".d/" + ContractRenderer.DROP_IN_NAME, dropIn(unit)));
    }
    return new Rendering(files, notes);
  }

  private String envFile() {
    return header
        + "CONDA_ROOT_PREFIX=" + quote(contract.rootPrefix()) + "\n"
        + "CONDA_ENV_NAME=" + quote(contract.envName()) + "\n"
        + "CONDA_PREFIX=" + quote(contract.envPrefix()) + "\n"
        + "APP_PYTHON=" + quote(contract.python()) + "\n"
        + "APP_WORKDIR=" + quote(contract.workingDir()) + "\n";
  }

  // systemd and bash both read "a b" as one value; plain paths stay unquoted for grep-ability
  private static String quote(String v) {
    return v.matches("[A-Za-z0-9_./@%+:=-]+") ? v : "\"" + v.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
  }

  private String dropIn(String unit) {
    Optional<SystemdUnits.UnitSource> src = systemd.find(unit);
    if (src.isEmpty() || src.get().masked()) {
      throw new InvalidInputException("unit " + unit + (src.isEmpty() ? " was not found" : " is masked")
          + " under " + fs.root() + " (searched " + String.join(", ", systemd.searchPath())
          + "); its ExecStart arguments can only come from the unit file, so nothing was rendered."
          + " Pass --root pointing at the host's files");
    }
    SystemdUnits.EffectiveUnit u = systemd.load(src.get());
    List<Located> starts = u.exec().get("ExecStart");
    if (starts.isEmpty()) {
      throw new InvalidInputException("unit " + unit + " has no ExecStart in " + u.fragment() + " or its drop-ins; nothing to rewrite");
    }
    StringBuilder out = new StringBuilder(header)
        .append("[Service]\n")
        .append("EnvironmentFile=").append(contract.envFile()).append('\n')
        .append("WorkingDirectory=").append(contract.workingDir()).append('\n')
        .append("ExecStart=\n");
    for (Located l : starts) {
      out.append("ExecStart=").append(rewrite(unit, l)).append('\n');
    }
    laterDropIns(unit, src.get());
    return out.toString();
  }

  /** The same line with only the program replaced; prefixes, argv[0] and arguments stay raw. */
  private String rewrite(String unit, Located l) {
    ExecCommand.Split s = ExecCommand.split(l.value());
    String program = Specifiers.expand(s.rawProgram().replaceAll("^[\"']|[\"']$", ""), unit);
    String base = HostFs.basename(program);
    String replacement;
    if (Judge.isPython(base)) {
      replacement = contract.python();
    } else if (program.startsWith("/") && HostFs.basename(HostFs.parent(program)).equals("bin")
        && judge.isCondaPrefix(HostFs.parent(HostFs.parent(program))) && !MANAGERS.contains(base)) {
      replacement = contract.binDir() + "/" + base; // gunicorn, celery: the same tool from the contract's env
    } else {
      notes.add(unit + ": ExecStart runs " + program + " (" + l.file() + ":" + l.line()
          + "), which is not an interpreter or a tool in a conda environment; kept unchanged");
      replacement = s.rawProgram();
    }
    return s.prefixes() + replacement + s.rawArgs();
  }

  // a drop-in sorting after ours wins for the keys it sets: say so, or the render looks like a fix
  private void laterDropIns(String unit, SystemdUnits.UnitSource src) {
    for (String d : src.dropIns()) {
      if (HostFs.basename(d).compareTo(ContractRenderer.DROP_IN_NAME) <= 0) {
        continue;
      }
      Set<String> noted = new java.util.HashSet<>();
      for (UnitFileParser.Directive dir : UnitFileParser.parse(d, fs.readLines(d).orElse(List.of()))) {
        if (dir.section().equals("Service") && CONTRACT_KEYS.contains(dir.key()) && noted.add(dir.key())) {
          notes.add(unit + ": " + d + ":" + dir.line() + " sets " + dir.key() + " and sorts after "
              + ContractRenderer.DROP_IN_NAME + ", so it overrides the contract; remove or rename it");
        }
      }
    }
  }
}
