package io.healguard.engine.testing;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Font;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.apache.poi.ss.util.CellRangeAddress;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Writes and edits decision-table workbooks the way an operator's spreadsheet would hold them.
 * It wrote the bundled {@code decision-tables/} once ({@code main}); tests use it to make edited,
 * broken and oversized copies. Cells are text, as an operator types them.
 */
public final class PolicyTables {
  /** Gate fact columns: label, DRL constraint template. */
  public static final Map<String, String> GATE_FACTS = new LinkedHashMap<>();

  static {
    GATE_FACTS.put("input", "input == \"$param\"");
    GATE_FACTS.put("event", "event == \"$param\"");
    GATE_FACTS.put("belowThreshold", "belowThreshold == $param");
    GATE_FACTS.put("holdActive", "holdActive == $param");
    GATE_FACTS.put("driftError", "driftError == $param");
    GATE_FACTS.put("dependencyDown", "dependencyDown == $param");
    GATE_FACTS.put("storm", "storm == $param");
    GATE_FACTS.put("stormEpisodeActive", "stormEpisodeActive == $param");
    GATE_FACTS.put("circuit", "circuit == \"$param\"");
    GATE_FACTS.put("cooloffOver", "cooloffOver == $param");
    GATE_FACTS.put("cooldownActive", "cooldownActive == $param");
    GATE_FACTS.put("churnAtMax", "churnAtMax == $param");
    GATE_FACTS.put("safetyEnvelopeReached", "safetyEnvelopeReached == $param");
    GATE_FACTS.put("stableReached", "stableReached == $param");
    GATE_FACTS.put("backoffActive", "backoffActive == $param");
    // a cell lists classes, comma separated: "RUNTIME_BROKEN, CONFIG_ERROR" matches either
    GATE_FACTS.put("cause", "forall(||){cause == \"$\"}");
    GATE_FACTS.put("nonTransientEpisode", "nonTransientEpisode == $param");
  }

  public static final String[] TIER_FIELDS = {
    "failures", "baseCooldown", "cooldownCap", "maxRestarts", "window", "cooloff", "cooloffCap", "stablePeriod"
  };

  private PolicyTables() {}

  /**
   * One gates row: {@code when} maps fact labels to cell text; absent facts are "any". In {@code
   * gate(...)}'s spec a cell listing several values separates them with {@code |}.
   */
  public record GateRow(
      String name, Map<String, String> when, String action, String reason, String recommendation,
      String text, String runbook) {}

  public static GateRow gate(String name, String when, String action, String reason, String rec) {
    Map<String, String> w = new LinkedHashMap<>();
    for (String part : when.split(",")) {
      String p = part.trim();
      if (p.isEmpty()) continue;
      String[] kv = p.split("=");
      w.put(kv[0].trim(), kv[1].trim().replace("|", ", "));
    }
    return new GateRow(name, w, action, reason, rec, TEXTS.get(rec), "runbook/" + reason + ".md");
  }

  /** A gates row whose runbook link is the recommendation's page rather than the reason's. */
  public static GateRow gate(String name, String when, String action, String reason, String rec, String runbook) {
    GateRow g = gate(name, when, action, reason, rec);
    return new GateRow(g.name(), g.when(), g.action(), g.reason(), g.recommendation(), g.text(), runbook);
  }

