package io.healguard.api.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code healguard audit}: the audit trail outside the service. */
@Command(
    name = "audit",
    mixinStandardHelpOptions = true,
    description = "Read the audit trail straight from a store.",
    subcommands = {AuditExportCommand.class})
public final class AuditCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name an audit subcommand: export");
  }
}
