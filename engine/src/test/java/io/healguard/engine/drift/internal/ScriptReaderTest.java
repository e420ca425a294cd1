package io.healguard.engine.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How a script's commands are found and judged (docs/runtime-contract.md, "conda/bash"). */
class ScriptReaderTest {
  @TempDir Path tmp;
  TestHost host;

  @BeforeEach
  void host() {
    host = new TestHost(tmp).file("/etc/app/runtime.env", "APP_PYTHON=/opt/conda/envs/ingest/bin/python3.11\n");
  }

  @Test
  void shouldJudgeAContractVariableOnlyWhereACommandUsesIt() {
    assertThat(host.script("echo \"using $APP_PYTHON\"\n\"$APP_PYTHON\" -m app")).containsExactly("2 interpreter-mismatch error");
  }

  @Test
  void shouldFollowAnUnsetContractVariableThroughAnAssignment() {
    assertThat(host.script("PY=$APP_PYTHON\n\"$PY\" -m app")).containsExactly("2 interpreter-mismatch error");
  }

  @Test
  void shouldResolveARelativeInterpreterAgainstTheCurrentDirectory() {
    assertThat(host.script("cd /srv/ingest\n./.venv/bin/python -m app")).containsExactly("2 interpreter-mismatch error");
  }

  @Test
  void shouldWarnAboutARelativeInterpreterWhenTheDirectoryIsUnknown() {
    assertThat(host.script("./.venv/bin/python -m app")).containsExactly("1 interpreter-mismatch warning");
  }

  @Test
  void shouldFindABarePythonThroughThePathTheScriptSet() {
    host.file("/usr/bin/python3", "");

    assertThat(host.script("python3 -m a\nexport PATH=/opt/conda/envs/ingest/bin:$PATH\npython3 -m b"))
        .containsExactly("1 interpreter-mismatch error");
  }

  @Test
  void shouldReportABarePythonThatIsOnNoDirectoryOfPath() {
    assertThat(host.script("python -m app")).containsExactly("1 interpreter-mismatch error");
  }

  @Test
  void shouldJudgeOnlyTheEntriesAPathAssignmentAdds() {
    assertThat(host.script("export PATH=/opt/conda/envs/old/bin:$PATH\nexport PATH=/opt/conda/bin:$PATH"))
        .containsExactly("1 env-prefix-mismatch error");
  }

  @Test
  void shouldWarnAboutAContractVariableAScriptSetsButNeverExpands() {
    assertThat(host.script("export APP_PYTHON=/usr/bin/python3")).containsExactly("1 interpreter-mismatch warning");
  }

  @Test
  void shouldUseTheRunningUnitsEnvironment() {
    assertThat(host.script("\"$APP_PYTHON\" -m app", "/srv/ingest",
        Map.of("APP_PYTHON", "/opt/conda/envs/ingest-2023/bin/python3.10"))).containsExactly("1 interpreter-mismatch error");
  }
}
