package io.healguard.api.cli;

import java.time.Clock;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code healguard} command. Exit codes are shared by every subcommand: 0 success, 1 the
 * command ran and found a problem (for example drift errors), 2 usage, input or configuration error.
 */
@Command(
    name = "healguard",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    description = "Recovery policy for systemd units: restart, block, escalate or recommend.",
    subcommands = {
      SimulateCommand.class,
      ServeCommand.class,
      ContractCommand.class,
      DriftCommand.class,
      PolicyCommand.class,
      AuditCommand.class,
      ReportCommand.class,
    })
public final class HealguardCommand implements Runnable {
  public static final int EXIT_OK = 0;
  public static final int EXIT_FINDINGS = 1;
  public static final int EXIT_USAGE = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand");
  }

  public static CommandLine commandLine() {
    return commandLine(Clock.systemUTC());
  }

  /** The command line whose {@code serve} decides by {@code clock} (tests move one by hand). */
  public static CommandLine commandLine(Clock clock) {
    CommandLine.IFactory defaults = CommandLine.defaultFactory();
    CommandLine.IFactory factory = new CommandLine.IFactory() {
      @Override
      public <K> K create(Class<K> type) throws Exception {
        return type == ServeCommand.class ? type.cast(new ServeCommand(clock)) : defaults.create(type);
      }
    };
    CommandLine cl = new CommandLine(new HealguardCommand(), factory);
    // picocli's default for a bad argument is 2 already; a domain error thrown by a command maps to 2 too
    cl.setExecutionExceptionHandler(new UsageErrorHandler());
    return cl;
  }
}
