package io.healguard.api.cli;

import picocli.CommandLine.Command;

/**
 * PLACEHOLDER so the api module compiles on the service branch: HealguardCommand names
 * SimulateCommand, which another branch provides. Drop this file when merging (take theirs).
 */
@Command(name = "simulate", hidden = true, description = "placeholder; see the simulate branch")
public final class SimulateCommand implements Runnable {
  @Override
  public void run() {
    throw new UnsupportedOperationException("simulate is not on this branch");
  }
}