  public static final Map<String, String> TEXTS = Map.ofEntries(
      Map.entry("FIX_BEFORE_RESTART", "A restart cannot fix this: {class}, see the log tail."),
      Map.entry("CHECK_MEMORY_LIMITS", "Restart allowed after an OOM kill: check the unit's memory limit and use before the next one."),
      Map.entry("COLLECT_CORE_DUMP", "Restart allowed after a crash: collect the core dump with coredumpctl before it is rotated away."),
      Map.entry("CHECK_HANG", "Restart allowed after a hang: find what the unit waited on when its timeout or watchdog fired."),
      Map.entry("WATCH_RECOVERY", "Restart allowed: watch the unit come back with systemctl status."),
      Map.entry("WAIT_FOR_COOLDOWN", "Restart held back by the cooldown: the next one is allowed when it ends."),
      Map.entry("INVESTIGATE_CRASH_LOOP", "The unit keeps failing: read its journal before anything restarts it again."),
      Map.entry("RELEASE_HOLD_WHEN_FIXED", "A hold is active: release it when the fix is in."),
      Map.entry("FIX_RUNTIME_DRIFT", "The unit's runtime differs from its contract: fix the drift, then restart."),
      Map.entry("RESTORE_DEPENDENCY", "A unit this one depends on is down: restore that one first."),
      Map.entry("CHECK_SHARED_DEPENDENCY", "Many units are down at once: look for a shared cause such as network, database or disk."),
      Map.entry("INVESTIGATE_DEGRADED", "The unit stays degraded: check its logs, load and upstreams."),
      Map.entry("NONE", "No action needed."));

  /** The classes a restart cannot fix, as a gates cell lists them (spec form). */
  public static final String NON_TRANSIENT = "RUNTIME_BROKEN|CONFIG_ERROR|CODE_ERROR";

