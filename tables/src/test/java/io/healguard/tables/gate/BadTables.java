package io.healguard.tables.gate;

import io.healguard.engine.testing.PolicyTables;
import io.healguard.engine.testing.PolicyTables.GateRow;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.ss.usermodel.WorkbookFactory;

/** Builds one broken tables directory per kind of mistake an operator makes, from the bundled defaults. */
final class BadTables {
  private BadTables() {}

  /** Default thresholds with the gates rows {@code edit} returns. */
  static Path gates(Path dir, UnaryOperator<List<GateRow>> edit) throws IOException {
    PolicyTables.writeDefaults(dir);
    PolicyTables.writeGates(dir.resolve("gates.xlsx"), edit.apply(new ArrayList<>(PolicyTables.defaultGates())));
    return dir;
  }

  /** Replaces the row named {@code name} by {@code row}. */
  static List<GateRow> replace(List<GateRow> rows, String name, GateRow row) {
    List<GateRow> out = new ArrayList<>();
    for (GateRow g : rows) out.add(g.name().equals(name) ? row : g);
    return out;
  }

  static GateRow withRunbook(GateRow g, String runbook) {
    return new GateRow(g.name(), g.when(), g.action(), g.reason(), g.recommendation(), g.text(), runbook);
  }

  static GateRow find(String name) {
    return PolicyTables.defaultGates().stream().filter(g -> g.name().equals(name)).findFirst().orElseThrow();
  }

  /** Turns the sheet's "Sequential true" into "false": rows lose their row-order salience. */
  static void notSequential(Path xlsx) throws IOException {
    Workbook wb;
    try (InputStream in = Files.newInputStream(xlsx)) {
      wb = WorkbookFactory.create(in);
    }
    try (wb) {
      for (Sheet sh : wb) {
        for (Row row : sh) {
          for (Cell c : row) {
            if (c.toString().trim().equals("Sequential")) {
              row.getCell(c.getColumnIndex() + 1).setCellValue("false");
            }
          }
        }
      }
      try (OutputStream out = Files.newOutputStream(xlsx)) {
        wb.write(out);
      }
    }
  }
}
