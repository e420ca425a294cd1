package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.CondaLayout;
import io.healguard.engine.systemd.HostFs;
import java.util.List;
import java.util.Optional;

/**
 * Finds what a plain command name runs through a PATH. A host copy holds the files that matter,
 * not every interpreter, so a conda environment's {@code bin/} is taken to hold its python: the
 * contract's only the versions of its interpreter (its {@code python3.10} does not exist), any
 * other environment whichever name is asked (it runs that environment's python either way).
 */
public final class PathLookup {
  private PathLookup() {}

  public static Optional<String> find(CheckContext ctx, String name, List<String> dirs) {
    String contractBin = ctx.fs().canonical(ctx.contract().binDir());
    for (String dir : dirs) {
      String candidate = dir + "/" + name;
      if (ctx.fs().isFile(candidate)) {
        return Optional.of(candidate);
      }
      if (!CondaLayout.isPython(name) || !dir.startsWith("/") || ctx.layout().environmentOf(candidate).isEmpty()) {
        continue;
      }
      boolean contractEnv = ctx.fs().canonical(dir).equals(contractBin);
      if (!contractEnv || ctx.judge().isContractAlias(name)) {
        return Optional.of(HostFs.normalize(candidate));
      }
    }
    return Optional.empty();
  }
}
