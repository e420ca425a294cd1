package io.healguard.api.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healguard.api.Main;
import io.healguard.engine.drift.HostSnapshot;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DriftCommandTest {
  @TempDir Path tmp;

  record Run(int exit, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int exit = HealguardCommand.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
    return new Run(exit, out.toString(), err.toString());
  }

  @Test
  void shouldExitZeroOnCleanHost() {
    Path root = HostSnapshot.materialize("clean-basic", tmp);

    int exit = Main.run("drift", "check", "--contract", HostSnapshot.contract("clean-basic").toString(), "--root", root.toString());

    assertThat(exit).isEqualTo(HealguardCommand.EXIT_OK);
  }

  @Test
  void shouldExitOneAndPrintOneLinePerFindingWhenErrorsFound() {
    Path root = HostSnapshot.materialize("drift-override-old-env", tmp);

    Run r = run("drift", "check", "--contract", HostSnapshot.contract("drift-override-old-env").toString(), "--root", root.toString());

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_FINDINGS);
    assertThat(r.out().lines().toList()).containsExactly(
        "ERROR interpreter-mismatch /etc/systemd/system/ingest-api.service.d/override.conf:6: ExecStart runs "
            + "/opt/conda/envs/ingest-2023/bin/python3.10, not the contract's interpreter "
            + "(expected /opt/conda/envs/ingest/bin/python3.11, actual /opt/conda/envs/ingest-2023/bin/python3.10)",
        "1 finding: 1 error, 0 warnings, 0 info");
  }

  @Test
  void shouldExitZeroWhenOnlyWarningsFound() throws Exception {
    Path root = HostSnapshot.materialize("clean-basic", tmp);
    Path watchdog = root.resolve("etc/app/watchdog.yaml");
    Files.writeString(watchdog, Files.readString(watchdog).replace("cwd: /srv/ingest", "cwd: ./ingest"));

    Run r = run("drift", "check", "--contract", HostSnapshot.contract("clean-basic").toString(), "--root", root.toString());

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_OK);
    assertThat(r.out()).endsWith("1 finding: 0 errors, 1 warning, 0 info\n");
  }

  @Test
  void shouldPointAMissingUnitAtTheContractLineThatNamesIt() {
    Path root = HostSnapshot.materialize("drift-missing-and-masked", tmp);
    String contract = HostSnapshot.contract("drift-missing-and-masked").toString();

    Run r = run("drift", "check", "--contract", contract, "--root", root.toString());

    assertThat(r.out().lines()).contains("ERROR unit-missing " + contract + ":7: ingest-api.service is masked "
        + "(/etc/systemd/system/ingest-api.service is empty or links to /dev/null), so it never runs "
        + "(expected ingest-api.service, actual (masked))");
  }

  @Test
  void shouldPrintEveryFindingFieldInJson() throws Exception {
    Path root = HostSnapshot.materialize("drift-env-file-missing", tmp);

    Run r = run("drift", "check", "--format", "json", "--contract", HostSnapshot.contract("drift-env-file-missing").toString(),
        "--root", root.toString());

    JsonNode findings = new ObjectMapper().readTree(r.out()).get("findings");
    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_FINDINGS);
    assertThat(findings).hasSize(4);
    assertThat(names(findings.get(0).fieldNames()))
        .containsExactly("file", "line", "kind", "severity", "message", "expected", "actual", "unit");
    assertThat(findings.get(0).get("file").asText()).isEqualTo("/etc/app/watchdog.yaml");
    assertThat(findings.get(0).get("severity").asText()).isEqualTo("warning");
    assertThat(findings.get(0).get("unit").isNull()).isTrue();
    assertThat(findings.get(1).get("file").asText()).isEqualTo("/etc/systemd/system/ingest-api.service");
    assertThat(findings.get(1).get("line").asInt()).isEqualTo(2);
    assertThat(findings.get(1).get("severity").asText()).isEqualTo("error");
    assertThat(findings.get(1).get("kind").asText()).isEqualTo("env-file-missing");
    assertThat(findings.get(1).get("unit").asText()).isEqualTo("ingest-api.service");
  }

  @Test
  void shouldExitTwoNamingTheKeyForAnInconsistentContract() throws Exception {
    String bad = Files.readString(HostSnapshot.contract("clean-basic")).replace("python: /opt/conda/envs/ingest/bin/python3.11", "python: /usr/bin/python3");
    Path contract = Files.writeString(tmp.resolve("bad.yaml"), bad);

    Run r = run("drift", "check", "--contract", contract.toString(), "--root", tmp.toString());

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_USAGE);
    assertThat(r.err()).isEqualTo("healguard: contract " + contract + ": python must be an interpreter in env_prefix's bin/ "
        + "(/opt/conda/envs/ingest/bin/python[X[.Y]]), but was '/usr/bin/python3'" + System.lineSeparator());
  }

  @Test
  void shouldExitTwoForAMissingRoot() {
    Run r = run("drift", "check", "--contract", HostSnapshot.contract("clean-basic").toString(), "--root", tmp.resolve("nope").toString());

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_USAGE);
  }

  @Test
  void shouldExitTwoForAnUnknownFormat() {
    Run r = run("drift", "check", "--contract", HostSnapshot.contract("clean-basic").toString(), "--format", "xml");

    assertThat(r.exit()).isEqualTo(HealguardCommand.EXIT_USAGE);
  }

  private static <T> List<T> names(java.util.Iterator<T> it) {
    List<T> list = new java.util.ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}
