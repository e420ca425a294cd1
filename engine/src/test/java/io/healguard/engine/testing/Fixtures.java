package io.healguard.engine.testing;

import java.nio.file.Files;
import java.nio.file.Path;

/** Where the repository's own files are, from any module's tests. */
public final class Fixtures {
  private Fixtures() {}

  public static Path repoRoot() {
    String prop = System.getProperty("healguard.repo.root");
    Path p = prop != null ? Path.of(prop) : Path.of("").toAbsolutePath();
    while (p != null && !Files.isDirectory(p.resolve("decision-tables"))) {
      p = p.getParent();
    }
    if (p == null) {
      throw new IllegalStateException("cannot find the repository root (no decision-tables/ above " + Path.of("").toAbsolutePath() + ")");
    }
    return p;
  }

  public static Path bundledTables() {
    return repoRoot().resolve("decision-tables");
  }
}
