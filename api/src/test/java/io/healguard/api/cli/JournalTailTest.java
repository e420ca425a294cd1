package io.healguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class JournalTailTest {
  @Test
  void shouldKeepAShortLogWhole() {
    String tail = JournalTail.tail("a\nb\n\n");

    assertThat(tail).isEqualTo("a\nb");
  }

  @Test
  void shouldCutALongLogFromTheFrontAtALineStart() {
    StringBuilder log = new StringBuilder();
    for (int i = 1; i <= 1000; i++) {
      log.append("line ").append(i).append('\n');
    }

    String tail = JournalTail.tail(log.toString());

    assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(JournalTail.MAX_BYTES);
    assertThat(tail).endsWith("line 1000").doesNotStartWith("ine").startsWith("line ");
    assertThat(tail.lines().count()).isGreaterThan(700);
  }

  @Test
  void shouldNotSplitACharacterWhenOneLongLineIsCut() {
    String log = "é".repeat(6000); // 12000 bytes, no line end

    String tail = JournalTail.tail(log);

    assertThat(tail).matches("é+");
    assertThat(tail.getBytes(StandardCharsets.UTF_8).length).isEqualTo(JournalTail.MAX_BYTES);
  }
}
