package io.healguard.engine.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.drift.internal.ScriptLines.Line;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScriptLinesTest {
  @Test
  void shouldJoinABackslashContinuationAndKeepTheLineItStartsOn() {
    List<Line> lines = ScriptLines.of(List.of("#!/bin/bash", "python \\", "  -m app", "done"));

    assertThat(lines).containsExactly(new Line(1, "#!/bin/bash"), new Line(2, "python    -m app"), new Line(4, "done"));
  }

  @Test
  void shouldSkipAHeredocBody() {
    List<Line> lines = ScriptLines.of(List.of("python - <<'PY'", "import sys  # /opt/old/bin/python3.10", "PY", "next"));

    assertThat(lines).extracting(Line::number).containsExactly(1, 4);
  }

  @Test
  void shouldNotJoinACommentLineEndingInABackslash() {
    List<Line> lines = ScriptLines.of(List.of("# comment \\", "run"));

    assertThat(lines).extracting(Line::text).containsExactly("# comment \\", "run");
  }
}