  /** Runbook v1, in gate order: the first matching row decides. */
  public static List<GateRow> defaultGates() {
    List<GateRow> g = new ArrayList<>();
    g.add(gate("DT-GATES-001", "input=OVERRIDE, event=HOLD", "NONE", "HOLD_SET", "RELEASE_HOLD_WHEN_FIXED"));
    g.add(gate("DT-GATES-002", "input=OVERRIDE, event=RELEASE", "NONE", "HOLD_RELEASED", "NONE"));
    g.add(gate("DT-GATES-003", "input=OVERRIDE, event=RESET", "NONE", "MANUAL_RESET", "NONE"));
    g.add(gate("DT-GATES-004", "input=OVERRIDE, event=FORCE_RESTART", "RESTART", "MANUAL_FORCE", "WATCH_RECOVERY"));
    g.add(gate("DT-GATES-005", "input=DRIFT, event=ERROR", "RECOMMEND", "RUNTIME_DRIFT", "FIX_RUNTIME_DRIFT"));
    g.add(gate("DT-GATES-006", "input=DRIFT, event=WARNING", "NONE", "DRIFT_WARNING", "NONE"));
    g.add(gate("DT-GATES-007", "input=DRIFT, event=CLEARED", "NONE", "DRIFT_CLEARED", "NONE"));
    g.add(gate("DT-GATES-008", "input=REPORT, event=UP, stableReached=true, circuit=HALF_OPEN", "NONE", "CIRCUIT_CLOSED", "NONE"));
    g.add(gate("DT-GATES-009", "input=REPORT, event=UP, stableReached=true, circuit=OPEN, cooloffOver=true", "NONE", "CIRCUIT_CLOSED", "NONE"));
    g.add(gate("DT-GATES-010", "input=REPORT, event=UP, stableReached=true, circuit=CLOSED, backoffActive=true", "NONE", "BACKOFF_RESET", "NONE"));
    g.add(gate("DT-GATES-011", "input=REPORT, event=UP", "NONE", "HEALTHY", "NONE"));
    g.add(gate("DT-GATES-012", "input=REPORT, event=DEGRADED, belowThreshold=false", "RECOMMEND", "DEGRADED_PERSISTENT", "INVESTIGATE_DEGRADED"));
    g.add(gate("DT-GATES-013", "input=REPORT, event=DEGRADED", "NONE", "BELOW_THRESHOLD", "NONE"));
    g.add(gate("DT-GATES-014", "input=REPORT, event=DOWN, belowThreshold=true", "NONE", "BELOW_THRESHOLD", "NONE"));
    g.add(gate("DT-GATES-015", "input=REPORT, event=DOWN, holdActive=true", "BLOCK", "MANUAL_HOLD", "RELEASE_HOLD_WHEN_FIXED"));
    g.add(gate("DT-GATES-016", "input=REPORT, event=DOWN, driftError=true", "BLOCK", "RUNTIME_DRIFT", "FIX_RUNTIME_DRIFT"));
    g.add(gate("DT-GATES-027", "input=REPORT, event=DOWN, cause=" + NON_TRANSIENT + ", nonTransientEpisode=false",
        "ESCALATE", "NON_TRANSIENT_FAILURE", "FIX_BEFORE_RESTART"));
    g.add(gate("DT-GATES-028", "input=REPORT, event=DOWN, cause=" + NON_TRANSIENT + ", nonTransientEpisode=true",
        "BLOCK", "NON_TRANSIENT_FAILURE", "FIX_BEFORE_RESTART"));
    g.add(gate("DT-GATES-017", "input=REPORT, event=DOWN, dependencyDown=true", "BLOCK", "DEPENDENCY_DOWN", "RESTORE_DEPENDENCY"));
    g.add(gate("DT-GATES-018", "input=REPORT, event=DOWN, storm=true, stormEpisodeActive=false", "ESCALATE", "FLEET_STORM", "CHECK_SHARED_DEPENDENCY"));
    g.add(gate("DT-GATES-019", "input=REPORT, event=DOWN, storm=true, stormEpisodeActive=true", "BLOCK", "FLEET_STORM", "CHECK_SHARED_DEPENDENCY"));
    g.add(gate("DT-GATES-020", "input=REPORT, event=DOWN, circuit=OPEN, cooloffOver=false", "BLOCK", "CIRCUIT_OPEN", "INVESTIGATE_CRASH_LOOP"));
    g.add(gate("DT-GATES-021", "input=REPORT, event=DOWN, circuit=OPEN, cooloffOver=true", "RESTART", "HALF_OPEN_PROBE", "WATCH_RECOVERY"));
    g.add(gate("DT-GATES-022", "input=REPORT, event=DOWN, circuit=HALF_OPEN", "ESCALATE", "PROBE_FAILED", "INVESTIGATE_CRASH_LOOP"));
    g.add(gate("DT-GATES-023", "input=REPORT, event=DOWN, cooldownActive=true", "BLOCK", "COOLDOWN_ACTIVE", "WAIT_FOR_COOLDOWN"));
    g.add(gate("DT-GATES-024", "input=REPORT, event=DOWN, churnAtMax=true", "ESCALATE", "CHURN_LIMIT_REACHED", "INVESTIGATE_CRASH_LOOP"));
    g.add(gate("DT-GATES-025", "input=REPORT, event=DOWN, safetyEnvelopeReached=true", "BLOCK", "SAFETY_ENVELOPE", "INVESTIGATE_CRASH_LOOP"));
    g.add(gate("DT-GATES-029", "input=REPORT, event=DOWN, cause=OOM", "RESTART", "RESTART_PERMITTED", "CHECK_MEMORY_LIMITS",
        "runbook/CHECK_MEMORY_LIMITS.md"));
    g.add(gate("DT-GATES-030", "input=REPORT, event=DOWN, cause=CRASH", "RESTART", "RESTART_PERMITTED", "COLLECT_CORE_DUMP",
        "runbook/COLLECT_CORE_DUMP.md"));
    g.add(gate("DT-GATES-031", "input=REPORT, event=DOWN, cause=HANG", "RESTART", "RESTART_PERMITTED", "CHECK_HANG",
        "runbook/CHECK_HANG.md"));
    g.add(gate("DT-GATES-026", "input=REPORT, event=DOWN", "RESTART", "RESTART_PERMITTED", "WATCH_RECOVERY"));
    return g;
  }

  /** name, tier, failures, baseCooldown, cooldownCap, maxRestarts, window, cooloff, cooloffCap, stablePeriod. */
  public static List<String[]> defaultThresholds() {
    return List.of(
        new String[] {"DT-THRESHOLDS-001", "critical", "2", "30s", "5m", "5", "15m", "10m", "1h", "5m"},
        new String[] {"DT-THRESHOLDS-002", "standard", "3", "60s", "10m", "3", "15m", "30m", "2h", "10m"},
        new String[] {"DT-THRESHOLDS-003", "batch", "3", "5m", "30m", "2", "60m", "2h", "8h", "10m"});
  }

