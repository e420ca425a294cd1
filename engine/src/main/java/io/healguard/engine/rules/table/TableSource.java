package io.healguard.engine.rules.table;

import io.healguard.engine.rules.PolicyProblem;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;

/**
 * Reads a tables directory into DRL, sheet by sheet, and hashes it. The bytes are read once and
 * both hashed and compiled from memory, so the version always names exactly what was compiled
 * even if an operator saves a file during the reload.
 */
public final class TableSource {
  private static final Pattern RULE = Pattern.compile("^rule \"([^\"]+)\"", Pattern.MULTILINE);
  private static final Pattern VALUES_AT =
      Pattern.compile("^// rule values at [A-Z]+(\\d+)", Pattern.MULTILINE);

  private TableSource() {}

  /** The table files of a directory, by name: .xlsx, .xls and .csv; editor lock files skipped. */
  public static List<Path> tableFiles(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(Files::isRegularFile)
          .filter(p -> isTable(p.getFileName().toString()))
          .sorted()
          .toList();
    }
  }

  static boolean isTable(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    if (n.startsWith("~$") || n.startsWith(".")) {
      return false;
    }
    return n.endsWith(".xlsx") || n.endsWith(".xls") || n.endsWith(".csv");
  }

  /**
   * Sheets compiled to DRL earlier, by a hash of the file's name and bytes: reading a workbook
   * with POI is a large part of a start, and its DRL depends on nothing else (and the build).
   */
  public interface SheetCache {
    SheetCache NONE = new SheetCache() {
      @Override public Optional<List<TableSheet>> find(String fileHash) { return Optional.empty(); }
      @Override public void put(String fileHash, List<TableSheet> sheets) {}
    };

    Optional<List<TableSheet>> find(String fileHash);

    /** Only sheets that compiled without a problem are put. */
    void put(String fileHash, List<TableSheet> sheets);
  }

  /** Reads every table file of {@code dir}; problems go to {@code problems}, never thrown. */
  public static Loaded load(Path dir, List<PolicyProblem> problems) {
    return load(dir, problems, SheetCache.NONE);
  }

  /** As {@link #load(Path, List)}, taking a file's sheets from {@code cache} when it has them. */
  public static Loaded load(Path dir, List<PolicyProblem> problems, SheetCache cache) {
    List<TableSheet> sheets = new ArrayList<>();
    Map<String, byte[]> read = new LinkedHashMap<>();
    MessageDigest sha = sha256();
    List<Path> files;
    try {
      files = tableFiles(dir);
    } catch (IOException e) {
      problems.add(new PolicyProblem(dir.toString(), null, null, null, "cannot list tables: " + e));
      return new Loaded(List.of(), "", Map.of());
    }
    if (files.isEmpty()) {
      problems.add(new PolicyProblem(dir.toString(), null, null, null,
          "no decision tables (.xlsx, .xls or .csv) in this directory"));
    }
    for (Path f : files) {
      String name = f.getFileName().toString();
      byte[] bytes;
      try {
        bytes = Files.readAllBytes(f);
      } catch (IOException e) {
        problems.add(new PolicyProblem(name, null, null, null, "cannot read: " + e.getMessage()));
        continue;
      }
      read.put(name, bytes);
      sha.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      sha.update((byte) 0);
      sha.update(bytes);
      sha.update((byte) 0);
      String fileHash = fileHash(name, bytes);
      Optional<List<TableSheet>> known = cache.find(fileHash);
      if (known.isPresent()) {
        sheets.addAll(known.get());
        continue;
      }
      try {
        List<TableSheet> compiled = new ArrayList<>();
        if (name.toLowerCase(Locale.ROOT).endsWith(".csv")) {
          String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytes), InputType.CSV);
          compiled.add(new TableSheet(name, null, drl, ruleLines(drl)));
          sheets.add(compiled.get(compiled.size() - 1));
        } else {
          for (String sheet : ruleSheets(bytes)) {
            String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(bytes), sheet);
            compiled.add(new TableSheet(name, sheet, drl, ruleLines(drl)));
            sheets.add(compiled.get(compiled.size() - 1));
          }
        }
        cache.put(fileHash, List.copyOf(compiled));
      } catch (RuntimeException | IOException e) {
        problems.add(new PolicyProblem(name, null, null, null, "cannot compile: " + rootMessage(e)));
      }
    }
    return new Loaded(sheets, HexFormat.of().formatHex(sha.digest()), read);
  }

  /** Sheets that hold a RuleTable; others (notes, a changelog) are the operator's business. */
  private static List<String> ruleSheets(byte[] bytes) throws IOException {
    List<String> out = new ArrayList<>();
    try (Workbook wb = WorkbookFactory.create(new ByteArrayInputStream(bytes))) {
      for (Sheet sheet : wb) {
        if (hasRuleTable(sheet)) {
          out.add(sheet.getSheetName());
        }
      }
    }
    if (out.isEmpty()) {
      throw new IOException("no sheet has a RuleTable");
    }
    return out;
  }

  private static boolean hasRuleTable(Sheet sheet) {
    for (Row row : sheet) {
      for (Cell cell : row) {
        if (cell.getCellType() == CellType.STRING
            && cell.getStringCellValue().trim().startsWith("RuleTable")) {
          return true;
        }
      }
    }
    return false;
  }

  static Map<String, Integer> ruleLines(String drl) {
    Map<String, Integer> out = new LinkedHashMap<>();
    Matcher v = VALUES_AT.matcher(drl);
    Matcher r = RULE.matcher(drl);
    while (r.find()) {
      Integer line = null;
      // the "rule values at" comment precedes its rule
      int from = Math.max(0, drl.lastIndexOf("\n// rule values at", r.start()));
      if (v.find(from) && v.start() < r.start()) {
        line = Integer.parseInt(v.group(1));
      }
      out.put(r.group(1), line);
    }
    return out;
  }

  static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage() == null ? t.toString() : t.getMessage();
  }

  private static String fileHash(String name, byte[] bytes) {
    MessageDigest d = sha256();
    d.update(name.getBytes(java.nio.charset.StandardCharsets.UTF_8));
    d.update((byte) 0);
    return HexFormat.of().formatHex(d.digest(bytes));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** {@code files}: the bytes that were hashed and compiled, by file name; the archive keeps exactly these. */
  public record Loaded(List<TableSheet> sheets, String version, Map<String, byte[]> files) {
    public Loaded {
      files = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(files));
    }
  }
}
