package io.healguard.engine.systemd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A host's files seen through a local root directory ({@code /} for the live host). Symlinks are
 * resolved by hand so that an absolute target such as {@code /opt/miniconda3} stays inside the
 * root instead of escaping to the machine running the check. Results are cached: one check asks
 * about the same conda prefixes thousands of times. Not thread-safe; one instance per check.
 */
public final class HostFs {
  private static final int MAX_LINKS = 40; // what Linux allows before ELOOP
  private static final java.util.regex.Pattern LINE_END = java.util.regex.Pattern.compile("\r?\n");

  private final Path root;
  private final Map<String, String> canonical = new HashMap<>();
  private final Map<String, Optional<List<String>>> lines = new HashMap<>();
  private final Map<String, List<String>> listings = new HashMap<>();

  public HostFs(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  public Path root() {
    return root;
  }

  /** The local path of a host path, without resolving anything. */
  public Path local(String hostPath) {
    int i = 0;
    while (i < hostPath.length() && hostPath.charAt(i) == '/') {
      i++;
    }
    return i == hostPath.length() ? root : root.resolve(hostPath.substring(i));
  }

  /** Collapses {@code //}, {@code .} and {@code ..} and drops a trailing slash; no file access. */
  public static String normalize(String hostPath) {
    List<String> parts = new ArrayList<>();
    for (String c : hostPath.split("/")) {
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!parts.isEmpty()) {
          parts.remove(parts.size() - 1);
        }
        continue;
      }
      parts.add(c);
    }
    return "/" + String.join("/", parts);
  }

  /** The host path with every symlink resolved inside the root; missing tails are kept as written. */
  public String canonical(String hostPath) {
    String key = normalize(hostPath);
    String hit = canonical.get(key);
    if (hit == null) {
      hit = resolve(hostPath);
      canonical.put(key, hit);
    }
    return hit;
  }

  private String resolve(String hostPath) {
    Deque<String> todo = new ArrayDeque<>(List.of(hostPath.split("/")));
    List<String> done = new ArrayList<>();
    int links = 0;
    while (!todo.isEmpty()) {
      String c = todo.pollFirst();
      if (c.isEmpty() || c.equals(".")) {
        continue;
      }
      if (c.equals("..")) {
        if (!done.isEmpty()) {
          done.remove(done.size() - 1);
        }
        continue;
      }
      done.add(c);
      Path p = local("/" + String.join("/", done));
      if (!Files.isSymbolicLink(p)) {
        continue;
      }
      if (++links > MAX_LINKS) {
        return normalize(hostPath);
      }
      String target;
      try {
        target = Files.readSymbolicLink(p).toString();
      } catch (IOException e) {
        return normalize(hostPath);
      }
      done.remove(done.size() - 1);
      if (target.startsWith("/")) {
        done.clear();
      }
      String[] t = target.split("/");
      for (int i = t.length - 1; i >= 0; i--) {
        todo.addFirst(t[i]);
      }
    }
    return "/" + String.join("/", done);
  }

  public boolean isFile(String hostPath) {
    return Files.isRegularFile(local(canonical(hostPath)), LinkOption.NOFOLLOW_LINKS);
  }

  public boolean isDirectory(String hostPath) {
    return Files.isDirectory(local(canonical(hostPath)), LinkOption.NOFOLLOW_LINKS);
  }

  /** Whether the entry itself exists, a dangling or /dev/null symlink included (a mask is one). */
  public boolean entryExists(String hostPath) {
    String parent = canonical(parent(normalize(hostPath)));
    return Files.exists(local(parent).resolve(basename(normalize(hostPath))), LinkOption.NOFOLLOW_LINKS);
  }

  public boolean exists(String hostPath) {
    return Files.exists(local(canonical(hostPath)), LinkOption.NOFOLLOW_LINKS);
  }

  /** The file's lines, or empty when it is not a readable regular file. */
  public Optional<List<String>> readLines(String hostPath) {
    return lines.computeIfAbsent(canonical(hostPath), this::read);
  }

  private Optional<List<String>> read(String canonicalPath) {
    Path p = local(canonicalPath);
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      // lenient decoding: a stray Latin-1 byte in a comment must not hide the whole file
      String text = new String(Files.readAllBytes(p), StandardCharsets.UTF_8);
      return Optional.of(List.of(LINE_END.split(text, -1)));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** The file's exact text, or empty when it is not a readable regular file; not cached. */
  public Optional<String> readString(String hostPath) {
    Path p = local(canonical(hostPath));
    if (!Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try {
      return Optional.of(new String(Files.readAllBytes(p), StandardCharsets.UTF_8));
    } catch (IOException e) {
      return Optional.empty();
    }
  }

  /** Entry names of a directory, sorted; empty when it does not exist. */
  public List<String> list(String hostDir) {
    return listings.computeIfAbsent(canonical(hostDir), this::listCanonical);
  }

  private List<String> listCanonical(String canonicalDir) {
    Path p = local(canonicalDir);
    if (!Files.isDirectory(p, LinkOption.NOFOLLOW_LINKS)) {
      return List.of();
    }
    List<String> names = new ArrayList<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(p)) {
      for (Path e : ds) {
        names.add(e.getFileName().toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("list " + canonicalDir + " under " + root, e);
    }
    names.sort(null);
    return List.copyOf(names);
  }

  public static String parent(String hostPath) {
    int i = hostPath.lastIndexOf('/');
    return i <= 0 ? "/" : hostPath.substring(0, i);
  }

  public static String basename(String hostPath) {
    return hostPath.substring(hostPath.lastIndexOf('/') + 1);
  }
}
