package io.healguard.engine.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** systemd.unit(5), "Specifiers", for the system manager. */
class SpecifiersTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
      "%i | queue-a",
      "%I | queue/a",
      "%n | ingest-worker@queue-a.service",
      "%N | ingest-worker@queue-a",
      "%p | ingest-worker",
      "%j | worker",
      "%h | /root",
      "%u | root",
      "%% | %",
      "%E/app | /etc/app"})
  void shouldExpandASpecifier(String text, String expected) {
    assertThat(Specifiers.expand(text, "ingest-worker@queue-a.service")).isEqualTo(expected);
  }

  @Test
  void shouldLeaveAnUnknownSpecifierAsWritten() {
    assertThat(Specifiers.expand("%Z", "a.service")).isEqualTo("%Z");
  }
}
