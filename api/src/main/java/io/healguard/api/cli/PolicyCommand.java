package io.healguard.api.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healguard policy}: tools for changing the decision tables safely. */
@Command(
    name = "policy",
    mixinStandardHelpOptions = true,
    description = "Check, export and compare decision tables before they go live.",
    subcommands = {PolicyCheckCommand.class, PolicyExportCommand.class, PolicyDiffCommand.class})
public final class PolicyCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a policy subcommand: check, export-markdown, diff");
  }

  /** Output formats of the policy subcommands. */
  enum Format { text, json }
}
