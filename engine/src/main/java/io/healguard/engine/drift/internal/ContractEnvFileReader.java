package io.healguard.engine.drift.internal;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.Severity;
import io.healguard.engine.systemd.EnvFile;
import io.healguard.engine.systemd.Located;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contract's env file as installed on the host, read once per check. Its values are what
 * consumers that load it get; a consumer that expands one is judged at its own line. What the
 * file itself can be told is only how it relates to the contract: an application's own file
 * without the contract's keys (info), a stale value nobody expands (warning), a file no consumer
 * loads and that does not exist (info).
 */
public final class ContractEnvFileReader {
  private final CheckContext ctx;
  private final Classifier classifier;
  private boolean exists;

  public ContractEnvFileReader(CheckContext ctx) {
    this.ctx = ctx;
    this.classifier = new Classifier(ctx);
  }

  public void read() {
    Contract c = ctx.contract();
    String file = c.envFile();
    Optional<List<String>> lines = ctx.fs().readLines(file);
    exists = lines.isPresent();
    if (!exists) {
      return;
    }
    List<EnvFile.Entry> entries = EnvFile.parse(lines.get());
    List<String> lacking = new ArrayList<>();
    for (String key : ContractVariables.values(c).keySet()) {
      if (entries.stream().noneMatch(e -> e.key().equals(key))) {
        lacking.add(key);
      }
    }
    if (!lacking.isEmpty()) {
      boolean none = lacking.size() == ContractVariables.NAMES.size();
      ctx.finding(FindingKind.ENV_FILE_NOT_RENDERED, Severity.INFO, new Site(file, null, null),
          file + (none ? " sets none of the contract's keys" : " does not set " + String.join(", ", lacking))
              + ", so it was not rendered from this contract; a unit, script or watchdog line that expands one is reported there",
          none ? "the contract's keys" : String.join(", ", lacking), "(not set)");
    }
    Map<String, EnvFile.Entry> last = new LinkedHashMap<>();
    entries.forEach(e -> last.put(e.key(), e)); // systemd and bash both keep the last assignment
    for (EnvFile.Entry e : last.values()) {
      Site site = new Site(file, e.line(), null);
      Value v = Value.of(e.value(), new Located(e.value(), file, e.line()));
      switch (e.key()) {
        case "PATH" -> classifier.path(e.value(), site, "PATH");
        case "MAMBA_ROOT_PREFIX" -> ctx.ref(Reference.of(Reference.Kind.CONDA_ROOT, e.value(), site, "MAMBA_ROOT_PREFIX"));
        default -> ctx.environmentValue(e.key(), v, site,
            "processes that load this file get it, but no unit, script or watchdog line expands it");
      }
    }
  }

  /** After every consumer was read: a missing env file nothing tries to load only needs saying. */
  public void finish() {
    if (!exists && !ctx.wasEnvFileLoadAttempted()) {
      String file = ctx.contract().envFile();
      ctx.finding(FindingKind.ENV_FILE_MISSING, Severity.INFO, new Site(file, null, null),
          "the contract's env file does not exist, and no unit, script or watchdog here loads it", file, "(missing)");
    }
  }
}
