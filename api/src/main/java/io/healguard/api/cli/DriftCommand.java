package io.healguard.api.cli;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.ContractFile;
import io.healguard.engine.drift.DriftChecker;
import io.healguard.engine.drift.DriftReport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code healguard drift ...}: compare a host with its runtime contract. */
@Command(
    name = "drift",
    mixinStandardHelpOptions = true,
    description = "Compare what units, scripts and the watchdog reference with a runtime contract.",
    subcommands = {DriftCommand.Check.class})
public final class DriftCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: check");
  }

  enum Format { text, json }

  /** {@code drift check}: exit 0 without error findings, 1 with, 2 for a usage or contract error. */
  @Command(
      name = "check",
      mixinStandardHelpOptions = true,
      description = "Check a host (or a copy of one under --root) against a contract. "
          + "Exit 0: no errors; 1: error findings; 2: usage or contract error.")
  static final class Check implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--contract", required = true, paramLabel = "FILE", description = "contract YAML file")
    Path contract;

    @Option(names = "--root", defaultValue = "/", paramLabel = "DIR",
        description = "where the host's / is; symlinks resolve inside it (default: ${DEFAULT-VALUE})")
    Path root;

    @Option(names = "--format", defaultValue = "text", paramLabel = "FORMAT",
        description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Override
    public Integer call() {
      ContractFile c = ContractFile.load(contract);
      requireDirectory("--root", root);
      DriftReport report = DriftChecker.check(c, root);
      var out = spec.commandLine().getOut();
      out.print(format == Format.json ? DriftOutput.json(report) : DriftOutput.text(report));
      out.flush();
      return report.hasErrors() ? HealguardCommand.EXIT_FINDINGS : HealguardCommand.EXIT_OK;
    }
  }

  static void requireDirectory(String option, Path dir) {
    if (!Files.isDirectory(dir)) {
      throw InvalidInputException.field(option, dir.toString(), "an existing directory");
    }
  }
}
