package io.healguard.engine.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** systemd.service(5), "Command lines". */
class ExecLineTest {
  static final Map<String, String> ENV = Map.of("OPTS", "--a  --b", "DIR", "/srv/x y", "ONE", "1");

  static ExecLine parse(String line) {
    return ExecLine.parse(line, ENV::get);
  }

  @Test
  void shouldSplitPrefixesFromTheProgram() {
    ExecLine l = parse("-+/opt/conda/envs/ingest/bin/python3.11 -m app");

    assertThat(l.prefixes()).isEqualTo("-+");
    assertThat(l.program()).isEqualTo("/opt/conda/envs/ingest/bin/python3.11");
    assertThat(l.argv()).containsExactly("/opt/conda/envs/ingest/bin/python3.11", "-m", "app");
  }

  @Test
  void shouldStartArgvAtTheDisplayNameWithTheAtPrefix() {
    ExecLine l = parse("@/usr/bin/python3 ingest-api -m app");

    assertThat(l.program()).isEqualTo("/usr/bin/python3");
    assertThat(l.argv()).containsExactly("ingest-api", "-m", "app");
    assertThat(l.args()).containsExactly("-m", "app");
  }

  @Test
  void shouldSplitABareVariableAtWhitespaceAndKeepABracedOneWhole() {
    ExecLine l = parse("/bin/app $OPTS ${DIR} --n=${ONE} $$HOME $UNSET");

    assertThat(l.args()).containsExactly("--a", "--b", "/srv/x y", "--n=1", "$HOME");
    assertThat(l.argv()).containsExactly("/bin/app", "$OPTS", "${DIR}", "--n=${ONE}", "$$HOME", "$UNSET");
  }

  @Test
  void shouldNotExpandWithTheColonPrefix() {
    assertThat(parse(":/bin/kill -HUP $MAINPID").args()).containsExactly("-HUP", "$MAINPID");
  }

  @Test
  void shouldGroupQuotedWordsAndReadBackslashEscapes() {
    assertThat(parse("/bin/sh -c 'exec \"$X\" a'  b\\ c").args()).containsExactly("-c", "exec \"$X\" a", "b c");
  }

  @Test
  void shouldKeepTheRawArgumentsForRendering() {
    ExecLine.Split s = ExecLine.split("!!/opt/x/bin/celery -A %i purge");

    assertThat(s.prefixes()).isEqualTo("!!");
    assertThat(s.rawProgram()).isEqualTo("/opt/x/bin/celery");
    assertThat(s.rawArgs()).isEqualTo(" -A %i purge");
  }
}
