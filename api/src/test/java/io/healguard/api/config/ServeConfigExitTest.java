package io.healguard.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.cli.HealguardCommand;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ServeConfigExitTest {
  @TempDir Path dir;

  @Test
  void shouldExitWithCode2AndOneLineNamingTheKeyWhenTheConfigIsBad() throws Exception {
    Path cfg = dir.resolve("bad.yaml");
    Files.writeString(cfg, "http:\n  port: 70000\n");
    StringWriter err = new StringWriter();
    var cl = HealguardCommand.commandLine();
    cl.setErr(new PrintWriter(err));

    int code = cl.execute("serve", "--config", cfg.toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString().strip().lines()).singleElement().asString()
        .isEqualTo("healguard: http.port must be a whole number between 1 and 65535, but was '70000'");
  }

  @Test
  void shouldExitWithCode2WhenTheConfigFileIsMissing() {
    StringWriter err = new StringWriter();
    var cl = HealguardCommand.commandLine();
    cl.setErr(new PrintWriter(err));

    int code = cl.execute("serve", "--config", dir.resolve("nope.yaml").toString());

    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("--config must be a readable YAML file");
  }
}
