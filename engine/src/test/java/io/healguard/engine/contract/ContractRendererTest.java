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
  static final String BLOCK_KEYS = "CONDA_ROOT_PREFIX=/opt/conda\n"
      + "CONDA_ENV_NAME=ingest\n"
      + "CONDA_PREFIX=/opt/conda/envs/ingest\n"
      + "APP_PYTHON=/opt/conda/envs/ingest/bin/python3.11\n"
      + "APP_WORKDIR=/srv/ingest\n"
      + "# END healguard runtime contract\n";

  @TempDir Path tmp;

  @Test
  void shouldAppendTheContractBlockAndKeepEveryLineOfTheApplicationsEnvFile() throws Exception {
    Path root = HostSnapshot.materialize("clean-app-owned-env-file", tmp);
    Path contract = HostSnapshot.contract("clean-app-owned-env-file");
    String before = Files.readString(root.resolve("etc/app/runtime.env"));
    String sha = ContractRenderer.sha256(Files.readAllBytes(contract));

    ContractRenderer.Rendering r = ContractRenderer.render(contract, root);

    assertThat(r.files().get(0).hostPath()).isEqualTo("/etc/app/runtime.env");
    assertThat(r.files().get(0).content()).isEqualTo(before
        + "# BEGIN healguard runtime contract: rendered from " + contract.toAbsolutePath().normalize()
        + " (sha-256 " + sha + ").\n"
        + "# healguard contract render rewrites the lines up to END; the rest of this file is left as it is.\n"
        + BLOCK_KEYS);
  }

  @Test
  void shouldRenderOnlyTheBlockWhenTheHostHasNoEnvFile() {
    Path root = HostSnapshot.materialize("drift-optional-env-file-missing", tmp);

    ContractRenderer.RenderedFile env = ContractRenderer.render(HostSnapshot.contract("drift-optional-env-file-missing"), root)
        .files().get(0);

    assertThat(env.current()).isNull();
    assertThat(env.content()).startsWith("# BEGIN healguard runtime contract: rendered from ").endsWith(BLOCK_KEYS);
    assertThat(env.diff()).startsWith("--- /dev/null\n+++ b/etc/app/runtime.env\n@@ -0,0 +1,8 @@\n");
  }

  @Test
  void shouldGiveTheSameBytesWhenRenderedAgainOverItsOwnOutput() {
    Path root = HostSnapshot.materialize("drift-continuation-prefixes", tmp);
    Path contract = HostSnapshot.contract("drift-continuation-prefixes");
    List<ContractRenderer.RenderedFile> first = ContractRenderer.render(contract, root).files();
    ContractRenderer.render(contract, root).writeTo(root);

    List<ContractRenderer.RenderedFile> second = ContractRenderer.render(contract, root).files();

    assertThat(second).extracting(ContractRenderer.RenderedFile::content)
        .containsExactlyElementsOf(first.stream().map(ContractRenderer.RenderedFile::content).toList());
    assertThat(second).allSatisfy(f -> assertThat(f.diff()).isEmpty());
  }

  @Test
  void shouldReplaceTheBlockWhereItStandsAndLeaveTheLinesAroundIt() throws Exception {
    Path root = HostSnapshot.materialize("clean-app-owned-env-file", tmp);
    Path contract = HostSnapshot.contract("clean-app-owned-env-file");
    Path env = root.resolve("etc/app/runtime.env");
    Files.writeString(env, "# top\nA=1\n# BEGIN healguard runtime contract: old\nAPP_PYTHON=/old/bin/python\n"
        + "# END healguard runtime contract\nB=2 # after\n");

    String content = ContractRenderer.render(contract, root).files().get(0).content();

    assertThat(content).startsWith("# top\nA=1\n# BEGIN healguard runtime contract: rendered from ")
        .endsWith(BLOCK_KEYS + "B=2 # after\n")
        .doesNotContain("/old/bin/python");
  }

  @Test
  void shouldPutTheBlockWhereTheContractKeysWereAndNameEachLineItReplaces() throws Exception {
    Path root = HostSnapshot.materialize("clean-app-owned-env-file", tmp);
    Files.writeString(root.resolve("etc/app/runtime.env"), "LOG_LEVEL=info\nexport APP_PYTHON=/usr/bin/python3\n"
        + "CONDA_ENV_NAME=ingest\nDEBUG=0\n");

    ContractRenderer.Rendering r = ContractRenderer.render(HostSnapshot.contract("clean-app-owned-env-file"), root);

    assertThat(r.files().get(0).content()).startsWith("LOG_LEVEL=info\n# BEGIN").endsWith(BLOCK_KEYS + "DEBUG=0\n");
    assertThat(r.notes()).containsExactly(
        "/etc/app/runtime.env:2 'export APP_PYTHON=/usr/bin/python3' is replaced by the contract's APP_PYTHON in the healguard block",
        "/etc/app/runtime.env:3 'CONDA_ENV_NAME=ingest' moves into the healguard block");
  }

  @Test
  void shouldReplaceAnOlderRenderWithTheBlockAndKeepLinesAddedAfterIt() throws Exception {
    Path root = HostSnapshot.materialize("drift-override-old-env", tmp);
    Path env = root.resolve("etc/app/runtime.env");
    Files.writeString(env, "# Rendered by healguard contract render from /etc/healguard/ingest.yaml (sha-256 0f3c).\n"
        + "# Do not edit: change the contract and render again.\n"
        + Files.readString(env).lines().filter(l -> !l.startsWith("#")).map(l -> l + "\n").reduce("", String::concat)
        + "SENTRY_DSN=https://key@sentry.internal/4\n");

    String content = ContractRenderer.render(HostSnapshot.contract("drift-override-old-env"), root).files().get(0).content();

    assertThat(content).startsWith("# BEGIN healguard runtime contract: rendered from ")
        .endsWith(BLOCK_KEYS + "SENTRY_DSN=https://key@sentry.internal/4\n")
        .doesNotContain("# Do not edit");
  }

  @Test
  void shouldRewriteEveryExecLineRunningAnInterpreterOrAToolAndKeepItsPrefixesAndArguments() {
    Path root = HostSnapshot.materialize("drift-continuation-prefixes", tmp);

    ContractRenderer.Rendering r = ContractRenderer.render(HostSnapshot.contract("drift-continuation-prefixes"), root);

    assertThat(r.files().get(1).hostPath()).isEqualTo("/etc/systemd/system/ingest-api.service.d/10-runtime-contract.conf");
    assertThat(r.files().get(1).content()).endsWith(
        "[Service]\n"
        + "EnvironmentFile=/etc/app/runtime.env\n"
        + "WorkingDirectory=/srv/ingest\n"
        + "ExecStartPre=\n"
        + "ExecStartPre=-+/opt/conda/envs/ingest/bin/python3.11  -m ingest.migrate  --check\n"
        + "ExecStart=\n"
        + "ExecStart=@/opt/conda/envs/ingest/bin/python3.11 ingest-api -m ingest.api\n"
        + "ExecStartPost=\n"
        + "ExecStartPost=/opt/conda/envs/ingest/bin/python3.11  -m ingest.warmup\n"
        + "ExecStopPost=\n"
        + "ExecStopPost=!!/opt/conda/envs/ingest/bin/celery -A ingest purge -f\n");
    assertThat(r.notes()).filteredOn(n -> n.startsWith("ingest-api.service")).containsExactly("ingest-api.service: ExecReload=:/bin/kill -HUP $MAINPID "
        + "(/etc/systemd/system/ingest-api.service:11) is left as it is: it runs /bin/kill, which is neither "
        + "an interpreter nor a tool in a conda environment");
  }

  @Test
  void shouldRewriteTheInterpreterThatEnvLooksUpAndKeepEnvItself() {
    Path root = HostSnapshot.materialize("drift-env-python-path-lookup", tmp);

    ContractRenderer.Rendering r = ContractRenderer.render(HostSnapshot.contract("drift-env-python-path-lookup"), root);

    assertThat(r.files().get(1).content()).contains(
        "ExecStart=\nExecStart=/usr/bin/env /opt/conda/envs/ingest/bin/python3.11 -m ingest.api\n");
  }

  @Test
  void shouldListAnUnchangedLineOfARewrittenKeyAgainAndSayWhy() throws Exception {
    Path root = HostSnapshot.materialize("clean-basic", tmp);
    Path unit = root.resolve("etc/systemd/system/ingest-api.service");
    Files.writeString(unit, Files.readString(unit).replace("ExecStart=",
        "ExecStartPre=/usr/bin/install -d /run/ingest\nExecStartPre=/opt/conda/envs/old/bin/python -m ingest.migrate\nExecStart="));

    ContractRenderer.Rendering r = ContractRenderer.render(HostSnapshot.contract("clean-basic"), root);

    assertThat(r.files().get(1).content()).contains("ExecStartPre=\nExecStartPre=/usr/bin/install -d /run/ingest\n"
        + "ExecStartPre=/opt/conda/envs/ingest/bin/python3.11 -m ingest.migrate\n");
    assertThat(r.notes()).filteredOn(n -> n.startsWith("ingest-api.service"))
        .singleElement().asString()
        .startsWith("ingest-api.service: ExecStartPre=/usr/bin/install -d /run/ingest (/etc/systemd/system/ingest-api.service:9) "
            + "is listed again unchanged: it runs /usr/bin/install");
  }

  @Test
  void shouldRewriteAnOldEnvironmentsInterpreterFromTheEffectiveOverride() {
    Path root = HostSnapshot.materialize("drift-override-old-env", tmp);

    ContractRenderer.Rendering r = ContractRenderer.render(HostSnapshot.contract("drift-override-old-env"), root);

    assertThat(r.files().get(1).content()).contains("ExecStart=\nExecStart=/opt/conda/envs/ingest/bin/python3.11 -m ingest.api --port 8080\n");
    assertThat(r.notes()).filteredOn(n -> n.startsWith("ingest-api.service"))
        .singleElement().asString().contains("override.conf:5 sets ExecStart");
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
    for (String name : List.of("drift-search-path-precedence", "clean-env-var-expansion", "drift-continuation-prefixes",
        "drift-env-python-path-lookup", "drift-unit-expands-conda-prefix-unset", "clean-app-owned-env-file")) {
      Path root = HostSnapshot.materialize(name, tmp.resolve(name));
      Path contract = HostSnapshot.contract(name);
      ContractRenderer.render(contract, root).writeTo(root);

      DriftReport report = DriftChecker.check(Contract.load(contract), root);

      assertThat(report.findings()).as(name).allMatch(f -> f.severity() == Severity.INFO);
    }
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
