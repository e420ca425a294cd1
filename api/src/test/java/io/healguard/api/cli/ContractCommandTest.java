package io.healguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.Main;
import io.healguard.engine.drift.HostSnapshot;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractCommandTest {
  @TempDir Path tmp;

  @Test
  void shouldWriteEnvFileAndDropInsUnderOut() {
    Path root = HostSnapshot.materialize("drift-search-path-precedence", tmp);
    Path out = tmp.resolve("out");

    int exit = Main.run("contract", "render", "--contract", HostSnapshot.contract("drift-search-path-precedence").toString(),
        "--root", root.toString(), "--out", out.toString());

    assertThat(exit).isEqualTo(HealguardCommand.EXIT_OK);
    assertThat(out.resolve("etc/app/runtime.env")).isRegularFile();
    assertThat(out.resolve("etc/systemd/system/ingest-api.service.d/10-runtime-contract.conf")).content()
        .contains("ExecStart=\nExecStart=/opt/conda/envs/ingest/bin/python3.11 -m ingest.api --port 8080\n");
  }

  @Test
  void shouldRenderInPlaceSoTheCheckThenPasses() {
    Path root = HostSnapshot.materialize("drift-search-path-precedence", tmp);
    String contract = HostSnapshot.contract("drift-search-path-precedence").toString();
    Main.run("contract", "render", "--contract", contract, "--root", root.toString(), "--out", root.toString());

    int exit = Main.run("drift", "check", "--contract", contract, "--root", root.toString());

    assertThat(exit).isEqualTo(HealguardCommand.EXIT_OK);
  }

  @Test
  void shouldExitTwoAndWriteNothingWhenAUnitCannotBeFound() throws Exception {
    Path empty = Files.createDirectories(tmp.resolve("empty"));
    Path out = tmp.resolve("out");

    DriftCommandTest.Run r = DriftCommandTest.run("contract", "render", "--contract", HostSnapshot.contract("clean-basic").toString(),
        "--root", empty.toString(), "--out", out.toString());

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_USAGE);
    assertThat(r.err()).startsWith("healguard: unit ingest-api.service was not found under " + empty);
    assertThat(out).doesNotExist();
  }

  @Test
  void shouldExitTwoForAContractWithAnUnknownKey() throws Exception {
    Path contract = Files.writeString(tmp.resolve("c.yaml"),
        Files.readString(HostSnapshot.contract("clean-basic")) + "envname: ingest\n");

    DriftCommandTest.Run r = DriftCommandTest.run("contract", "render", "--contract", contract.toString(), "--out", tmp.resolve("o").toString());

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_USAGE);
    assertThat(r.err()).contains("envname must be absent: it is not a contract key");
  }

  @Test
  void shouldShowWhatWouldChangeAndWriteNothingWithDiff() throws Exception {
    Path root = HostSnapshot.materialize("clean-app-owned-env-file", tmp);
    String before = Files.readString(root.resolve("etc/app/runtime.env"));

    DriftCommandTest.Run r = DriftCommandTest.run("contract", "render", "--diff", "--contract",
        HostSnapshot.contract("clean-app-owned-env-file").toString(), "--root", root.toString());

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_FINDINGS);
    assertThat(r.out()).startsWith("--- a/etc/app/runtime.env\n+++ b/etc/app/runtime.env\n")
        .contains("+APP_PYTHON=/opt/conda/envs/ingest/bin/python3.11\n")
        .contains("--- /dev/null\n+++ b/etc/systemd/system/ingest-api.service.d/10-runtime-contract.conf\n");
    assertThat(root.resolve("etc/app/runtime.env")).content().isEqualTo(before);
    assertThat(root.resolve("etc/systemd/system/ingest-api.service.d")).doesNotExist();
  }

  @Test
  void shouldExitZeroWithDiffWhenTheHostAlreadyHasWhatWouldBeRendered() {
    Path root = HostSnapshot.materialize("clean-app-owned-env-file", tmp);
    String contract = HostSnapshot.contract("clean-app-owned-env-file").toString();
    Main.run("contract", "render", "--contract", contract, "--root", root.toString(), "--out", root.toString());

    DriftCommandTest.Run r = DriftCommandTest.run("contract", "render", "--diff", "--contract", contract, "--root", root.toString());

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_OK);
    assertThat(r.out()).doesNotContain("---");
  }

  @Test
  void shouldRefuseBothOrNeitherOfOutAndDiff() {
    String contract = HostSnapshot.contract("clean-basic").toString();

    DriftCommandTest.Run neither = DriftCommandTest.run("contract", "render", "--contract", contract);
    DriftCommandTest.Run both = DriftCommandTest.run("contract", "render", "--contract", contract, "--diff", "--out", tmp.toString());

    assertThat(neither.exit()).isEqualTo(HealguardCommand.EXIT_USAGE);
    assertThat(both.exit()).isEqualTo(HealguardCommand.EXIT_USAGE);
    assertThat(neither.err()).contains("give exactly one of --out DIR (write the files) or --diff");
  }
}
