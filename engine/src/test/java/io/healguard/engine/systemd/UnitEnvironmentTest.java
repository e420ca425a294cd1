package io.healguard.engine.systemd;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.systemd.UnitEnvironment.LoadStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** systemd.exec(5), "Environment": defaults, then Environment=, then each EnvironmentFile=. */
class UnitEnvironmentTest {
  @TempDir Path tmp;

  UnitEnvironment env(String service, String user, String home) throws Exception {
    Path unit = tmp.resolve("etc/systemd/system/a.service");
    Files.createDirectories(unit.getParent());
    Files.writeString(unit, "[Service]\nExecStart=/bin/true\n" + service);
    HostFs fs = new HostFs(tmp);
    return UnitEnvironment.of(fs, new UnitLocator(fs).load("a.service").orElseThrow(), user, home);
  }

  @Test
  void shouldLetAnEnvFileOverrideEnvironmentAndKeepWhereTheValueCameFrom() throws Exception {
    Files.createDirectories(tmp.resolve("etc/app"));
    Files.writeString(tmp.resolve("etc/app/a.env"), "# app\nCONDA_PREFIX=/opt/conda/envs/ingest\n");

    UnitEnvironment e = env("EnvironmentFile=/etc/app/a.env\nEnvironment=CONDA_PREFIX=/opt/conda/envs/old \"X=a b\"\n", null, null);

    assertThat(e.get("CONDA_PREFIX").orElseThrow().origin()).isEqualTo(new Located("/opt/conda/envs/ingest", "/etc/app/a.env", 2));
    assertThat(e.get("X").orElseThrow().value()).isEqualTo("a b");
  }

  @Test
  void shouldGiveSystemdsDefaultPathAndTheUsersHome() throws Exception {
    UnitEnvironment e = env("User=app\n", "app", "/home/app");

    assertThat(e.get("PATH").orElseThrow().value()).isEqualTo(ExecSearch.DEFAULT_PATH);
    assertThat(e.get("PATH").orElseThrow().origin()).isNull();
    assertThat(e.values()).containsEntry("HOME", "/home/app").containsEntry("USER", "app");
  }

  @Test
  void shouldTellLoadedMissingAndRelativeEnvFilesApart() throws Exception {
    Files.createDirectories(tmp.resolve("etc/app"));
    Files.writeString(tmp.resolve("etc/app/a.env"), "A=1\n");

    UnitEnvironment e = env("EnvironmentFile=/etc/app/a.env\nEnvironmentFile=-/etc/default/%p\nEnvironmentFile=rel.env\n", null, null);

    assertThat(e.loads()).extracting(UnitEnvironment.Load::path, UnitEnvironment.Load::optional, UnitEnvironment.Load::status)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple("/etc/app/a.env", false, LoadStatus.LOADED),
            org.assertj.core.groups.Tuple.tuple("/etc/default/a", true, LoadStatus.MISSING),
            org.assertj.core.groups.Tuple.tuple("rel.env", false, LoadStatus.RELATIVE));
  }
}
