package io.healguard.api.exec;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Real child processes: scripts written to a temp dir. */
class RestartExecutorTest {
  @TempDir Path dir;

  private Path script(String body) throws Exception {
    Path s = dir.resolve("s.sh");
    Files.writeString(s, "#!/bin/sh\n" + body);
    Files.setPosixFilePermissions(s, PosixFilePermissions.fromString("rwx------"));
    return s;
  }

  private RestartExecutor executor(Path script, Duration timeout) {
    return new RestartExecutor(ExecutorMode.COMMAND, List.of(script.toString(), "--unit", "{unit}"), timeout, Clock.systemUTC());
  }

  @Test
  void shouldPassTheUnitAsOneArgumentWithoutAShell() throws Exception {
    Path out = dir.resolve("argv");
    Path s = script("for a in \"$@\"; do printf '%s\\n' \"$a\" >> " + out + "; done\n");

    ExecutionOutcome o = executor(s, Duration.ofSeconds(10)).run("a;touch${IFS}pwned@x.service");

    assertThat(o.exitCode()).isZero();
    assertThat(Files.readAllLines(out)).containsExactly("--unit", "a;touch${IFS}pwned@x.service");
    assertThat(dir.resolve("pwned")).doesNotExist();
  }

  @Test
  void shouldKeepOnlyTheLast2KiBOfStderrAndTheExitCode() throws Exception {
    Path s = script("i=0; while [ $i -lt 500 ]; do echo \"line $i of noise\" >&2; i=$((i+1)); done; echo LAST >&2; exit 3\n");

    ExecutionOutcome o = executor(s, Duration.ofSeconds(10)).run("b.service");

    assertThat(o.exitCode()).isEqualTo(3);
    assertThat(o.result()).isEqualTo("EXITED_3");
    assertThat(o.stderrTail().getBytes()).hasSizeLessThanOrEqualTo(RestartExecutor.STDERR_TAIL_BYTES);
    assertThat(o.stderrTail()).endsWith("LAST\n");
  }

  @Test
  void shouldKillTheWholeProcessTreeOnTimeout() throws Exception {
    Path pidFile = dir.resolve("child.pid");
    Path s = script("sleep 300 &\necho $! > " + pidFile + "\nwait\n");

    ExecutionOutcome o = executor(s, Duration.ofSeconds(1)).run("c.service");

    assertThat(o.timedOut()).isTrue();
    assertThat(o.result()).isEqualTo("TIMED_OUT");
    long child = Long.parseLong(Files.readString(pidFile).trim());
    // killed, then reaped by init: gone or at most a zombie on its way out
    assertThat(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false)
        && !Files.readString(Path.of("/proc/" + child + "/stat")).contains(") Z")).isFalse();
  }

  @Test
  void shouldReportACommandThatCannotStart() {
    ExecutionOutcome o = executor(dir.resolve("missing"), Duration.ofSeconds(1)).run("d.service");

    assertThat(o.result()).isEqualTo("NOT_STARTED");
    assertThat(o.error()).isNotBlank();
  }

  @Test
  void shouldBuildSystemctlArgvWithEndOfOptions() {
    RestartExecutor e = new RestartExecutor(ExecutorMode.SYSTEMCTL, List.of(), Duration.ofSeconds(1), Clock.systemUTC());

    assertThat(e.argv("-h.service")).containsExactly("systemctl", "restart", "--", "-h.service");
  }
}
