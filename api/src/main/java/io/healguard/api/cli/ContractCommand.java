package io.healguard.api.cli;

import io.healguard.engine.contract.ContractRenderer;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code healguard contract ...}: work with a runtime contract file. */
@Command(
    name = "contract",
    mixinStandardHelpOptions = true,
    description = "Work with a runtime contract (conda root, env, interpreter, working dir, env file).",
    subcommands = {ContractCommand.Render.class})
public final class ContractCommand implements Runnable {
  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(), "name a subcommand: render");
  }

  /**
   * {@code contract render}: writes the env file and one drop-in per unit under {@code --out} at
   * their host paths, so {@code --out /} installs them and {@code --out DIR} stages them for review.
   */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description = "Render the env file and per-unit systemd drop-ins from a contract.")
  static final class Render implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--contract", required = true, paramLabel = "FILE", description = "contract YAML file")
    Path contract;

    @Option(names = "--out", required = true, paramLabel = "DIR", description = "directory standing for / of the host the files are for")
    Path out;

    @Option(names = "--root", defaultValue = "/", paramLabel = "DIR",
        description = "where the host's / is, to read each unit's ExecStart (default: ${DEFAULT-VALUE})")
    Path root;

    @Override
    public Integer call() {
      DriftCommand.requireDirectory("--root", root);
      ContractRenderer.Rendering rendering = ContractRenderer.render(contract, root);
      List<Path> written = rendering.writeTo(out);
      var stdout = spec.commandLine().getOut();
      for (Path p : written) {
        stdout.println("wrote " + p);
      }
      for (String note : rendering.notes()) {
        stdout.println("note: " + note);
      }
      stdout.flush();
      return HealguardCommand.EXIT_OK;
    }
  }
}
