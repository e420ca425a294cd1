package io.healguard.api.cli;

import io.healguard.engine.contract.ContractRenderer;
import java.nio.file.Path;
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
   * {@code contract render}: renders against the host under {@code --root} (its env file and unit
   * files) and writes the env file and one drop-in per unit under {@code --out} at their host
   * paths, so {@code --out /} installs them and {@code --out DIR} stages them for review; with
   * {@code --diff} it prints what would change on the host and writes nothing (exit 1 when
   * something would change, like diff(1)).
   */
  @Command(
      name = "render",
      mixinStandardHelpOptions = true,
      description = "Render the env file (keeping every line the host has outside healguard's block) and per-unit "
          + "systemd drop-ins from a contract. Exit 0: written (with --diff: nothing would change); "
          + "1: with --diff, something would change; 2: usage or contract error.")
  static final class Render implements Callable<Integer> {
    @CommandLine.Spec CommandLine.Model.CommandSpec spec;

    @Option(names = "--contract", required = true, paramLabel = "FILE", description = "contract YAML file")
    Path contract;

    @Option(names = "--out", paramLabel = "DIR", description = "directory standing for / of the host the files are for")
    Path out;

    @Option(names = "--diff", description = "print a unified diff of what would change under --root, and write nothing")
    boolean diff;

    @Option(names = "--root", defaultValue = "/", paramLabel = "DIR",
        description = "where the host's / is, to read its env file and unit files (default: ${DEFAULT-VALUE})")
    Path root;

    @Override
    public Integer call() {
      if (diff == (out != null)) {
        throw new CommandLine.ParameterException(spec.commandLine(),
            "give exactly one of --out DIR (write the files) or --diff (show what would change, write nothing)");
      }
      DriftCommand.requireDirectory("--root", root);
      ContractRenderer.Rendering rendering = ContractRenderer.render(contract, root);
      var stdout = spec.commandLine().getOut();
      boolean changes = false;
      if (diff) {
        for (ContractRenderer.RenderedFile f : rendering.files()) {
          stdout.print(f.diff());
          changes |= f.changes();
        }
      } else {
        for (Path p : rendering.writeTo(out)) {
          stdout.println("wrote " + p);
        }
      }
      for (String note : rendering.notes()) {
        stdout.println("note: " + note);
      }
      stdout.flush();
      return diff && changes ? HealguardCommand.EXIT_FINDINGS : HealguardCommand.EXIT_OK;
    }
  }
}
