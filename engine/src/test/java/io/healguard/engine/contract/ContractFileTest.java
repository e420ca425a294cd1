package io.healguard.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ContractFileTest {
  @TempDir Path tmp;

  @Test
  void shouldKnowTheLineOfEachKeyAndListEntry() throws Exception {
    Path f = Files.writeString(tmp.resolve("c.yaml"), """
        root_prefix: /opt/conda
        env_name: ingest
        env_prefix: /opt/conda/envs/ingest
        python: /opt/conda/envs/ingest/bin/python3.11
        working_dir: /srv/ingest
        env_file: /etc/app/runtime.env
        units:
          - ingest-api.service
          - ingest-worker@.service
        scripts: [/opt/app/deploy.sh]
        watchdog_config: /etc/app/watchdog.yaml
        """);

    ContractFile c = ContractFile.load(f);

    assertThat(c.path()).isEqualTo(f.toString());
    assertThat(c.lineOf("units", "ingest-worker@.service")).isEqualTo(9);
    assertThat(c.lineOf("scripts", "/opt/app/deploy.sh")).isEqualTo(10);
    assertThat(c.lineOf("watchdog_config", null)).isEqualTo(11);
    assertThat(c.lineOf("units", "unlisted.service")).isEqualTo(7);
  }

  @Test
  void shouldHaveNoLinesForAContractBuiltInCode() {
    ContractFile c = ContractFile.unlocated(new Contract("/opt/conda", "ingest", "/opt/conda/envs/ingest",
        "/opt/conda/envs/ingest/bin/python3.11", "/srv/ingest", "/etc/app/runtime.env", java.util.List.of("ingest-api.service"), java.util.List.of(), null));

    assertThat(c.lineOf("units", "ingest-api.service")).isNull();
  }
}
