package io.healguard.api.config;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.json.Durations;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BiFunction;
import java.util.function.Function;

/**
 * The scalar value types keys are declared with: text, whole numbers, durations, choices and
 * paths. Every path type resolves a relative path against the directory it is given (the
 * configuration file's), so a file works from any working directory.
 */
public final class ValueTypes {
  private ValueTypes() {}

  /** A non-blank string, trimmed. */
  public static ValueType<String> text(String rule) {
    return (key, raw, base) -> nonBlank(key, raw, rule);
  }

  /** A whole number between {@code min} and {@code max}. */
  public static ValueType<Integer> integer(int min, int max) {
    return (key, raw, base) -> {
      String rule = "a whole number between " + min + " and " + max;
      long n;
      if (raw instanceof Number num && !(raw instanceof Double || raw instanceof Float)) {
        n = num.longValue();
      } else {
        try {
          n = Long.parseLong(String.valueOf(raw).trim());
        } catch (NumberFormatException e) {
          throw InvalidInputException.field(key, String.valueOf(raw), rule);
        }
      }
      if (n < min || n > max) {
        throw InvalidInputException.field(key, String.valueOf(raw), rule);
      }
      return (int) n;
    };
  }

  /** A duration between {@code min} and {@code max} ({@code 0} is zero). */
  public static ValueType<Duration> duration(Duration min, Duration max) {
    return new ValueType<>() {
      @Override
      public Duration parse(String key, Object raw, Path base) {
        String text = raw == null ? null : String.valueOf(raw).trim();
        Duration d = "0".equals(text) ? Duration.ZERO : Durations.parse(key, text);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
          throw InvalidInputException.field(key, text,
              "a duration between " + Durations.format(min) + " and " + Durations.format(max));
        }
        return d;
      }

      @Override
      public Object show(Duration value) {
        return Durations.format(value);
      }
    };
  }

  /** {@code 0} (off, {@link Duration#ZERO}) or a duration between {@code min} and {@code max}. */
  public static ValueType<Duration> zeroOrDuration(String zeroMeans, Duration min, Duration max) {
    return new ValueType<>() {
      @Override
      public Duration parse(String key, Object raw, Path base) {
        String text = raw == null ? null : String.valueOf(raw).trim();
        if ("0".equals(text)) {
          return Duration.ZERO;
        }
        Duration d = Durations.parse(key, text);
        if (d.compareTo(min) < 0 || d.compareTo(max) > 0) {
          throw InvalidInputException.field(key, text, "0 (" + zeroMeans + ") or a duration between "
              + Durations.format(min) + " and " + Durations.format(max));
        }
        return d;
      }

      @Override
      public Object show(Duration value) {
        return value.isZero() ? "0" : Durations.format(value);
      }
    };
  }

  /** A choice parsed by {@code parse(key, text)} (which names the choices), shown as {@code label}. */
  public static <T> ValueType<T> choice(BiFunction<String, String, T> parse, Function<T, String> label) {
    return new ValueType<>() {
      @Override
      public T parse(String key, Object raw, Path base) {
        return parse.apply(key, raw == null ? null : String.valueOf(raw));
      }

      @Override
      public Object show(T value) {
        return label.apply(value);
      }
    };
  }

  /** A directory path that need not exist yet (the service creates it). */
  public static ValueType<Path> directoryToCreate(String rule) {
    return path((key, raw, p) -> p, rule, false);
  }

  /** An existing directory; {@code optional}: empty means null (off). */
  public static ValueType<Path> existingDirectory(String rule, boolean optional) {
    return path((key, raw, p) -> {
      if (!Files.isDirectory(p)) {
        throw InvalidInputException.field(key, String.valueOf(raw), rule + " (no directory at " + p.toAbsolutePath() + ")");
      }
      return p;
    }, rule, optional);
  }

  /** An existing regular file; {@code optional}: empty means null (off). */
  public static ValueType<Path> existingFile(String rule, boolean optional) {
    return path((key, raw, p) -> {
      if (!Files.isRegularFile(p)) {
        throw InvalidInputException.field(key, String.valueOf(raw), rule + " (no file at " + p.toAbsolutePath() + ")");
      }
      return p;
    }, rule, optional);
  }

  private interface PathCheck {
    Path check(String key, Object raw, Path resolved);
  }

  private static ValueType<Path> path(PathCheck check, String rule, boolean optional) {
    return new ValueType<>() {
      @Override
      public Path parse(String key, Object raw, Path base) {
        if (optional && (raw == null || String.valueOf(raw).isBlank())) {
          return null;
        }
        return check.check(key, raw, resolve(base, nonBlank(key, raw, rule)));
      }

      @Override
      public Object show(Path value) {
        return value == null ? "" : value.toString();
      }
    };
  }

  /** {@code text} as a path; relative to {@code base} when it is relative and base is given. */
  static Path resolve(Path base, String text) {
    Path p = Path.of(text);
    return base == null || p.isAbsolute() ? p : base.resolve(p).normalize();
  }

  static String nonBlank(String key, Object raw, String rule) {
    if (!(raw instanceof String || raw instanceof Number) || String.valueOf(raw).isBlank()) {
      throw InvalidInputException.field(key, raw == null ? null : String.valueOf(raw), rule);
    }
    return String.valueOf(raw).trim();
  }
}
