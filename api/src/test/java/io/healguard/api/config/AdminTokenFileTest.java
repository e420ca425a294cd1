package io.healguard.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.auth.AdminTokenFile;
import io.healguard.api.auth.ApiToken;
import io.healguard.api.auth.Role;
import io.healguard.api.auth.Tokens;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AdminTokenFileTest {
  @TempDir Path dir;

  @Test
  void shouldWriteAnAdminTokenWithMode0600AndReuseItOnRestart() throws Exception {
    ApiToken first = AdminTokenFile.ensure(dir);

    ApiToken second = AdminTokenFile.ensure(dir);

    Path file = dir.resolve("admin.token");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------");
    assertThat(second.sha256()).isEqualTo(first.sha256());
    assertThat(first.role()).isEqualTo(Role.ADMIN);
    assertThat(new Tokens(List.of(first)).authenticate(Files.readString(file).trim())).contains(first);
  }
}