  /** name, scope, minUnits, minPercent, freshness. */
  public static String[] defaultStorm() {
    return new String[] {"DT-STORM-001", "fleet", "3", "30", "2m"};
  }

  /** Causes condition columns: label, DRL constraint template on {@code CauseQuery}. */
  public static final Map<String, String> CAUSE_FACTS = new LinkedHashMap<>();

  static {
    CAUSE_FACTS.put("result", "forall(||){result == \"$\"}");
    CAUSE_FACTS.put("exitCode", "forall(||){exitCode == \"$\"}");
    CAUSE_FACTS.put("exitStatus", "statusIn(\"$param\")");
    CAUSE_FACTS.put("signal", "forall(||){signal == \"$\"}");
    CAUSE_FACTS.put("log", "logMatches(\"$param\")");
    // the catch-all row says "true" here: a row with every condition blank would have no CauseQuery to act on
    CAUSE_FACTS.put("any cause", "$param");
  }

  /** One causes row: {@code when} maps condition labels to cell text; absent ones are "any". */
  public record CauseRow(String name, Map<String, String> when, String causeClass, String runbook) {}

  /** {@code when}: "label=value; label=value" (a semicolon, since values hold commas and regex bars). */
  public static CauseRow cause(String name, String when, String causeClass, String runbook) {
    Map<String, String> w = new LinkedHashMap<>();
    for (String part : when.split(";")) {
      if (part.isBlank()) continue;
      int eq = part.indexOf('=');
      w.put(part.substring(0, eq).trim(), part.substring(eq + 1).strip());
    }
    return new CauseRow(name, w, causeClass, runbook);
  }

  /** The issue-12 causes table: first matching row wins. */
  public static List<CauseRow> defaultCauses() {
    String nt = "runbook/NON_TRANSIENT_FAILURE.md#";
    return List.of(
        cause("DT-CAUSES-001", "exitCode=exited; exitStatus=200-203, 205-245", "RUNTIME_BROKEN", nt + "runtime_broken"),
        cause("DT-CAUSES-002", "log=ModuleNotFoundError|ImportError: |No module named |error while loading shared libraries",
            "RUNTIME_BROKEN", nt + "runtime_broken"),
        cause("DT-CAUSES-003", "exitStatus=78, 64, 6", "CONFIG_ERROR", nt + "config_error"),
        cause("DT-CAUSES-004", "log=SyntaxError: |IndentationError: ", "CODE_ERROR", nt + "code_error"),
        cause("DT-CAUSES-005", "result=oom-kill", "OOM", "runbook/CHECK_MEMORY_LIMITS.md"),
        cause("DT-CAUSES-006", "result=core-dump", "CRASH", "runbook/COLLECT_CORE_DUMP.md"),
        cause("DT-CAUSES-007", "signal=SEGV, ABRT, BUS, ILL, FPE", "CRASH", "runbook/COLLECT_CORE_DUMP.md"),
        cause("DT-CAUSES-008", "result=timeout, watchdog", "HANG", "runbook/CHECK_HANG.md"),
        cause("DT-CAUSES-009", "any cause=true", "UNKNOWN", "runbook/RESTART_PERMITTED.md"));
  }

  public static void writeDefaults(Path dir) throws IOException {
    Files.createDirectories(dir);
    writeThresholds(dir.resolve("thresholds.xlsx"), defaultThresholds(), defaultStorm());
    writeGates(dir.resolve("gates.xlsx"), defaultGates());
    writeCauses(dir.resolve("causes.xlsx"), defaultCauses());
  }

