package io.healguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.Healguard;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.json.Json;
import io.healguard.engine.policy.SafetyEnvelope;
import io.healguard.engine.store.LocalStateStore;
import io.healguard.engine.store.SyncMode;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import io.healguard.engine.testing.Reports;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code healguard audit export}: JSON lines from a store, oldest first, that {@code policy diff --audit} replays. */
class AuditCommandTest {
  private static final Instant START = Instant.parse("2026-03-01T12:00:00Z");
  private static final String TABLES = Fixtures.bundledTables().toString();

  @TempDir Path dir;
  private final CliRun cli = new CliRun();
  private final StringWriter out = cli.out;
  private final StringWriter err = cli.err;

  private int healguard(String... args) {
    return cli.run(args);
  }

  /** A crash loop decided by the engine on the embedded store under {@code dir/data}: one DOWN report a minute. */
  @BeforeEach
  void crashLoop() {
    MutableClock clock = new MutableClock(START);
    try (Healguard hg = Healguard.open(Fixtures.bundledTables(), LocalStateStore.sqlite(dir.resolve("data"), SyncMode.NORMAL),
        clock, SafetyEnvelope.DEFAULT, List.of())) {
      for (int i = 0; i < 40; i++) {
        hg.engine().decide(Reports.down("loop.service"));
        clock.advance(Duration.ofMinutes(1)); // one watchdog report a minute
      }
    }
  }

  private static List<AuditEvent> events(String jsonl) throws Exception {
    List<AuditEvent> out = new ArrayList<>();
    for (String line : jsonl.split("\n")) {
      if (!line.isBlank()) out.add(Json.MAPPER.readValue(line, AuditEvent.class));
    }
    return out;
  }

  @Test
  void shouldExportEveryEventOldestFirstAsJsonLines() throws Exception {
    int code = healguard("audit", "export", "--data", dir.resolve("data").toString());

    List<AuditEvent> events = events(out.toString());
    assertThat(code).as(err.toString()).isZero();
    assertThat(events).hasSizeGreaterThan(3);
    assertThat(events).extracting(AuditEvent::type).contains(AuditType.RESTART);
    assertThat(events).extracting(AuditEvent::at).isSorted();
    assertThat(err.toString()).contains("exported " + events.size() + " audit events");
  }

  @Test
  void shouldExportOnlyTheEventsFromSinceUntilUntil() throws Exception {
    Instant since = START.plus(Duration.ofMinutes(10));
    Instant until = START.plus(Duration.ofMinutes(30));

    int code = healguard("audit", "export", "--data", dir.resolve("data").toString(), "--since", since.toString(),
        "--until", until.toString());

    assertThat(code).as(err.toString()).isZero();
    assertThat(events(out.toString())).isNotEmpty()
        .allSatisfy(e -> assertThat(e.at()).isAfterOrEqualTo(since).isBefore(until));
  }

  @Test
  void shouldWriteAnExportThatPolicyDiffReplays() throws Exception {
    healguard("audit", "export", "--data", dir.resolve("data").toString());
    Path file = Files.writeString(dir.resolve("events.jsonl"), out.toString());
    out.getBuffer().setLength(0);

    int code = healguard("policy", "diff", "--from", TABLES, "--to", TABLES, "--audit", file.toString());

    assertThat(code).as(out + "\n" + err).isZero();
  }

  @Test
  void shouldExitTwoNamingTheOptionForADirectoryWithoutAStore() {
    int code = healguard("audit", "export", "--data", dir.resolve("nothing-here").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--data").contains("healguard.db");
  }

  @Test
  void shouldExitTwoOnABadInstant() {
    int code = healguard("audit", "export", "--data", dir.resolve("data").toString(), "--since", "yesterday");

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--since must be an ISO-8601 instant");
  }
}
