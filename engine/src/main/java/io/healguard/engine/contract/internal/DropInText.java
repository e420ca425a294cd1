package io.healguard.engine.contract.internal;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.contract.Contract;
import io.healguard.engine.systemd.EffectiveUnit;
import io.healguard.engine.systemd.HostFs;
import io.healguard.engine.systemd.Located;
import io.healguard.engine.systemd.UnitFileParser;
import io.healguard.engine.systemd.UnitLocator;
import io.healguard.engine.systemd.UnitSource;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The text of one unit's drop-in, from the unit's effective configuration (drop-ins included):
 * it loads the env file, sets the working directory, and, for each {@code Exec*=} key with a line
 * that runs an interpreter or an environment's tool, resets the key and lists every line again,
 * those rewritten to the contract and the others as they were. Notes say which lines stayed and
 * why, and which later drop-ins still override the contract.
 */
public final class DropInText {
  public static final String NAME = "10-runtime-contract.conf";
  private static final Set<String> CONTRACT_KEYS = Set.of("WorkingDirectory", "EnvironmentFile");

  private final Contract contract;
  private final HostFs fs;
  private final UnitLocator locator;
  private final ExecRewrite rewrite;
  private final String header;

  public DropInText(Contract contract, HostFs fs, String header) {
    this.contract = contract;
    this.fs = fs;
    this.locator = new UnitLocator(fs);
    this.rewrite = new ExecRewrite(contract, new CondaLayout(contract, fs));
    this.header = header;
  }

  public static String path(String unit) {
    return "/etc/systemd/system/" + unit + ".d/" + NAME;
  }

  /** The drop-in's text; notes are added to {@code notes}. */
  public String render(String unit, List<String> notes) {
    Optional<UnitSource> src = locator.find(unit);
    if (src.isEmpty() || src.get().masked()) {
      throw new InvalidInputException("unit " + unit + (src.isEmpty() ? " was not found" : " is masked")
          + " under " + fs.root() + " (searched " + String.join(", ", locator.searchPath())
          + "); its command lines can only come from the unit file, so nothing was rendered."
          + " Pass --root pointing at the host's files");
    }
    EffectiveUnit u = EffectiveUnit.load(fs, src.get());
    if (u.exec().get("ExecStart").isEmpty()) {
      throw new InvalidInputException("unit " + unit + " has no ExecStart in " + u.fragment() + " or its drop-ins; nothing to rewrite");
    }
    StringBuilder out = new StringBuilder(header)
        .append("[Service]\n")
        .append("EnvironmentFile=").append(contract.envFile()).append('\n')
        .append("WorkingDirectory=").append(contract.workingDir()).append('\n');
    for (Map.Entry<String, List<Located>> e : u.exec().entrySet()) {
      exec(unit, e.getKey(), e.getValue(), out, notes);
    }
    laterDropIns(unit, src.get(), u, notes);
    return out.toString();
  }

  private void exec(String unit, String key, List<Located> lines, StringBuilder out, List<String> notes) {
    List<ExecRewrite.Outcome> outcomes = new ArrayList<>();
    for (Located l : lines) {
      outcomes.add(rewrite.rewrite(l, unit));
    }
    boolean any = outcomes.stream().anyMatch(ExecRewrite.Outcome::rewritten);
    for (int i = 0; i < lines.size(); i++) {
      ExecRewrite.Outcome o = outcomes.get(i);
      if (!o.rewritten()) {
        Located l = lines.get(i);
        notes.add(unit + ": " + key + "=" + l.value() + " (" + l.file() + ":" + l.line() + ") "
            + (any ? "is listed again unchanged: " : "is left as it is: ") + o.reason());
      }
    }
    if (!any) {
      return;
    }
    out.append(key).append("=\n"); // a list setting: reset, then every line again in order
    for (int i = 0; i < lines.size(); i++) {
      ExecRewrite.Outcome o = outcomes.get(i);
      out.append(key).append('=').append(o.rewritten() ? o.line() : lines.get(i).value()).append('\n');
    }
  }

  // a drop-in sorting after ours wins for the keys it sets: say so, or the render looks like a fix
  private void laterDropIns(String unit, UnitSource src, EffectiveUnit u, List<String> notes) {
    for (String d : src.dropIns()) {
      if (HostFs.basename(d).compareTo(NAME) <= 0) {
        continue;
      }
      Set<String> noted = new HashSet<>();
      for (UnitFileParser.Directive dir : UnitFileParser.parse(d, fs.readLines(d).orElse(List.of()))) {
        boolean overrides = CONTRACT_KEYS.contains(dir.key()) || u.exec().containsKey(dir.key());
        if (dir.section().equals("Service") && overrides && noted.add(dir.key())) {
          notes.add(unit + ": " + d + ":" + dir.line() + " sets " + dir.key() + " and sorts after "
              + NAME + ", so it overrides the contract: delete its " + dir.key() + "= lines and keep the rest"
              + (u.exec().containsKey(dir.key()) ? " (the contract's drop-in already carries their arguments)" : ""));
        }
      }
    }
  }
}
