package io.healguard.api;

import io.healguard.api.cli.HealguardCommand;
import io.healguard.api.cli.Logging;
import java.time.Clock;

/** Entry point of {@code healguard.jar}: every job of the product is a subcommand of {@link HealguardCommand}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    int code = run(args);
    Logging.flushAndStop();
    System.exit(code);
  }

  /** Runs one command line and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    return run(Clock.systemUTC(), args);
  }

  /** As {@link #run(String...)}, with {@code serve} deciding by {@code clock}. */
  public static int run(Clock clock, String... args) {
    return HealguardCommand.commandLine(clock).execute(args);
  }
}
