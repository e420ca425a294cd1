package io.healguard.engine.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which installation and environment conda's commands select, and what runs in them. */
class CondaCommandsTest {
  @TempDir Path tmp;
  TestHost host;

  @BeforeEach
  void host() {
    host = new TestHost(tmp);
  }

  @Test
  void shouldAcceptTheContractsInstallationAndEnvironment() {
    assertThat(host.script("source /opt/conda/etc/profile.d/conda.sh\nconda activate ingest\npython -m app")).isEmpty();
  }

  @Test
  void shouldJudgeTheInstallationAShellHookSelectsAndWhatRunsUnderIt() {
    assertThat(host.script("eval \"$(/opt/miniconda-old/bin/conda shell.bash hook)\"\nconda activate ingest\npython -m app"))
        .containsExactly("1 env-prefix-mismatch error", "3 interpreter-mismatch error");
  }

  @Test
  void shouldTakeHomeAsTheHomeOfTheUserTheScriptRunsAs() {
    assertThat(host.script("source ~/miniconda3/etc/profile.d/conda.sh")).containsExactly("1 env-prefix-mismatch error");
  }

  @Test
  void shouldJudgeAnEnvironmentByNameAndItsPythonByVersion() {
    assertThat(host.script("conda activate app-dev\nconda run -n ingest python3.10 -m smoke\nconda run -n ingest python -m ok"))
        .containsExactly("1 env-name-mismatch error", "2 interpreter-mismatch error");
  }

  @Test
  void shouldJudgeAnEnvironmentByPrefixAndTheProgramRunInIt() {
    assertThat(host.script("mamba run -p /opt/conda/envs/dev python -m x"))
        .containsExactly("1 env-prefix-mismatch error", "1 interpreter-mismatch error");
  }

  @Test
  void shouldJudgeMicromambasRootPrefixOptionAndVariableAndRunUnderThatRoot() {
    // -r wins over MAMBA_ROOT_PREFIX, and "-n ingest" then names /opt/micromamba/envs/ingest
    assertThat(host.script("export MAMBA_ROOT_PREFIX=/opt/mamba\nmicromamba -r /opt/micromamba run -n ingest python -m x"))
        .containsExactly("1 env-prefix-mismatch error", "2 env-prefix-mismatch error", "2 interpreter-mismatch error");
  }

  @Test
  void shouldResolveARelativeActivateScriptAgainstTheCurrentDirectory() {
    assertThat(host.script("cd /opt/conda\nsource envs/ingest/bin/activate\npython -m app")).isEmpty();
  }

  @Test
  void shouldReadSourceActivateWithANameAsTheInstallationsActivate() {
    assertThat(host.script("source /opt/conda/bin/activate ingest-2023"))
        .containsExactly("1 env-name-mismatch error");
  }
}
