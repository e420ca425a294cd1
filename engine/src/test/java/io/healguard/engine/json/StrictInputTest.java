package io.healguard.engine.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.healguard.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Durations, instants, JSON documents and text from outside: each bad form is an InvalidInputException naming the field. */
class StrictInputTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      hours past a long              | 999999999999999999999h | at most 36500d
      days past the maximum          | 9999999999999999d      | at most 36500d
      just over the maximum          | 36501d                 | at most 36500d
      sum over the maximum           | 36500d1s               | at most 36500d
      ISO duration over the maximum  | PT999999999H           | at most 36500d
      negative ISO duration          | PT-5M                  | at most 36500d
      not a duration                 | soon                   | such as 30s
      """)
  void shouldRejectDurationsOutOfRangeWithoutOverflow(String name, String text, String rule) {
    assertThatThrownBy(() -> Durations.parse("ttl", text))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("ttl must be").hasMessageContaining(rule);
  }

  @Test
  void shouldKeepTheLenientDurationFormsTheDocsName() {
    assertThat(Durations.parse("ttl", "PT5M")).isEqualTo(Duration.ofMinutes(5));
  }

  @Test
  void shouldAcceptTheLongestDuration() {
    assertThat(Durations.parse("ttl", "36500d")).isEqualTo(Durations.MAX);
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      five-digit year        | +10000-01-01T00:00:00Z
      billionth year         | +1000000000-01-01T00:00:00Z
      negative year          | -0001-01-01T00:00:00Z
      month 13               | 2025-13-01T00:00:00Z
      no zone                | 2025-01-01T00:00:00
      date only              | 2025-01-01
      """)
  void shouldRejectInstantsThatAreNotRfc3339(String name, String text) {
    assertThatThrownBy(() -> Instants.parse("observedAt", text))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("observedAt must be an RFC 3339 instant");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      UTC                    | 2025-01-31T12:00:00Z      | 2025-01-31T12:00:00Z
      offset                 | 2025-01-31T13:00:00+01:00 | 2025-01-31T12:00:00Z
      fraction, lower case t | 2025-01-31t12:00:00.5z    | 2025-01-31T12:00:00.500Z
      year 0000              | 0000-01-01T00:00:00Z      | 0000-01-01T00:00:00Z
      year 9999              | 9999-12-31T23:59:59Z      | 9999-12-31T23:59:59Z
      """)
  void shouldAcceptRfc3339Instants(String name, String text, String expected) {
    assertThat(Instants.parse("observedAt", text)).isEqualTo(Instant.parse(expected));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      two documents     | {"a":1} {"a":2}
      trailing garbage  | {"a":1}xyz
      duplicate key     | {"a":1,"a":2}
      too deep          | [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]
      """)
  void shouldRejectABodyThatIsNotOneStrictDocument(String name, String body) {
    assertThatThrownBy(() -> Json.strictTree(body.getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(JsonProcessingException.class);
  }

  @Test
  void shouldRejectALoneSurrogate() {
    assertThatThrownBy(() -> Text.requireScalarValues("detail", "ok\ud800"))
        .isInstanceOf(InvalidInputException.class).hasMessageContaining("detail must be valid Unicode text");
  }

  @Test
  void shouldAcceptAPairedSurrogate() {
    assertThat(Text.requireScalarValues("detail", "rocket \ud83d\ude80")).isEqualTo("rocket \ud83d\ude80");
  }

  @Test
  void shouldNeverCutAPairWhenTruncating() {
    String cut = Text.truncate("ab\ud83d\ude80", 3);

    assertThat(cut).isEqualTo("ab");
  }
}
