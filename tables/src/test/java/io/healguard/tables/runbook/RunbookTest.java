package io.healguard.tables.runbook;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.policycheck.MarkdownExport;
import io.healguard.engine.policycheck.RunbookLinks;
import io.healguard.engine.policycheck.RunbookPages;
import io.healguard.engine.rules.PolicyCompiler;
import io.healguard.engine.rules.RowOutcome;
import io.healguard.engine.testing.Fixtures;
import io.healguard.engine.testing.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * The runbook is complete and true to the tables: a page per reason code and alert signal in
 * the house format, every runbook link of every gates row resolves, no relative link inside the
 * runbook is dead, and the generated sections are what the generator makes of the tables now.
 */
class RunbookTest {
  private static final Path ROOT = Fixtures.repoRoot();
  private static final Path RUNBOOK = ROOT.resolve("runbook");
  private static final List<String> SECTIONS = List.of(
      "## Symptom", "## Impact", "## Check", "## Decision-table rows", "## Action", "## Verify", "## Rollback",
      "## Escalation");
  private static final Pattern LINK = Pattern.compile("\\[[^\\]]*\\]\\(([^)\\s]+)\\)");

  static Stream<String> reasons() {
    return RunbookPages.REASONS.stream();
  }

  static Stream<String> signals() {
    return RunbookPages.SIGNALS.stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("reasons")
  void shouldHaveAPageInTheHouseFormatForEveryReasonCode(String reason) throws IOException {
    Path page = RUNBOOK.resolve(reason + ".md");

    assertThat(page).exists();
    assertHouseFormat(reason, Files.readString(page));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("signals")
  void shouldHaveAPageInTheHouseFormatForEveryAlertSignal(String signal) throws IOException {
    Path page = RUNBOOK.resolve("alerts").resolve(signal + ".md");

    assertThat(page).exists();
    assertHouseFormat(signal, Files.readString(page));
  }

  @Test
  void shouldResolveTheRunbookLinkOfEveryGatesRow() {
    Map<String, RowOutcome> rows = new PolicyCompiler(MutableClock.at("2026-01-01T00:00:00Z"))
        .compile(Fixtures.bundledTables()).gateRows();

    List<String> dead = new ArrayList<>();
    rows.values().forEach(r -> RunbookLinks.problem(ROOT, r.runbook()).ifPresent(p -> dead.add(r.row() + ": " + p)));

    assertThat(rows).isNotEmpty();
    assertThat(dead).isEmpty();
  }

  @Test
  void shouldTellADeadLinkOrHeadingFromALiveOne() {
    Map<String, Boolean> resolves = Map.of(
        "runbook/CIRCUIT_OPEN.md", RunbookLinks.problem(ROOT, "runbook/CIRCUIT_OPEN.md").isEmpty(),
        "runbook/CIRCUIT_OPEN.md#action", RunbookLinks.problem(ROOT, "runbook/CIRCUIT_OPEN.md#action").isEmpty(),
        "runbook/CIRCUIT_OPEN.md#no-such-heading", RunbookLinks.problem(ROOT, "runbook/CIRCUIT_OPEN.md#no-such-heading").isEmpty(),
        "runbook/NO_SUCH_PAGE.md", RunbookLinks.problem(ROOT, "runbook/NO_SUCH_PAGE.md").isEmpty());

    assertThat(resolves).isEqualTo(Map.of(
        "runbook/CIRCUIT_OPEN.md", true,
        "runbook/CIRCUIT_OPEN.md#action", true,
        "runbook/CIRCUIT_OPEN.md#no-such-heading", false,
        "runbook/NO_SUCH_PAGE.md", false));
  }

  @Test
  void shouldHaveNoDeadRelativeLinkInsideTheRunbook() throws IOException {
    List<String> dead = new ArrayList<>();

    for (Path page : pages()) {
      for (String target : links(Files.readString(page))) {
        String link = target.startsWith("#") ? page.getFileName() + target : target;
        RunbookLinks.problem(page.getParent(), link).ifPresent(p -> dead.add(ROOT.relativize(page) + ": " + p));
      }
    }

    assertThat(pages()).hasSizeGreaterThan(RunbookPages.REASONS.size() + RunbookPages.SIGNALS.size());
    assertThat(dead).isEmpty();
  }

  @Test
  void shouldMatchTheGeneratedSectionsToTheTablesAsTheyAreNow() throws IOException {
    Map<Path, String> wanted = MarkdownExport.of(Fixtures.bundledTables(), ROOT).regenerate(RUNBOOK);

    List<String> stale = new ArrayList<>();
    for (Map.Entry<Path, String> e : wanted.entrySet()) {
      if (!Files.readString(e.getKey()).equals(e.getValue())) {
        stale.add(ROOT.relativize(e.getKey()).toString());
      }
    }

    assertThat(wanted).hasSize(1 + RunbookPages.REASONS.size() + RunbookPages.RECOMMENDATIONS.size()
        + RunbookPages.SIGNALS.size());
    assertThat(stale).as("run: healguard policy export-markdown --tables decision-tables --out runbook/README.md")
        .isEmpty();
  }

  @Test
  void shouldListTheRowsThatLeadToAReasonOrSignal() {
    MarkdownExport export = MarkdownExport.of(Fixtures.bundledTables(), ROOT);

    String circuitOpen = export.rowsForReason("CIRCUIT_OPEN");
    String escalated = export.rowsForSignal("ESCALATED");

    assertThat(rowNames(circuitOpen)).containsExactly("DT-GATES-020");
    assertThat(circuitOpen).contains("guard:circuit-open");
    assertThat(rowNames(escalated)).containsExactly("DT-GATES-027", "DT-GATES-018", "DT-GATES-022", "DT-GATES-024");
  }

  private static List<String> rowNames(String markdown) {
    List<String> out = new ArrayList<>();
    Matcher m = Pattern.compile("^\\| (DT-[A-Z]+-\\d{3}) \\|", Pattern.MULTILINE).matcher(markdown);
    while (m.find()) out.add(m.group(1));
    return out;
  }

  private static void assertHouseFormat(String code, String text) {
    assertThat(text.lines().findFirst().orElse("")).startsWith("# " + code + ": ");
    int at = -1;
    for (String s : SECTIONS) {
      int next = text.indexOf("\n" + s + "\n");
      assertThat(next).as(code + ": section " + s + " after the previous one").isGreaterThan(at);
      at = next;
    }
    String checks = MarkdownExport.between(text, "## Check", "## Decision-table rows");
    assertThat(checks).as(code + ": numbered checks with exact commands").contains("1. ").containsPattern("(?m)^\\s*\\$ \\S");
    assertThat(MarkdownExport.between(text, MarkdownExport.ROWS_BEGIN, MarkdownExport.ROWS_END))
        .as(code + ": generated rows between the markers, inside 'Decision-table rows'").isNotNull();
    assertThat(text.indexOf(MarkdownExport.ROWS_BEGIN)).isGreaterThan(text.indexOf("## Decision-table rows"))
        .isLessThan(text.indexOf("## Action"));
    assertThat(MarkdownExport.between(text, "## Rollback", "## Escalation")).contains("- [ ] ");
  }

  private static List<Path> pages() throws IOException {
    try (Stream<Path> s = Files.walk(RUNBOOK)) {
      return s.filter(p -> p.toString().endsWith(".md")).sorted().toList();
    }
  }

  /** Relative link targets outside code blocks. */
  private static List<String> links(String markdown) {
    List<String> out = new ArrayList<>();
    boolean fenced = false;
    for (String line : markdown.split("\n")) {
      if (line.trim().startsWith("```")) fenced = !fenced;
      if (fenced) continue;
      Matcher m = LINK.matcher(line.replaceAll("`[^`]*`", ""));
      while (m.find()) {
        String t = m.group(1);
        if (!t.matches("^[a-z]+:.*")) out.add(t);
      }
    }
    return out;
  }
}