  public static void writeCauses(Path file, List<CauseRow> rows) throws IOException {
    try (Workbook wb = new XSSFWorkbook()) {
      Sheet sh = wb.createSheet("Causes");
      Styles st = new Styles(wb);
      int r = header(sh, st, "io.healguard.engine.rules.CauseQuery", true);
      keywordRow(sh, st, r++, "RuleTable Causes");
      List<String> facts = new ArrayList<>(CAUSE_FACTS.keySet());
      String[] actions = {"class", "runbook"};
      String[] actionCode = {"$c.classify(\"$param\", drools.getRule().getName());", "$c.runbook(\"$param\");"};
      int cols = 2 + facts.size() + actions.length;
      Row kinds = sh.createRow(r);
      Row objects = sh.createRow(r + 1);
      Row code = sh.createRow(r + 2);
      Row labels = sh.createRow(r + 3);
      for (int c = 0; c < cols; c++) {
        // every cell of the header block exists: Drools skips cells missing under a merged region
        kinds.createCell(c + 1);
        objects.createCell(c + 1);
        code.createCell(c + 1);
        labels.createCell(c + 1);
      }
      set(kinds, 1, "NAME", st.head);
      set(labels, 1, "Row", st.label);
      set(kinds, 2, "ACTIVATION-GROUP", st.head);
      set(labels, 2, "Group", st.label);
      for (int i = 0; i < facts.size(); i++) {
        set(kinds, 3 + i, "CONDITION", st.head);
        set(objects, 3 + i, i == 0 ? "$c : CauseQuery" : "", st.head);
        set(code, 3 + i, CAUSE_FACTS.get(facts.get(i)), st.code);
        set(labels, 3 + i, facts.get(i), st.label);
      }
      sh.addMergedRegion(new CellRangeAddress(r + 1, r + 1, 3, 2 + facts.size()));
      for (int i = 0; i < actions.length; i++) {
        int c = 3 + facts.size() + i;
        set(kinds, c, "ACTION", st.head);
        set(code, c, actionCode[i], st.code);
        set(labels, c, actions[i], st.label);
      }
      r += 4;
      for (CauseRow g : rows) {
        Row row = sh.createRow(r++);
        set(row, 1, g.name(), null);
        set(row, 2, "causes", null);
        for (int i = 0; i < facts.size(); i++) {
          String v = g.when().get(facts.get(i));
          set(row, 3 + i, v == null ? "" : v, null);
        }
        set(row, 3 + facts.size(), g.causeClass() == null ? "" : g.causeClass(), null);
        set(row, 4 + facts.size(), g.runbook() == null ? "" : g.runbook(), null);
      }
      for (int c = 1; c <= cols; c++) sh.setColumnWidth(c, 18 * 256);
      sh.setColumnWidth(3 + facts.indexOf("log"), 60 * 256);
      save(wb, file);
    }
  }

  public static void writeGates(Path file, List<GateRow> rows) throws IOException {
    try (Workbook wb = new XSSFWorkbook()) {
      Sheet sh = wb.createSheet("Gates");
      Styles st = new Styles(wb);
      int r = header(sh, st, "io.healguard.engine.rules.Situation", true);
      keywordRow(sh, st, r++, "RuleTable Gates");
      List<String> facts = new ArrayList<>(GATE_FACTS.keySet());
      String[] actions = {"action", "reason", "recommendation", "recommendation text", "runbook"};
      String[] actionCode = {
        "$s.decide(\"$param\", drools.getRule().getName());", "$s.reason(\"$param\");",
        "$s.recommend(\"$param\");", "$s.recommendText(\"$param\");", "$s.runbook(\"$param\");"
      };
      int cols = 2 + facts.size() + actions.length;
      Row kinds = sh.createRow(r);
      Row objects = sh.createRow(r + 1);
      Row code = sh.createRow(r + 2);
      Row labels = sh.createRow(r + 3);
      for (int c = 0; c < cols; c++) {
        // every cell of the header block exists: Drools skips cells missing under a merged region
        kinds.createCell(c + 1);
        objects.createCell(c + 1);
        code.createCell(c + 1);
        labels.createCell(c + 1);
      }
      set(kinds, 1, "NAME", st.head);
      set(labels, 1, "Row", st.label);
      set(kinds, 2, "ACTIVATION-GROUP", st.head);
      set(labels, 2, "Group", st.label);
      for (int i = 0; i < facts.size(); i++) {
        set(kinds, 3 + i, "CONDITION", st.head);
        set(objects, 3 + i, i == 0 ? "$s : Situation" : "", st.head);
        set(code, 3 + i, GATE_FACTS.get(facts.get(i)), st.code);
        set(labels, 3 + i, facts.get(i), st.label);
      }
      sh.addMergedRegion(new CellRangeAddress(r + 1, r + 1, 3, 2 + facts.size()));
      for (int i = 0; i < actions.length; i++) {
        int c = 3 + facts.size() + i;
        set(kinds, c, "ACTION", st.head);
        set(code, c, actionCode[i], st.code);
        set(labels, c, actions[i], st.label);
      }
      r += 4;
      for (GateRow g : rows) {
        Row row = sh.createRow(r++);
        set(row, 1, g.name(), null);
        set(row, 2, "gates", null);
        for (int i = 0; i < facts.size(); i++) {
          String v = g.when().get(facts.get(i));
          set(row, 3 + i, v == null ? "" : v, null);
        }
        String[] vals = {g.action(), g.reason(), g.recommendation(), g.text(), g.runbook()};
        for (int i = 0; i < vals.length; i++) {
          set(row, 3 + facts.size() + i, vals[i] == null ? "" : vals[i], null);
        }
      }
      for (int c = 1; c <= cols; c++) sh.setColumnWidth(c, 16 * 256);
      save(wb, file);
    }
  }

