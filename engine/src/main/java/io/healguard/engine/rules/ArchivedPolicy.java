package io.healguard.engine.rules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * One policy version kept in the {@link PolicyArchive}: its table files and every time it was
 * put in force, oldest first.
 */
public record ArchivedPolicy(String version, Path dir, List<String> files, List<Activation> activations) {
  public ArchivedPolicy {
    files = List.copyOf(files);
    activations = List.copyOf(activations);
  }

  /** One activation: when, by whom ("startup", "file-watch", a token's name) and how. */
  public record Activation(Instant at, String actor, String how) {}

  public Instant firstActivatedAt() {
    return activations.isEmpty() ? null : activations.get(0).at();
  }

  public Activation lastActivation() {
    return activations.isEmpty() ? null : activations.get(activations.size() - 1);
  }

  public String shortVersion() {
    return version.length() > 12 ? version.substring(0, 12) : version;
  }
}
