package io.healguard.engine.drift;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.stream.Stream;

/**
 * A fixture case from {@code src/test/resources/drift/<case>/}: {@code contract.yaml}, a
 * {@code host/} tree, an optional {@code links} file ({@code /path -> target} per line, created
 * here because git keeps symlinks badly) and {@code expected.json}.
 */
public final class HostSnapshot {
  private HostSnapshot() {}

  public static Path corpus() {
    try {
      return Path.of(HostSnapshot.class.getResource("/drift").toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  public static List<String> caseNames() {
    try (Stream<Path> s = Files.list(corpus())) {
      return s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies the case's host tree into {@code dir} and creates its symlinks; returns the root. */
  public static Path materialize(String caseName, Path dir) {
    Path source = corpus().resolve(caseName);
    Path root = dir.resolve("host");
    try {
      copyTree(source.resolve("host"), root);
      Path links = source.resolve("links");
      if (Files.exists(links)) {
        for (String line : Files.readAllLines(links)) {
          if (line.isBlank() || line.startsWith("#")) {
            continue;
          }
          String[] parts = line.split("\\s+->\\s+", 2);
          Path link = root.resolve(parts[0].strip().substring(1));
          Files.createDirectories(link.getParent());
          Files.deleteIfExists(link);
          Files.createSymbolicLink(link, Path.of(parts[1].strip()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("materialize " + caseName, e);
    }
    return root;
  }

  public static Path contract(String caseName) {
    return corpus().resolve(caseName).resolve("contract.yaml");
  }

  public static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> s = Files.walk(from)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.createDirectories(target.getParent());
          Files.copy(p, target, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