  public static void writeThresholds(Path file, List<String[]> tiers, String[] storm) throws IOException {
    try (Workbook wb = new XSSFWorkbook()) {
      Sheet sh = wb.createSheet("Thresholds");
      Styles st = new Styles(wb);
      int r = header(sh, st, "io.healguard.engine.rules.TierQuery, io.healguard.engine.rules.StormQuery", false);
      keywordRow(sh, st, r++, "RuleTable Thresholds");
      String[] head = new String[2 + TIER_FIELDS.length];
      String[] code = new String[head.length];
      String[] labels = new String[head.length];
      head[0] = "NAME"; labels[0] = "Row";
      head[1] = "CONDITION"; code[1] = "tier == \"$param\""; labels[1] = "tier";
      for (int i = 0; i < TIER_FIELDS.length; i++) {
        head[2 + i] = "ACTION";
        code[2 + i] = "$t.set(\"" + TIER_FIELDS[i] + "\", \"$param\", drools.getRule().getName());";
        labels[2 + i] = TIER_FIELDS[i];
      }
      r = block(sh, st, r, head, "$t : TierQuery", code, labels, tiers);
      r++;
      keywordRow(sh, st, r++, "RuleTable FleetStorm");
      String[] sHead = {"NAME", "CONDITION", "ACTION", "ACTION", "ACTION"};
      String[] sCode = {
        null, "scope == \"$param\"",
        "$q.set(\"minUnits\", \"$param\", drools.getRule().getName());",
        "$q.set(\"minPercent\", \"$param\", drools.getRule().getName());",
        "$q.set(\"freshness\", \"$param\", drools.getRule().getName());"
      };
      String[] sLabels = {"Row", "scope", "minUnits", "minPercent", "freshness"};
      block(sh, st, r, sHead, "$q : StormQuery", sCode, sLabels, storm == null ? List.of() : List.<String[]>of(storm));
      for (int c = 1; c <= 10; c++) sh.setColumnWidth(c, 16 * 256);
      save(wb, file);
    }
  }

  private static int block(Sheet sh, Styles st, int r, String[] head, String object, String[] code,
      String[] labels, List<String[]> rows) {
    Row k = sh.createRow(r), o = sh.createRow(r + 1), c = sh.createRow(r + 2), l = sh.createRow(r + 3);
    for (int i = 0; i < head.length; i++) {
      set(k, 1 + i, head[i], st.head);
      set(o, 1 + i, i == 1 ? object : "", st.head);
      set(c, 1 + i, code[i] == null ? "" : code[i], st.code);
      set(l, 1 + i, labels[i], st.label);
    }
    r += 4;
    for (String[] values : rows) {
      Row row = sh.createRow(r++);
      for (int i = 0; i < values.length; i++) set(row, 1 + i, values[i], null);
    }
    return r;
  }

