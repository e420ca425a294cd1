package io.healguard.engine.rules.internal;

import io.healguard.engine.json.Json;
import io.healguard.engine.rules.table.TableSheet;
import io.healguard.engine.rules.table.TableSource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The DRL of each workbook, kept beside the check verdicts as {@code <dir>/sheets-<hash>.json}:
 * reading a workbook with POI is a large part of a start, and its DRL is a function of the file's
 * name and bytes (the hash) and of the build that generated it, which must match like a verdict's
 * ({@link CheckVerdictCache}). Everything downstream (compile errors, row names, the check) still
 * runs on the DRL; a miss of any kind just reads the workbook again.
 */
public final class CachedSheets implements TableSource.SheetCache {
  private static final Logger LOG = LoggerFactory.getLogger(CachedSheets.class);

  /** A workbook's sheets as compiled, with the build that compiled them. */
  public record Entry(String code, List<TableSheet> sheets) {}

  private final Path dir;
  private final String code;

  public CachedSheets(Path dir, String code) {
    this.dir = dir;
    this.code = code;
  }

  @Override
  public Optional<List<TableSheet>> find(String fileHash) {
    Path f = dir.resolve("sheets-" + fileHash + ".json");
    try {
      Entry e = Json.MAPPER.readValue(Files.readAllBytes(f), Entry.class);
      return code.equals(e.code()) ? Optional.of(List.copyOf(e.sheets())) : Optional.empty();
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("kept sheets {} unreadable, reading the workbook again: {}", f, e.getMessage());
      return Optional.empty();
    }
  }

  @Override
  public void put(String fileHash, List<TableSheet> sheets) {
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".incoming-", ".json");
      Files.write(tmp, Json.MAPPER.writeValueAsBytes(new Entry(code, sheets)));
      Files.move(tmp, dir.resolve("sheets-" + fileHash + ".json"), StandardCopyOption.REPLACE_EXISTING,
          StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      LOG.warn("sheets not kept in {}: {}", dir, e.getMessage());
    }
  }
}
