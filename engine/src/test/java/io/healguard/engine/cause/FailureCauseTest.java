package io.healguard.engine.cause;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class FailureCauseTest {
  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', value = {
    "result unknown    | crashed |        |          |      | cause.result must be one of success, exit-code",
    "exit code unknown |         | died   |          |      | cause.exitCode must be one of exited, killed, dumped, but was 'died'",
    "status 256        |         |        | 256      |      | cause.exitStatus must be a number 0-255 or a signal name",
    "status negative   |         |        | -1       |      | cause.exitStatus must be a number 0-255 or a signal name",
    "status word       |         |        | SEGFAULT |      | cause.exitStatus must be a number 0-255 or a signal name",
    "signal unknown    |         |        |          | WINE | cause.signal must be a signal name"})
  void shouldRefuseAFieldSystemdCannotGive(String name, String result, String exitCode, String status, String signal,
      String message) {
    assertThatThrownBy(() -> FailureCause.of("cause", result, exitCode, status, signal, null))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith(message);
  }

  @Test
  void shouldRefuseALogTailThatNoStoreCanKeepAsSent() {
    assertThatThrownBy(() -> FailureCause.of("[2].cause", "exit-code", "exited", "1", null, "Traceback \ud800"))
        .isInstanceOf(InvalidInputException.class).hasMessageStartingWith("[2].cause.logTail");
  }

  @Test
  void shouldNormalizeSignalNamesAndNumbers() {
    FailureCause c = new FailureCause(" exit-code ", "killed", "sigsegv", "SIGABRT", null);

    assertThat(c).extracting(FailureCause::result, FailureCause::exitStatus, FailureCause::signal, FailureCause::statusNumber)
        .containsExactly("exit-code", "SEGV", "ABRT", null);
  }

  @Test
  void shouldTakeASignalNameStatusAsTheSignal() {
    FailureCause c = new FailureCause("signal", "killed", "KILL", null, null);

    assertThat(c.effectiveSignal()).isEqualTo("KILL");
  }

  @Test
  void shouldKeepTheLast8KiBOfALongLogWithoutSplittingACharacter() {
    // 3-byte characters: 8 KiB is not a multiple of 3, so the cut falls inside one
    String log = "first\n" + "€".repeat(4000) + "\nlast";

    FailureCause c = new FailureCause(null, null, null, null, log);

    byte[] kept = c.logTail().getBytes(StandardCharsets.UTF_8);
    assertThat(kept.length).isLessThanOrEqualTo(FailureCause.MAX_LOG_BYTES).isGreaterThan(FailureCause.MAX_LOG_BYTES - 3);
    assertThat(c.logTail()).endsWith("€\nlast").doesNotContain("first").doesNotContain("\uFFFD");
  }

  @Test
  void shouldKeepAShortLogAsItIs() {
    FailureCause c = new FailureCause(null, null, null, null, "ModuleNotFoundError: x");

    assertThat(c.logTail()).isEqualTo("ModuleNotFoundError: x");
  }
}
