package io.healguard.api.cli;

import io.healguard.engine.InvalidInputException;
import picocli.CommandLine;

/**
 * Turns an {@link InvalidInputException} (bad scenario, contract, table, config) into one line on
 * stderr and exit code 2; anything else is a bug and keeps its stack trace.
 */
final class UsageErrorHandler implements CommandLine.IExecutionExceptionHandler {
  @Override
  public int handleExecutionException(
      Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    if (ex instanceof InvalidInputException) {
      commandLine.getErr().println("healguard: " + ex.getMessage());
      commandLine.getErr().flush();
      return HealguardCommand.EXIT_USAGE;
    }
    throw ex;
  }
}
