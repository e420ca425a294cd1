package io.healguard.api.auth;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * The admin token made when no token is configured: kept in {@code <data dir>/admin.token}, mode
 * 0600, and reused on restart so a watchdog configured with it keeps working. Only the path is
 * ever logged.
 */
public final class AdminTokenFile {
  public static final String FILE_NAME = "admin.token";
  public static final String TOKEN_NAME = "admin";

  private AdminTokenFile() {}

  public static ApiToken ensure(Path dataDir) {
    Path file = dataDir.resolve(FILE_NAME);
    try {
      Files.createDirectories(dataDir);
      if (!Files.exists(file)) {
        byte[] raw = new byte[32];
        new SecureRandom().nextBytes(raw);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(raw);
        try {
          // created with 0600 from the start: never readable by others, not even briefly
          Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
          Files.writeString(file, token + "\n", StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
        } catch (FileAlreadyExistsException raced) {
          // another start won the race; read what it wrote
        }
      }
      String token = Files.readString(file, StandardCharsets.UTF_8).trim();
      if (token.isEmpty()) {
        throw new IllegalStateException(file + " is empty; delete it to have a new admin token made");
      }
      return new ApiToken(TOKEN_NAME, Role.ADMIN, ApiToken.digest(token));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot make or read the admin token " + file, e);
    }
  }
}
