package io.healguard.engine.rules;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

/**
 * A policy's table files as one zip, the form replicas share them in through the store's
 * policy registry. Only flat table file names are accepted on the way in: the bytes come from
 * a database another process wrote, so a path such as {@code ../x} or an oversized entry is
 * refused instead of written to disk.
 */
public final class PolicyBundle {
  /** Far above any real tables directory (the bundled one is ~20 KiB), far below a memory problem. */
  static final long MAX_BYTES = 64L * 1024 * 1024;
  static final int MAX_FILES = 200;

  private PolicyBundle() {}

  /** The snapshot's table files, exactly as compiled, zipped in name order. */
  public static byte[] zip(PolicySnapshot p) {
    return zip(p.files());
  }

  static byte[] zip(Map<String, byte[]> files) {
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    try (ZipOutputStream z = new ZipOutputStream(buf)) {
      for (Map.Entry<String, byte[]> f : new TreeMap<>(files).entrySet()) {
        z.putNextEntry(new ZipEntry(f.getKey()));
        z.write(f.getValue());
        z.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("zip policy tables: " + e.getMessage(), e);
    }
    return buf.toByteArray();
  }

  /**
   * The table files of a zip made by {@link #zip}, by name.
   *
   * @throws PolicyRejectedException when the zip is unreadable, empty, too large or holds
   *     anything but flat table file names
   */
  public static Map<String, byte[]> unzip(String what, byte[] zip) {
    if (zip == null || zip.length == 0) {
      throw reject(what, "carries no tables");
    }
    Map<String, byte[]> out = new TreeMap<>();
    long total = 0;
    try (ZipInputStream z = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = z.getNextEntry()) != null; ) {
        String name = e.getName();
        if (e.isDirectory() || !plainTableName(name)) {
          throw reject(what, "holds " + name + ": only table files (.xlsx, .xls, .csv) without a directory are allowed");
        }
        if (out.size() >= MAX_FILES) {
          throw reject(what, "holds more than " + MAX_FILES + " files");
        }
        byte[] bytes = z.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, MAX_BYTES - total + 1));
        total += bytes.length;
        if (total > MAX_BYTES) {
          throw reject(what, "holds more than " + MAX_BYTES / (1024 * 1024) + " MiB of tables");
        }
        if (out.put(name, bytes) != null) {
          throw reject(what, "holds " + name + " twice");
        }
      }
    } catch (IOException e) {
      throw reject(what, "is not a readable zip: " + e.getMessage());
    }
    if (out.isEmpty()) {
      throw reject(what, "carries no tables");
    }
    return out;
  }

  private static boolean plainTableName(String name) {
    if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.startsWith(".") || name.startsWith("~$")) {
      return false;
    }
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".xlsx") || n.endsWith(".xls") || n.endsWith(".csv");
  }

  private static PolicyRejectedException reject(String what, String problem) {
    return new PolicyRejectedException(what, java.util.List.of(new PolicyProblem(null, null, null, null, what + " " + problem)));
  }
}
