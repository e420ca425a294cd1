package io.healguard.api.auth;

import io.healguard.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/** A configured token: who it is (name), what it may do (role) and the sha-256 of its secret. */
public record ApiToken(String name, Role role, byte[] sha256) {
  private static final Pattern HASH = Pattern.compile("sha256:[0-9a-fA-F]{64}");

  public ApiToken {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(role, "role");
    if (sha256 == null || sha256.length != 32) {
      throw new IllegalArgumentException("sha256 must be 32 bytes");
    }
  }

  /** Parses {@code sha256:<hex>}; the error never repeats the value, which may be a pasted secret. */
  public static byte[] parseHash(String field, Object value) {
    String s = value == null ? "" : String.valueOf(value).trim();
    if (!HASH.matcher(s).matches()) {
      throw InvalidInputException.field(field, "<masked, " + s.length() + " characters>",
          "sha256:<64 hex digits> (the sha-256 of the token, e.g. printf %s TOKEN | sha256sum)");
    }
    return HexFormat.of().parseHex(s.substring("sha256:".length()).toLowerCase());
  }

  public static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }

  public static String hashText(String token) {
    return "sha256:" + HexFormat.of().formatHex(digest(token));
  }

  @Override
  public String toString() {
    return "ApiToken[" + name + ", " + role.label() + ", sha256:****]";
  }
}
