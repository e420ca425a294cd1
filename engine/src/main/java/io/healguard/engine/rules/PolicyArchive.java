package io.healguard.engine.rules;

import io.healguard.engine.json.Json;
import io.healguard.engine.rules.ArchivedPolicy.Activation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Every policy version that was ever put in force, with its tables, so an operator can roll back
 * to it: {@code <root>/<version>/} holds the table files exactly as they were compiled (the bytes
 * the version hashes) and {@code activation.json} the times it was activated and by whom.
 *
 * <p>A version directory is written once, into a temporary directory renamed into place, so a
 * crash never leaves a half-copied version that a rollback could pick; JSON files are replaced
 * the same way. Names starting with a dot are unfinished and ignored. {@code pinned.json} at the
 * root records a rollback in force (see {@link PolicyPin}) so it survives a restart.
 */
public final class PolicyArchive {
  static final String META = "activation.json";
  static final String PIN = "pinned.json";
  private static final Pattern VERSION = Pattern.compile("[0-9a-f]{64}");
  /** Shorter prefixes than this are refused: too easy to pick the wrong version by a typo. */
  static final int MIN_PREFIX = 8;

  private final Path root;

  public PolicyArchive(Path root) {
    this.root = root;
  }

  public Path root() {
    return root;
  }

  /** The activation file's shape. */
  record Meta(String version, List<Activation> activations) {}

  /**
   * Keeps the snapshot's tables (written once per version) and appends this activation.
   *
   * @throws UncheckedIOException when the archive cannot be written
   */
  public synchronized ArchivedPolicy record(PolicySnapshot p, Instant at, String actor, String how) {
    Path dir = root.resolve(p.version());
    try {
      Files.createDirectories(root);
      if (!Files.isDirectory(dir)) {
        Path tmp = Files.createTempDirectory(root, ".incoming-");
        for (Map.Entry<String, byte[]> f : p.files().entrySet()) {
          Files.write(tmp.resolve(f.getKey()), f.getValue());
        }
        Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      }
      List<Activation> acts = new ArrayList<>(readMeta(dir).activations());
      acts.add(new Activation(at, actor, how));
      writeAtomically(dir.resolve(META), Json.MAPPER.writeValueAsBytes(new Meta(p.version(), acts)));
      return load(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("archive policy " + p.shortVersion() + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /**
   * Puts tables received from elsewhere (another replica, through the store) into the archive as
   * {@code version}'s directory, written whole or not at all, without an activation: the caller
   * compiles them from there and records the activation, or {@link #discard}s them when they are
   * rejected. A version already archived is left as it is (the compile then checks its hash).
   *
   * @return the version's directory and whether this call created it
   * @throws UncheckedIOException when the archive cannot be written
   */
  public synchronized Staged stage(String version, Map<String, byte[]> files) {
    if (!VERSION.matcher(version).matches()) {
      throw new IllegalArgumentException("policy version must be 64 hex digits, but was '" + version + "'");
    }
    Path dir = root.resolve(version);
    try {
      Files.createDirectories(root);
      if (Files.isDirectory(dir)) {
        return new Staged(dir, false);
      }
      Path tmp = Files.createTempDirectory(root, ".incoming-");
      for (Map.Entry<String, byte[]> f : files.entrySet()) {
        Files.write(tmp.resolve(f.getKey()), f.getValue());
      }
      Files.move(tmp, dir, StandardCopyOption.ATOMIC_MOVE);
      return new Staged(dir, true);
    } catch (IOException e) {
      throw new UncheckedIOException("stage policy " + version + " in " + dir + ": " + e.getMessage(), e);
    }
  }

  /** A staged version's directory; {@code created} false when the archive already had it. */
  public record Staged(Path dir, boolean created) {}

  /** Removes a staged version that was never activated (it failed the gate). */
  public synchronized void discard(Staged staged) {
    if (!staged.created()) {
      return;
    }
    try (Stream<Path> s = Files.walk(staged.dir())) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("discard " + staged.dir() + ": " + e.getMessage(), e);
    }
  }

  /** Every archived version, the most recently activated first. */
  public List<ArchivedPolicy> list() {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    List<ArchivedPolicy> out = new ArrayList<>();
    try (Stream<Path> s = Files.list(root)) {
      for (Path d : s.filter(Files::isDirectory).toList()) {
        if (VERSION.matcher(d.getFileName().toString()).matches()) {
          out.add(load(d));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("list policy archive " + root + ": " + e.getMessage(), e);
    }
    Comparator<ArchivedPolicy> byLast = Comparator.comparing(
        a -> a.lastActivation() == null ? Instant.MIN : a.lastActivation().at());
    out.sort(byLast.reversed().thenComparing(ArchivedPolicy::version));
    return out;
  }

  /**
   * The archived version named by its full hash or by a unique prefix of at least {@value
   * #MIN_PREFIX} hex digits.
   *
   * @throws UnknownPolicyVersionException when none or several versions match
   */
  public ArchivedPolicy find(String version) {
    String v = version == null ? "" : version.trim().toLowerCase(java.util.Locale.ROOT);
    List<ArchivedPolicy> all = list();
    List<ArchivedPolicy> matches = v.length() < MIN_PREFIX
        ? List.of()
        : all.stream().filter(a -> a.version().startsWith(v)).toList();
    if (matches.size() == 1) {
      return matches.get(0);
    }
    if (matches.size() > 1) {
      throw UnknownPolicyVersionException.ambiguous(version, matches.stream().map(ArchivedPolicy::shortVersion).toList());
    }
    throw UnknownPolicyVersionException.of(version, all.stream().map(ArchivedPolicy::shortVersion).toList());
  }

  public Optional<PolicyPin> pin() {
    Path f = root.resolve(PIN);
    if (!Files.isRegularFile(f)) {
      return Optional.empty();
    }
    try {
      return Optional.of(Json.MAPPER.readValue(Files.readAllBytes(f), PolicyPin.class));
    } catch (IOException e) {
      throw new UncheckedIOException("read " + f + ": " + e.getMessage(), e);
    }
  }

  public void pin(PolicyPin pin) {
    try {
      Files.createDirectories(root);
      writeAtomically(root.resolve(PIN), Json.MAPPER.writeValueAsBytes(pin));
    } catch (IOException e) {
      throw new UncheckedIOException("write " + root.resolve(PIN) + ": " + e.getMessage(), e);
    }
  }

  public void unpin() {
    try {
      Files.deleteIfExists(root.resolve(PIN));
    } catch (IOException e) {
      throw new UncheckedIOException("delete " + root.resolve(PIN) + ": " + e.getMessage(), e);
    }
  }

  private static ArchivedPolicy load(Path dir) throws IOException {
    List<String> files;
    try (Stream<Path> s = Files.list(dir)) {
      files = s.map(p -> p.getFileName().toString()).filter(n -> !n.equals(META) && !n.startsWith(".")).sorted().toList();
    }
    return new ArchivedPolicy(dir.getFileName().toString(), dir, files, readMeta(dir).activations());
  }

  private static Meta readMeta(Path dir) throws IOException {
    Path f = dir.resolve(META);
    if (!Files.isRegularFile(f)) {
      return new Meta(dir.getFileName().toString(), List.of());
    }
    Meta m = Json.MAPPER.readValue(Files.readAllBytes(f), Meta.class);
    return m.activations() == null ? new Meta(m.version(), List.of()) : m;
  }

  private static void writeAtomically(Path target, byte[] bytes) throws IOException {
    Path tmp = target.resolveSibling("." + target.getFileName() + ".tmp");
    Files.write(tmp, bytes);
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
