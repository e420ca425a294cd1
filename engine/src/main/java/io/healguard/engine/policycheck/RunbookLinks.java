package io.healguard.engine.policycheck;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves runbook links the way a Markdown viewer does: a file path relative to a base
 * directory, optionally with {@code #anchor} naming a heading (GitHub's slug rules: lower case,
 * punctuation dropped, spaces to hyphens).
 */
public final class RunbookLinks {
  private RunbookLinks() {}

  /** Why {@code link} does not resolve from {@code base}, or empty when it does. */
  public static Optional<String> problem(Path base, String link) {
    if (link == null || link.isBlank()) {
      return Optional.of("empty link");
    }
    int hash = link.indexOf('#');
    String file = hash < 0 ? link : link.substring(0, hash);
    String anchor = hash < 0 ? null : link.substring(hash + 1);
    Path target = file.isEmpty() ? base : base.resolve(file).normalize();
    if (!file.isEmpty() && !Files.isRegularFile(target)) {
      return Optional.of("runbook link " + link + " leads to no file (looked for " + target + ")");
    }
    if (anchor != null && !anchor.isEmpty()) {
      if (file.isEmpty() || !headings(target).contains(anchor)) {
        return Optional.of("runbook link " + link + " names no heading #" + anchor + " in " + file);
      }
    }
    return Optional.empty();
  }

  /** The anchors of the headings of a Markdown file. */
  public static Set<String> headings(Path md) {
    Set<String> out = new LinkedHashSet<>();
    try {
      boolean fenced = false;
      for (String line : Files.readAllLines(md)) {
        if (line.startsWith("```")) fenced = !fenced;
        if (!fenced && line.matches("^#{1,6} .*")) {
          out.add(slug(line.replaceFirst("^#{1,6} ", "")));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out;
  }

  static String slug(String heading) {
    return heading.trim().toLowerCase(Locale.ROOT).replaceAll("[^\\p{L}\\p{N} _-]", "").replace(' ', '-');
  }
}
