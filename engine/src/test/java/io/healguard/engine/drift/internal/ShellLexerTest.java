package io.healguard.engine.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.drift.internal.ShellLexer.Segment;
import io.healguard.engine.drift.internal.ShellLexer.Tok;
import io.healguard.engine.drift.internal.Value.Expansion;
import io.healguard.engine.systemd.Located;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ShellLexerTest {
  /** An expander over fixed variables that records command substitutions. */
  static final class Fixed implements ShellLexer.Expander {
    final Map<String, Value> vars = new HashMap<>();
    final List<String> substitutions = new ArrayList<>();
    String home = "/home/app";

    Fixed with(String name, String value) {
      vars.put(name, Value.of(value, new Located(value, "/etc/app/runtime.env", 3)));
      return this;
    }

    @Override public Value variable(String name) {
      return vars.get(name);
    }

    @Override public String home() {
      return home;
    }

    @Override public void substitution(String command) {
      substitutions.add(command);
    }
  }

  static List<String> texts(Segment s) {
    return s.words().stream().map(Tok::text).toList();
  }

  @Test
  void shouldSplitCommandsAtOperatorsAndKeepWhichOperatorCameBefore() {
    List<Segment> segs = ShellLexer.lex("[ -f /a ] && . /a; cmd || true", new Fixed());

    assertThat(segs).extracting(Segment::before).containsExactly("", "&&", ";", "||");
    assertThat(texts(segs.get(1))).containsExactly(".", "/a");
  }

  @Test
  void shouldGroupQuotedTextAndDropAComment() {
    List<Segment> segs = ShellLexer.lex("echo 'a b' \"c d\" e\\ f # echo /opt/old/bin/python", new Fixed());

    assertThat(texts(segs.get(0))).containsExactly("echo", "a b", "c d", "e f");
  }

  @Test
  void shouldExpandAKnownVariableAndRecordWhereItWasSet() {
    Tok t = ShellLexer.lex("\"$APP_PYTHON\"", new Fixed().with("APP_PYTHON", "/opt/conda/envs/ingest/bin/python3.11")).get(0).words().get(0);

    assertThat(t.text()).isEqualTo("/opt/conda/envs/ingest/bin/python3.11");
    assertThat(t.resolved()).isTrue();
    assertThat(t.expansions()).extracting(Expansion::name).containsExactly("APP_PYTHON");
    assertThat(t.expansions().get(0).value().origin().line()).isEqualTo(3);
  }

  @Test
  void shouldLeaveAWordWithAnUnsetVariableUnresolvedButRecordTheUse() {
    Tok t = ShellLexer.lex("${CONDA_ROOT_PREFIX}/etc/profile.d/conda.sh", new Fixed()).get(0).words().get(0);

    assertThat(t.resolved()).isFalse();
    assertThat(t.expansions()).containsExactly(new Expansion("CONDA_ROOT_PREFIX", null));
  }

  @Test
  void shouldUseADefaultWhenTheVariableIsUnsetOrEmpty() {
    Fixed x = new Fixed().with("EMPTY", "");

    List<Tok> words = ShellLexer.lex("${UNSET:-/opt/conda} ${EMPTY:-/srv/x} ${EMPTY-/kept}", x).get(0).words();

    assertThat(words).extracting(Tok::text).containsExactly("/opt/conda", "/srv/x", "");
  }

  @Test
  void shouldExpandTildeToTheHomeOnlyAtTheStartOfAWord() {
    List<Tok> words = ShellLexer.lex("~/miniforge3 a~b ~", new Fixed()).get(0).words();

    assertThat(words).extracting(Tok::text).containsExactly("/home/app/miniforge3", "a~b", "/home/app");
  }

  @Test
  void shouldLeaveTildeUnresolvedWhenWhoseHomeItIsIsUnknown() {
    Fixed x = new Fixed();
    x.home = null;

    Tok t = ShellLexer.lex("~/miniconda3/bin/conda", x).get(0).words().get(0);

    assertThat(t.resolved()).isFalse();
  }

  @Test
  void shouldHandCommandSubstitutionToTheExpanderAndLeaveItsValueUnknown() {
    Fixed x = new Fixed();

    Tok t = ShellLexer.lex("eval \"$(/opt/conda/bin/conda shell.bash hook)\"", x).get(0).words().get(1);

    assertThat(x.substitutions).containsExactly("/opt/conda/bin/conda shell.bash hook");
    assertThat(t.resolved()).isFalse();
  }

  @Test
  void shouldTreatPositionalParametersAsUnknowableAndALoneDollarAsText() {
    List<Tok> words = ShellLexer.lex("run $1 $ end", new Fixed()).get(0).words();

    assertThat(words).extracting(Tok::resolved).containsExactly(true, false, true, true);
    assertThat(words.get(2).text()).isEqualTo("$");
  }
}
