package io.healguard.api.console;

import io.healguard.engine.policycheck.MarkdownExport;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The decision tables exactly as the runbook shows them (runbook/README.md's generated section:
 * every table, every row, conditions folded into "When" where the runbook folds them), as rows a
 * page can lay out. The text comes from the same {@link MarkdownExport} that writes the runbook, so
 * the console and the runbook cannot disagree about a row; this class only splits its Markdown
 * tables into cells and its links into their text.
 */
public final class RunbookTables {
  /** One table: {@code title} as the runbook's heading, {@code notes} the paragraphs under it. */
  public record Table(String title, List<String> notes, List<String> head, List<List<String>> rows) {}

  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern CELL_SPLIT = Pattern.compile("(?<!\\\\)\\|");

  private RunbookTables() {}

  /** Reads the tables of {@code tablesDir} (blocking: it opens the workbooks). */
  public static List<Table> of(Path tablesDir) {
    // links are made relative to a runbook page; the page shows their text, so any root will do
    Path root = Path.of("/").toAbsolutePath();
    return parse(MarkdownExport.of(tablesDir, root).tables(root.resolve("runbook/README.md")));
  }

  static List<Table> parse(String markdown) {
    List<Table> out = new ArrayList<>();
    String title = null;
    List<String> notes = new ArrayList<>();
    List<String> head = null;
    List<List<String>> rows = new ArrayList<>();
    for (String line : markdown.split("\n")) {
      String l = line.strip();
      if (l.startsWith("### ")) {
        if (title != null) out.add(new Table(title, List.copyOf(notes), head == null ? List.of() : head, List.copyOf(rows)));
        title = l.substring(4);
        notes.clear();
        head = null;
        rows.clear();
      } else if (title == null || l.isEmpty()) {
        continue;
      } else if (l.startsWith("|")) {
        List<String> cells = cells(l);
        if (head == null) head = cells;
        else if (!cells.stream().allMatch(c -> c.matches("-+"))) rows.add(cells);
      } else {
        notes.add(l);
      }
    }
    if (title != null) out.add(new Table(title, List.copyOf(notes), head == null ? List.of() : head, List.copyOf(rows)));
    return out;
  }

  private static List<String> cells(String line) {
    String inner = line.substring(1, line.endsWith("|") && !line.endsWith("\\|") ? line.length() - 1 : line.length());
    List<String> cells = new ArrayList<>();
    for (String c : CELL_SPLIT.split(inner, -1)) {
      Matcher m = LINK.matcher(c.strip().replace("\\|", "|"));
      cells.add(m.replaceAll(r -> Matcher.quoteReplacement(r.group(1))));
    }
    return List.copyOf(cells);
  }
}
