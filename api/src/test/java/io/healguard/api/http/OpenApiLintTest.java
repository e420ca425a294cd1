package io.healguard.api.http;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.AlertmanagerProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * {@code openapi.yaml} as client generators read it: Redocly's linter ({@code @redocly/cli},
 * pinned, fetched by npx) finds no error. Skipped without npx (Node.js); CI has it.
 */
class OpenApiLintTest {
  static final String REDOCLY = "@redocly/cli@2.77.0";

  @Test
  void shouldPassRedoclyLintWithoutAnError() throws Exception {
    Path npx = AlertmanagerProcess.onPath("npx");
    Assumptions.assumeTrue(npx != null, "npx (Node.js) is not installed: redocly lint skipped");
    Path spec = Path.of(System.getProperty("healguard.repo.root"), "api/src/main/resources/openapi.yaml");

    Process p = new ProcessBuilder(npx.toString(), "-y", REDOCLY, "lint", "--format=stylish", spec.toString())
        .redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();

    // redocly exits 1 on any error; warnings (no license: none is chosen) leave it at 0
    assertThat(p.exitValue()).as("redocly lint said:\n%s", out).isZero();
  }
}
