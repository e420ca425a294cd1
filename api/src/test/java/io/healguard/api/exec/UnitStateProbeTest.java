package io.healguard.api.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The probe outside systemctl mode; in systemctl mode a real stand-in answers it (RecheckFromSystemdTest). */
class UnitStateProbeTest {
  @Test
  void shouldAskNothingOutsideSystemctlMode() {
    try (UnitStateProbe probe = new UnitStateProbe(ExecutorMode.COMMAND, Duration.ofSeconds(1))) {
      UnitActivity a = probe.probe("api.service");

      assertThat(probe.supported()).isFalse();
      assertThat(a.failed()).isFalse();
      assertThat(a.error()).isEqualTo("executor.mode command does not ask systemd");
    }
  }

  @Test
  void shouldEndOptionsBeforeTheUnitName() {
    try (UnitStateProbe probe = new UnitStateProbe(ExecutorMode.SYSTEMCTL, Duration.ofSeconds(1))) {
      assertThat(probe.argv("--force.service")).containsExactly("systemctl", "show", "-p", "ActiveState,SubState", "--",
          "--force.service");
    }
  }
}
