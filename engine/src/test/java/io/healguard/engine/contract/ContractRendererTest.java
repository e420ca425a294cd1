package io.healguard.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.drift.DriftChecker;
import io.healguard.engine.drift.DriftReport;
import io.healguard.engine.drift.HostSnapshot;
import io.healguard.engine.drift.Severity;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractRendererTest {
  @TempDir Path tmp;

  @Test
  void shouldRenderEnvFileWithContractValuesAndHeader() throws Exception {
    Path contract = HostSnapshot.contract("drift-override-old-env");
    Path root = HostSnapshot.materialize("drift-override-old-env", tmp);
    String sha = ContractRenderer.sha256(Files.readAllBytes(contract));

    ContractRenderer.Rendering r = ContractRenderer.render(contract, root);

    assertThat(r.files().get(0).hostPath()).isEqualTo("/etc/app/runtime.env");
    assertThat(r.files().get(0).content()).isEqualTo(
        "# Rendered by healguard contract render from " + contract.toAbsolutePath().normalize() + " (sha-256 " + sha + ").\n"
        + "# Do not edit: change the contract and render again.\n"
        + "CONDA_ROOT_PREFIX=/opt/conda\n"
        + "CONDA_ENV_NAME=ingest\n"
        + "CONDA_PREFIX=/opt/conda/envs/ingest\n"
        + "APP_PYTHON=/opt/conda/envs/ingest/bin/python3.11\n"
        + "APP_WORKDIR=/srv/ingest\n");
  }

  @Test
  void shouldReplaceOnlyTheInterpreterAndKeepTheUnitsArguments() {
    Path root = HostSnapshot.materialize("drift-continuation-prefixes", tmp);

    ContractRenderer.Rendering r = ContractRenderer.render(HostSnapshot.contract("drift-continuation-prefixes"), root);

    assertThat(r.files().get(1).hostPath()).isEqualTo("/etc/systemd/system/ingest-api.service.d/10-runtime-contract.conf");
    assertThat(r.files().get(1).content()).endsWith(
        "[Service]\n"
        + "EnvironmentFile=/etc/app/runtime.env\n"
        + "WorkingDirectory=/srv/ingest\n"
        + "ExecStart=\n"
        + "ExecStart=@/opt/conda/envs/ingest/bin/python3.11 ingest-api -m ingest.api\n");
  }

  @Test
  void shouldRewriteAnOldEnvironmentsInterpreterFromTheEffectiveOverride() {
    Path root = HostSnapshot.materialize("drift-override-old-env", tmp);

    ContractRenderer.Rendering r = ContractRenderer.render(HostSnapshot.contract("drift-override-old-env"), root);

    assertThat(r.files().get(1).content()).contains("ExecStart=\nExecStart=/opt/conda/envs/ingest/bin/python3.11 -m ingest.api --port 8080\n");
    assertThat(r.notes()).singleElement().asString().contains("override.conf:5 sets ExecStart");
  }

  @Test
  void shouldRenderByteIdenticalOutputForTheSameInput() {
    Path root = HostSnapshot.materialize("drift-template-instances", tmp);
    Path contract = HostSnapshot.contract("drift-template-instances");

    List<ContractRenderer.RenderedFile> first = ContractRenderer.render(contract, root).files();
    List<ContractRenderer.RenderedFile> second = ContractRenderer.render(contract, root).files();

    assertThat(second).isEqualTo(first);
  }

  @Test
  void shouldPassTheDriftCheckOnceTheRenderedFilesAreInstalled() {
    Path root = HostSnapshot.materialize("drift-search-path-precedence", tmp);
    Path contract = HostSnapshot.contract("drift-search-path-precedence");
    ContractRenderer.render(contract, root).writeTo(root);

    DriftReport report = DriftChecker.check(Contract.load(contract), root);

    assertThat(report.findings()).allMatch(f -> f.severity() == Severity.INFO);
  }

  @Test
  void shouldLeaveAHostUsingUnitVariablesCleanAfterInstalling() {
    Path root = HostSnapshot.materialize("clean-env-var-expansion", tmp);
    Path contract = HostSnapshot.contract("clean-env-var-expansion");
    ContractRenderer.render(contract, root).writeTo(root);

    DriftReport report = DriftChecker.check(Contract.load(contract), root);

    assertThat(report.findings()).allMatch(f -> f.severity() == Severity.INFO);
  }

  @Test
  void shouldRefuseToInventACommandLineForAUnitItCannotFind() {
    Path root = HostSnapshot.materialize("drift-missing-and-masked", tmp);

    assertThatThrownBy(() -> ContractRenderer.render(HostSnapshot.contract("drift-missing-and-masked"), root))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageStartingWith("unit ingest-api.service is masked under ");
  }

  @Test
  void shouldNameAMissingUnitInTheError() throws Exception {
    Path root = Files.createDirectories(tmp.resolve("empty"));

    assertThatThrownBy(() -> ContractRenderer.render(HostSnapshot.contract("clean-basic"), root))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("unit ingest-api.service was not found under " + root);
  }
}
