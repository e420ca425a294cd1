package io.healguard.engine.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.drift.internal.CommandReader.SimpleCommand;
import io.healguard.engine.drift.internal.ShellLexer.Tok;
import java.util.List;
import org.junit.jupiter.api.Test;

class CommandReaderTest {
  static SimpleCommand read(String line) {
    return CommandReader.read(ShellLexer.lex(line, new ShellLexerTest.Fixed()).get(0).words());
  }

  @Test
  void shouldFindTheProgramBehindWrappersAndTheirOptions() {
    SimpleCommand c = read("sudo -u app env -u LANG PYTHONPATH=/srv nohup nice -n 5 timeout -s KILL 30 /usr/bin/python3 -m app");

    assertThat(c.program().text()).isEqualTo("/usr/bin/python3");
    assertThat(c.args()).extracting(Tok::text).containsExactly("-m", "app");
    assertThat(c.assignments()).extracting(Tok::text).containsExactly("PYTHONPATH=/srv");
    assertThat(c.persistent()).isFalse();
  }

  @Test
  void shouldKeepABareAssignmentInTheShell() {
    SimpleCommand c = read("APP=/srv/ingest");

    assertThat(c.program()).isNull();
    assertThat(c.persistent()).isTrue();
  }

  @Test
  void shouldReadADeclarationsAssignmentsAndNothingElse() {
    SimpleCommand c = read("export -n PATH=/opt/conda/envs/ingest/bin:/usr/bin HOME");

    assertThat(c.program()).isNull();
    assertThat(c.assignments()).extracting(Tok::text).containsExactly("PATH=/opt/conda/envs/ingest/bin:/usr/bin");
  }

  @Test
  void shouldTreatAnAssignmentBeforeAProgramAsThatProgramsOnly() {
    SimpleCommand c = read("then LOG=1 exec python -m app");

    assertThat(c.program().text()).isEqualTo("python");
    assertThat(c.assignments()).extracting(Tok::text).containsExactly("LOG=1");
    assertThat(c.persistent()).isFalse();
  }

  @Test
  void shouldRecogniseAWrapperByItsFullPath() {
    SimpleCommand c = read("/usr/bin/env python3 app.py");

    assertThat(c.program().text()).isEqualTo("python3");
    assertThat(c.args()).extracting(Tok::text).isEqualTo(List.of("app.py"));
  }
}
