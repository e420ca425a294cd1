package io.healguard.engine.contract;

import io.healguard.engine.contract.internal.ContractYaml;
import java.nio.file.Path;
import java.util.Map;

/**
 * A contract as loaded from its file, with the line that names each key and each listed unit and
 * script, so a finding about a unit that does not exist can point at the line to edit.
 * {@link #unlocated} wraps a contract built in code (no file, no lines).
 */
public record ContractFile(String path, Contract contract, Map<String, Integer> lines) {
  public ContractFile {
    lines = Map.copyOf(lines);
  }

  /** Reads and validates a contract file; the exception names the file and the offending key. */
  public static ContractFile load(Path file) {
    return ContractYaml.readFile(file);
  }

  public static ContractFile unlocated(Contract contract) {
    return new ContractFile("(contract)", contract, Map.of());
  }

  /** The 1-based line of a key ({@code watchdog_config}) or a list entry ({@code units}, {@code app.service}), or null. */
  public Integer lineOf(String key, String entry) {
    return lines.getOrDefault(entry == null ? key : key + "\0" + entry, lines.get(key));
  }
}
