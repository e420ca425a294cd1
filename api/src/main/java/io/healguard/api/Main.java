package io.healguard.api;

import io.healguard.api.cli.HealguardCommand;
import picocli.CommandLine;

/** Entry point of {@code healguard.jar}: every job of the product is a subcommand of {@link HealguardCommand}. */
public final class Main {
  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs one command line and returns its exit code; tests call this instead of {@link #main}. */
  public static int run(String... args) {
    return HealguardCommand.commandLine().execute(args);
  }
}
