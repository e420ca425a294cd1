package io.healguard.engine.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What {@code source FILE} does to the shell that runs it. */
class SourceCommandTest {
  @TempDir Path tmp;
  TestHost host;

  @BeforeEach
  void host() {
    host = new TestHost(tmp).file("/etc/app/runtime.env", "APP_PYTHON=/opt/conda/envs/ingest/bin/python3.11\n");
  }

  @Test
  void shouldTakeTheContractVariablesFromTheSourcedEnvFile() {
    assertThat(host.script(". /etc/app/runtime.env\n\"$APP_PYTHON\" -m app")).isEmpty();
  }

  @Test
  void shouldReportASourcedEnvFileThatIsMissingAsAnErrorAndAsAWarningWhenGuarded() {
    TestHost bare = new TestHost(tmp.resolve("bare"));

    assertThat(bare.script("source /etc/app/runtime.env\n[ -f /etc/app/runtime.env ] && . /etc/app/runtime.env"))
        .containsExactly("1 env-file-missing error", "2 env-file-missing warning");
  }

  @Test
  void shouldReadASourcedScriptInTheSameShellAtItsOwnLines() {
    host.file("/opt/app/scripts/common.sh", "#!/bin/bash\nsource /opt/other/etc/profile.d/conda.sh\n");

    assertThat(host.script(". /opt/app/scripts/common.sh")).containsExactly("2 env-prefix-mismatch error");
  }

  @Test
  void shouldSelectTheInstallationOfTheCondaShSourced() {
    assertThat(host.script("source /opt/conda/etc/profile.d/conda.sh\nsource /opt/other/etc/profile.d/mamba.sh"))
        .containsExactly("2 env-prefix-mismatch error");
  }
}
