package io.healguard.api.cli;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.policycheck.MarkdownExport;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes the decision tables as Markdown between the markers of {@code --out}; when that file
 * is a runbook README, the "Decision-table rows" sections of the reason and alert pages next to
 * it are regenerated too. Text outside the markers is never touched.
 */
@Command(
    name = "export-markdown",
    mixinStandardHelpOptions = true,
    description = {
      "Write the decision tables as Markdown tables into FILE between",
      "'" + MarkdownExport.TABLES_BEGIN + "' and '" + MarkdownExport.TABLES_END + "'.",
      "For a README.md, also the generated rows sections of the runbook pages beside it.",
      "Exit 0: written, or up to date with --check. 1: --check found stale files.",
      "2: usage error."
    })
public final class PolicyExportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @Option(names = "--tables", paramLabel = "DIR", defaultValue = "decision-tables",
      description = "decision tables directory (default: ${DEFAULT-VALUE})")
  Path tables;

  @Option(names = "--out", paramLabel = "FILE", defaultValue = "runbook/README.md",
      description = "Markdown file to update, '-' for stdout (default: ${DEFAULT-VALUE})")
  String out;

  @Option(names = "--check", description = "write nothing; exit 1 when a generated section is out of date")
  boolean check;

  @Override
  public Integer call() {
    PrintWriter stdout = spec.commandLine().getOut();
    Path root = tables.toAbsolutePath().normalize().getParent();
    MarkdownExport export = MarkdownExport.of(tables, root);
    if ("-".equals(out)) {
      stdout.print(export.tables(Path.of("runbook", "README.md")));
      stdout.flush();
      return HealguardCommand.EXIT_OK;
    }
    Path file = Path.of(out);
    Map<Path, String> wanted = new LinkedHashMap<>();
    String current = Files.exists(file) ? read(file)
        : "# Decision tables\n\n" + MarkdownExport.TABLES_BEGIN + "\n" + MarkdownExport.TABLES_END + "\n";
    wanted.put(file, MarkdownExport.replaceBetween(current, MarkdownExport.TABLES_BEGIN, MarkdownExport.TABLES_END,
        export.tables(file), file));
    if (file.getFileName().toString().equals("README.md")) {
      Path dir = file.toAbsolutePath().getParent();
      export.regenerate(dir).forEach((p, text) -> {
        if (!p.getFileName().toString().equals("README.md")) wanted.put(p, text);
      });
    }
    int stale = 0;
    for (Map.Entry<Path, String> e : wanted.entrySet()) {
      Path p = e.getKey();
      boolean same = Files.exists(p) && read(p).equals(e.getValue());
      if (same) {
        stdout.println("up to date: " + p);
      } else if (check) {
        stdout.println("out of date: " + p);
        stale++;
      } else {
        write(p, e.getValue());
        stdout.println("updated: " + p);
      }
    }
    stdout.flush();
    return stale == 0 ? HealguardCommand.EXIT_OK : HealguardCommand.EXIT_FINDINGS;
  }

  private static String read(Path p) {
    try {
      return Files.readString(p);
    } catch (IOException e) {
      throw new InvalidInputException("cannot read " + p + ": " + e.getMessage(), e);
    }
  }

  private static void write(Path p, String text) {
    try {
      Path parent = p.toAbsolutePath().getParent();
      Files.createDirectories(parent);
      Files.writeString(p, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