  private static int header(Sheet sh, Styles st, String imports, boolean sequential) {
    int r = 0;
    Row rs = sh.createRow(r++);
    set(rs, 1, "RuleSet", st.head);
    set(rs, 2, "healguard.policy", null);
    Row im = sh.createRow(r++);
    set(im, 1, "Import", st.head);
    set(im, 2, imports, null);
    if (sequential) {
      // salience by row order: the first matching row wins
      Row sq = sh.createRow(r++);
      set(sq, 1, "Sequential", st.head);
      set(sq, 2, "true", null);
    }
    return r + 1;
  }

  private static void keywordRow(Sheet sh, Styles st, int r, String text) {
    set(sh.createRow(r), 1, text, st.head);
  }

  private static void set(Row row, int col, String value, CellStyle style) {
    Cell cell = row.getCell(col);
    if (cell == null) cell = row.createCell(col);
    cell.setCellValue(value);
    if (style != null) cell.setCellStyle(style);
  }

  private static void save(Workbook wb, Path file) throws IOException {
    Files.createDirectories(file.toAbsolutePath().getParent());
    try (OutputStream out = Files.newOutputStream(file)) {
      wb.write(out);
    }
  }

  /**
   * Edits one cell as an operator would: the row whose NAME cell is {@code rowName}, the column
   * whose label (the row under the code snippets) is {@code column}.
   */
  public static void setCell(Path xlsx, String rowName, String column, String value) throws IOException {
    Workbook wb;
    try (InputStream in = Files.newInputStream(xlsx)) {
      wb = WorkbookFactory.create(in);
    }
    try (wb) {
      for (Sheet sh : wb) {
        Integer nameCol = null, rowIdx = null;
        for (Row row : sh) {
          for (Cell cell : row) {
            if (cell.getCellType() == org.apache.poi.ss.usermodel.CellType.STRING
                && cell.getStringCellValue().equals(rowName)) {
              nameCol = cell.getColumnIndex();
              rowIdx = row.getRowNum();
            }
          }
        }
        if (rowIdx == null) continue;
        // the labels row of this row's table: the nearest row above whose NAME column says "Row"
        for (int r = rowIdx - 1; r >= 0; r--) {
          Row lr = sh.getRow(r);
          if (lr == null || lr.getCell(nameCol) == null) continue;
          if ("Row".equals(lr.getCell(nameCol).getStringCellValue())) {
            for (Cell lc : lr) {
              if (column.equals(lc.getStringCellValue())) {
                Row target = sh.getRow(rowIdx);
                Cell t = target.getCell(lc.getColumnIndex());
                if (t == null) t = target.createCell(lc.getColumnIndex());
                t.setCellValue(value);
                save(wb, xlsx);
                return;
              }
            }
            throw new IllegalArgumentException("no column " + column + " in the table of " + rowName);
          }
        }
      }
      throw new IllegalArgumentException("no row " + rowName + " in " + xlsx);
    }
  }

  /** Copies the bundled tables to {@code dir}. */
  public static Path copyBundled(Path dir) throws IOException {
    Files.createDirectories(dir);
    try (var s = Files.list(Fixtures.bundledTables())) {
      for (Path p : s.toList()) {
        Files.copy(p, dir.resolve(p.getFileName()), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
    return dir;
  }

  private static final class Styles {
    final CellStyle head, code, label;

    Styles(Workbook wb) {
      Font bold = wb.createFont();
      bold.setBold(true);
      head = wb.createCellStyle();
      head.setFont(bold);
      code = wb.createCellStyle();
      label = wb.createCellStyle();
      label.setFont(bold);
    }
  }

  public static void main(String[] args) throws IOException {
    writeDefaults(Path.of(args.length > 0 ? args[0] : "decision-tables"));
  }
}
