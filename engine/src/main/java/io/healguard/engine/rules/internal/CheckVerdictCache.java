package io.healguard.engine.rules.internal;

import io.healguard.engine.decision.Recommendation;
import io.healguard.engine.json.Json;
import io.healguard.engine.rules.PolicyProblem;
import io.healguard.engine.rules.RowOutcome;
import io.healguard.engine.rules.table.TableSource;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.CodeSource;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The fact-space part of the policy check, remembered per policy version so that a restart does
 * not ask the same ~22,000 questions of the same tables again: {@code <dir>/<version>.json}.
 *
 * <p>The outcome of that part is a function of the tables' bytes (the version is their hash) and of
 * the code asking (this jar, Drools included). So an entry counts only when both match: a verdict
 * written by another build ({@link #code}) is stale and the check runs again. Only passing verdicts
 * are written; a rejected policy is never activated, so there is nothing to remember. A missing,
 * unreadable or foreign entry is a miss, never an error: the check then simply runs.
 */
public final class CheckVerdictCache {
  private static final Logger LOG = LoggerFactory.getLogger(CheckVerdictCache.class);

  /** What the fact-space run over a passing policy produced, with what it was computed by. */
  public record Entry(
      String policy,
      String code,
      List<RowOutcome> gateRows,
      Map<String, Recommendation> byReason,
      List<PolicyProblem> warnings) {}

  private static final CheckVerdictCache NONE = new CheckVerdictCache(null, "none");

  private final Path dir;
  private final String code;

  public CheckVerdictCache(Path dir, String code) {
    this.dir = dir;
    this.code = code;
  }

  /** No cache: every compile runs the whole check. */
  public static CheckVerdictCache none() {
    return NONE;
  }

  /** A cache in {@code dir}, keyed by the build this class was loaded from. */
  public static CheckVerdictCache in(Path dir) {
    return new CheckVerdictCache(dir, codeVersion(CheckVerdictCache.class));
  }

  public String code() {
    return code;
  }

  /** The workbooks' DRL kept in the same directory, for the same build. */
  public TableSource.SheetCache sheets() {
    return dir == null ? TableSource.SheetCache.NONE : new CachedSheets(dir, code);
  }

  /** The verdict for {@code version} computed by this code, if one was written. */
  public Optional<Entry> find(String version) {
    if (dir == null) {
      return Optional.empty();
    }
    Path f = dir.resolve(version + ".json");
    try {
      Entry e = Json.MAPPER.readValue(Files.readAllBytes(f), Entry.class);
      if (!version.equals(e.policy()) || !code.equals(e.code())) {
        LOG.info("cached check of policy {} is stale (computed by {}), checking again", shortOf(version), e.code());
        return Optional.empty();
      }
      return Optional.of(e);
    } catch (NoSuchFileException e) {
      return Optional.empty();
    } catch (IOException | RuntimeException e) {
      LOG.warn("cached check {} unreadable, checking again: {}", f, e.getMessage());
      return Optional.empty();
    }
  }

  /** Remembers a passing verdict; a failure to write only costs the next start its time. */
  public void put(String version, List<RowOutcome> gateRows, Map<String, Recommendation> byReason,
      List<PolicyProblem> warnings) {
    if (dir == null) {
      return;
    }
    Path f = dir.resolve(version + ".json");
    try {
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, ".incoming-", ".json");
      Files.write(tmp, Json.MAPPER.writeValueAsBytes(new Entry(version, code, gateRows, byReason, warnings)));
      Files.move(tmp, f, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException | RuntimeException e) {
      LOG.warn("check of policy {} not cached in {}: {}", shortOf(version), dir, e.getMessage());
    }
  }

  /**
   * The build {@code c} was loaded from: its jar's name, size and modification time (a rebuilt jar
   * is another build, even under the same version), or for a classes directory (tests, the IDE) the
   * names, sizes and modification times of its class files.
   */
  static String codeVersion(Class<?> c) {
    CodeSource src = c.getProtectionDomain().getCodeSource();
    String impl = String.valueOf(c.getPackage().getImplementationVersion());
    try {
      Path p = Path.of(src.getLocation().toURI());
      if (Files.isRegularFile(p)) {
        return "jar " + p.getFileName() + " " + impl + " " + Files.size(p) + " " + Files.getLastModifiedTime(p).toMillis();
      }
      try (Stream<Path> s = Files.walk(p)) {
        long h = s.filter(Files::isRegularFile).sorted().mapToLong(f -> {
          try {
            return (p.relativize(f) + ":" + Files.size(f) + ":" + Files.getLastModifiedTime(f).toMillis()).hashCode();
          } catch (IOException e) {
            return 0;
          }
        }).reduce(17, (a, b) -> a * 31 + b);
        return "classes " + Long.toHexString(h);
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      // unknown origin: a value no stored entry can have, so nothing cached is ever trusted
      return "unknown " + System.nanoTime();
    }
  }

  private static String shortOf(String v) {
    return v.length() <= 12 ? v : v.substring(0, 12);
  }
}
