package io.healguard.engine.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Merging a fragment and its drop-ins the way systemd 252 does (checked against systemd-analyze in SystemdAgreementTest). */
class EffectiveUnitTest {
  @TempDir Path tmp;

  EffectiveUnit unit(String fragment, String dropIn) throws IOException {
    write("/etc/systemd/system/a.service", fragment);
    if (dropIn != null) {
      write("/etc/systemd/system/a.service.d/override.conf", dropIn);
    }
    return new UnitLocator(new HostFs(tmp)).load("a.service").orElseThrow();
  }

  void write(String hostPath, String content) throws IOException {
    Path p = tmp.resolve(hostPath.substring(1));
    Files.createDirectories(p.getParent());
    Files.writeString(p, content);
  }

  @Test
  void shouldResetAListWithAnEmptyAssignment() throws Exception {
    EffectiveUnit u = unit("[Service]\nExecStart=/old -a\n", "[Service]\nExecStart=\nExecStart=/new -b\n");

    assertThat(u.exec().get("ExecStart")).extracting(Located::value).containsExactly("/new -b");
    assertThat(u.exec().get("ExecStart").get(0).file()).isEqualTo("/etc/systemd/system/a.service.d/override.conf");
  }

  @Test
  void shouldRefuseAUnitWhoseOwnFileHasARelativeWorkingDirectory() throws Exception {
    EffectiveUnit u = unit("[Service]\nWorkingDirectory=srv/x\nExecStart=/bin/true\n", null);

    assertThat(u.refused()).isTrue();
    assertThat(u.workingDirectory()).isEmpty();
  }

  @Test
  void shouldIgnoreARelativeWorkingDirectoryInADropInAndKeepTheEarlierOne() throws Exception {
    EffectiveUnit u = unit("[Service]\nWorkingDirectory=/srv/x\nExecStart=/bin/true\n", "[Service]\nWorkingDirectory=srv/y\n");

    assertThat(u.refused()).isFalse();
    assertThat(u.workingDirectory()).map(Located::value).contains("/srv/x");
    assertThat(u.skipped()).extracting(EffectiveUnit.Skipped::key).containsExactly("WorkingDirectory");
  }

  @Test
  void shouldIgnoreARelativeWorkingDirectoryWithADash() throws Exception {
    EffectiveUnit u = unit("[Service]\nWorkingDirectory=-srv/x\nExecStart=/bin/true\n", null);

    assertThat(u.refused()).isFalse();
    assertThat(u.workingDirectory()).isEmpty();
  }

  @Test
  void shouldSkipARelativeProgramAndRefuseTheUnitWhenItIsInTheUnitFile() throws Exception {
    EffectiveUnit u = unit("[Service]\nExecStart=/bin/true\nExecStartPre=./migrate.sh\n", "[Service]\nExecStartPost=-./warm.sh\n");

    assertThat(u.refused()).isTrue();
    assertThat(u.exec().get("ExecStartPre")).isEmpty();
    assertThat(u.skipped()).extracting(EffectiveUnit.Skipped::fatal).containsExactly(true, false);
  }

  @Test
  void shouldKeepATildeWorkingDirectoryAndThePlainNameProgram() throws Exception {
    EffectiveUnit u = unit("[Service]\nWorkingDirectory=~\nExecStart=python3 -m app\n", null);

    assertThat(u.workingDirectory()).map(Located::value).contains("~");
    assertThat(u.exec().get("ExecStart")).hasSize(1);
    assertThat(u.refused()).isFalse();
  }

  @Test
  void shouldReadOnlyTheServiceSection() throws Exception {
    EffectiveUnit u = unit("[Unit]\nUser=nobody\n[Service]\nUser=app\n[Install]\nWantedBy=multi-user.target\n", null);

    assertThat(u.user()).map(Located::value).contains("app");
    assertThat(u.exec().get("ExecStart")).isEqualTo(List.of());
  }
}
