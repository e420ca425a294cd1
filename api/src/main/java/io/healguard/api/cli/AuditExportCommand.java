package io.healguard.api.cli;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.PostgresStateStore;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.StoreUnavailableException;
import io.healguard.engine.store.SyncMode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Writes audit events as JSON lines, oldest first, streamed from the store (memory stays flat),
 * in the form {@code healguard policy diff --audit} replays. The count goes to stderr, so stdout
 * is only events. Reading the embedded store while a service runs on it is safe (SQLite WAL).
 */
@Command(
    name = "export",
    mixinStandardHelpOptions = true,
    description = {
      "Write audit events as JSON lines (oldest first) to stdout:",
      "  healguard audit export --data /var/lib/healguard --since 2026-11-01T00:00:00Z > events.jsonl",
      "  healguard audit export --store-url 'jdbc:postgresql://db:5432/healguard?user=healguard' > events.jsonl",
      "The file replays with: healguard policy diff --from OLD --to NEW --audit events.jsonl",
      "Exit 0: written. 2: usage error or the store cannot be read."
    })
public final class AuditExportCommand implements Callable<Integer> {
  @Spec picocli.CommandLine.Model.CommandSpec spec;

  @ArgGroup(exclusive = true, multiplicity = "1")
  Store store;

  static final class Store {
    @Option(names = "--store-url", paramLabel = "URL", description = "JDBC URL of the shared PostgreSQL store (store.url)")
    String url;

    @Option(names = "--data", paramLabel = "DIR", description = "data.dir of a service on the embedded store")
    Path data;
  }

  @Option(names = "--since", paramLabel = "ISO", description = "only events at or after this instant, e.g. 2026-11-01T00:00:00Z")
  String since;

  @Option(names = "--until", paramLabel = "ISO", description = "only events before this instant")
  String until;

  @Option(names = "--unit", paramLabel = "NAME", description = "only this unit's events")
  String unit;

  @Override
  public Integer call() {
    AuditRange range = new AuditRange(unit, null, instant("--since", since), instant("--until", until));
    PrintWriter out = spec.commandLine().getOut();
    long n;
    try (StateStore s = open()) {
      n = s.exportAudit(range, out);
    } catch (StoreUnavailableException e) {
      throw new InvalidInputException("audit export: " + e.getMessage(), e);
    }
    out.flush();
    spec.commandLine().getErr().println("exported " + n + " audit events");
    spec.commandLine().getErr().flush();
    return HealguardCommand.EXIT_OK;
  }

  private StateStore open() {
    if (store.url != null) {
      return PostgresStateStore.open(store.url);
    }
    if (!Files.isRegularFile(store.data.resolve("healguard.db"))) {
      throw InvalidInputException.field("--data", store.data.toString(),
          "a service's data.dir, holding healguard.db (for store.url use --store-url)");
    }
    return LocalStateStore.sqlite(store.data, SyncMode.NORMAL);
  }

  private static Instant instant(String option, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw InvalidInputException.field(option, text, "an ISO-8601 instant such as 2026-11-01T00:00:00Z");
    }
  }
}
