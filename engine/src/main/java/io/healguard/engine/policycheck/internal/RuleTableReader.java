package io.healguard.engine.policycheck.internal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/**
 * Reads every RuleTable of the workbooks in a tables directory with its header block as Drools
 * reads it: the keyword cell "RuleTable X", then rows for column kinds, object types, code
 * snippets and labels, then one row per rule until a blank row. CSV tables are skipped (none are
 * bundled); the compiler still checks them.
 */
public final class RuleTableReader {
  private static final DataFormatter TEXT = new DataFormatter();

  private RuleTableReader() {}

  public static List<RuleTable> read(Path dir) throws IOException {
    List<RuleTable> out = new ArrayList<>();
    List<Path> files;
    try (var s = Files.list(dir)) {
      files = s.filter(Files::isRegularFile).filter(RuleTableReader::isWorkbook).sorted().toList();
    }
    for (Path f : files) {
      try (InputStream in = Files.newInputStream(f); Workbook wb = WorkbookFactory.create(in)) {
        for (Sheet sheet : wb) {
          out.addAll(tables(f.getFileName().toString(), sheet));
        }
      }
    }
    return out;
  }

  private static boolean isWorkbook(Path p) {
    String n = p.getFileName().toString().toLowerCase(Locale.ROOT);
    return !n.startsWith("~$") && !n.startsWith(".") && (n.endsWith(".xlsx") || n.endsWith(".xls"));
  }

  private static List<RuleTable> tables(String file, Sheet sheet) {
    List<RuleTable> out = new ArrayList<>();
    boolean sequential = false;
    for (Row row : sheet) {
      for (Cell cell : row) {
        String v = text(cell);
        if (v.equalsIgnoreCase("Sequential")) {
          sequential = "true".equalsIgnoreCase(text(row.getCell(cell.getColumnIndex() + 1)));
        }
      }
    }
    for (Row row : sheet) {
      for (Cell cell : row) {
        String v = text(cell);
        if (v.startsWith("RuleTable")) {
          out.add(table(file, sheet, v.substring("RuleTable".length()).trim(), sequential,
              row.getRowNum(), cell.getColumnIndex()));
        }
      }
    }
    return out;
  }

  private static RuleTable table(String file, Sheet sheet, String name, boolean sequential, int at, int col) {
    Row kinds = sheet.getRow(at + 1);
    Row labels = sheet.getRow(at + 4);
    List<RuleTable.Column> columns = new ArrayList<>();
    int nameAt = -1;
    for (int c = col; kinds != null && !text(kinds.getCell(c)).isBlank(); c++) {
      String kind = text(kinds.getCell(c)).toUpperCase(Locale.ROOT);
      String label = labels == null ? "" : text(labels.getCell(c));
      columns.add(new RuleTable.Column(kind, label.isBlank() ? kind.toLowerCase(Locale.ROOT) : label));
      if (kind.equals("NAME")) nameAt = c - col;
    }
    List<RuleTable.Row> rows = new ArrayList<>();
    for (int r = at + 5; r <= sheet.getLastRowNum(); r++) {
      Row row = sheet.getRow(r);
      List<String> cells = new ArrayList<>();
      boolean blank = true;
      for (int i = 0; i < columns.size(); i++) {
        String v = row == null ? "" : text(row.getCell(col + i));
        blank &= v.isBlank();
        cells.add(v);
      }
      if (blank) {
        break;
      }
      rows.add(new RuleTable.Row(nameAt < 0 ? "" : cells.get(nameAt), r + 1, List.copyOf(cells)));
    }
    return new RuleTable(file, sheet.getSheetName(), name, sequential, List.copyOf(columns), List.copyOf(rows));
  }

  private static String text(Cell c) {
    return c == null ? "" : TEXT.formatCellValue(c).trim();
  }
}
