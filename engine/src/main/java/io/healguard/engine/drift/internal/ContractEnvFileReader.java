package io.healguard.engine.drift.internal;

import io.healguard.engine.drift.DriftFinding;
import io.healguard.engine.drift.FindingKind;
import io.healguard.engine.drift.internal.Reference.Site;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The contract's env file as installed on the host. It is what every consumer loads, so a stale
 * copy (rendered from last year's contract, edited by hand) is drift at its source.
 */
public final class ContractEnvFileReader {
  private final HostFs fs;
  private final Classifier classifier;

  public ContractEnvFileReader(HostFs fs, Classifier classifier) {
    this.fs = fs;
    this.classifier = classifier;
  }

  public void read(io.healguard.engine.contract.Contract c, List<Reference> refs, List<DriftFinding> findings) {
    String file = c.envFile();
    var lines = fs.readLines(file);
    if (lines.isEmpty()) {
      findings.add(DriftFinding.of(FindingKind.ENV_FILE_MISSING, file, null,
          "the contract's env file does not exist; units and scripts that load it get none of its values",
          file, "(missing)", null));
      return;
    }
    List<EnvFile.Entry> entries = EnvFile.parse(lines.get());
    Map<String, FindingKind> required = Map.of(
        "CONDA_ROOT_PREFIX", FindingKind.ENV_PREFIX_MISMATCH,
        "CONDA_ENV_NAME", FindingKind.ENV_NAME_MISMATCH,
        "CONDA_PREFIX", FindingKind.ENV_PREFIX_MISMATCH,
        "APP_PYTHON", FindingKind.INTERPRETER_MISMATCH,
        "APP_WORKDIR", FindingKind.WORKING_DIR_MISMATCH);
    Map<String, Function<io.healguard.engine.contract.Contract, String>> value = Map.of(
        "CONDA_ROOT_PREFIX", io.healguard.engine.contract.Contract::rootPrefix,
        "CONDA_ENV_NAME", io.healguard.engine.contract.Contract::envName,
        "CONDA_PREFIX", io.healguard.engine.contract.Contract::envPrefix,
        "APP_PYTHON", io.healguard.engine.contract.Contract::python,
        "APP_WORKDIR", io.healguard.engine.contract.Contract::workingDir);
    for (String key : List.of("CONDA_ROOT_PREFIX", "CONDA_ENV_NAME", "CONDA_PREFIX", "APP_PYTHON", "APP_WORKDIR")) {
      if (entries.stream().noneMatch(e -> e.key().equals(key))) {
        findings.add(DriftFinding.of(required.get(key), file, null,
            "the env file does not set " + key + ", so consumers that use it get an empty value",
            value.get(key).apply(c), "(unset)", null));
      }
    }
    for (EnvFile.Entry e : entries) {
      classifier.assignment(e.key(), e.value(), new Site(file, e.line(), null), "env file", refs);
    }
  }
}
