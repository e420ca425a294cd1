package io.healguard.engine.contract;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.InvalidInputException;
import io.healguard.engine.contract.internal.ContractYaml;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ContractValidationTest {
  private static final String VALID = """
      root_prefix: /opt/conda
      env_name: ingest
      env_prefix: /opt/conda/envs/ingest
      python: /opt/conda/envs/ingest/bin/python3.11
      working_dir: /srv/ingest
      env_file: /etc/app/runtime.env
      units: [ingest-api.service, ingest-worker@.service]
      scripts: [/opt/app/scripts/deploy.sh]
      watchdog_config: /etc/app/watchdog.yaml
      """;

  @TempDir Path tmp;

  @Test
  void shouldLoadConsistentContract() throws Exception {
    Path file = Files.writeString(tmp.resolve("ingest.yaml"), VALID);

    Contract c = Contract.load(file);

    assertThat(c).isEqualTo(new Contract("/opt/conda", "ingest", "/opt/conda/envs/ingest",
        "/opt/conda/envs/ingest/bin/python3.11", "/srv/ingest", "/etc/app/runtime.env",
        java.util.List.of("ingest-api.service", "ingest-worker@.service"),
        java.util.List.of("/opt/app/scripts/deploy.sh"), "/etc/app/watchdog.yaml"));
  }

  @Test
  void shouldDropTrailingSlashesSoEqualContractsCompareEqual() {
    Contract c = ContractYaml.parse(VALID.replace("working_dir: /srv/ingest", "working_dir: /srv/ingest/"));

    assertThat(c.workingDir()).isEqualTo("/srv/ingest");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', textBlock = """
      env_prefix outside root_prefix/envs | env_prefix: /opt/conda/envs/ingest     | env_prefix: /opt/other/envs/ingest | env_prefix must be root_prefix + /envs/ + env_name (/opt/conda/envs/ingest), but was '/opt/other/envs/ingest'
      env_prefix not named env_name       | env_prefix: /opt/conda/envs/ingest     | env_prefix: /opt/conda/envs/app    | env_prefix must be root_prefix + /envs/ + env_name (/opt/conda/envs/ingest), but was '/opt/conda/envs/app'
      python outside env_prefix           | python: /opt/conda/envs/ingest/bin/python3.11 | python: /usr/bin/python3.11 | python must be an interpreter in env_prefix's bin/ (/opt/conda/envs/ingest/bin/python[X[.Y]]), but was '/usr/bin/python3.11'
      python not an interpreter           | python: /opt/conda/envs/ingest/bin/python3.11 | python: /opt/conda/envs/ingest/bin/gunicorn | python must be an interpreter in env_prefix's bin/ (/opt/conda/envs/ingest/bin/python[X[.Y]]), but was '/opt/conda/envs/ingest/bin/gunicorn'
      relative working_dir                | working_dir: /srv/ingest               | working_dir: srv/ingest            | working_dir must be an absolute path (starting with /), but was 'srv/ingest'
      relative env_file                   | env_file: /etc/app/runtime.env         | env_file: runtime.env              | env_file must be an absolute path (starting with /), but was 'runtime.env'
      relative root_prefix                | root_prefix: /opt/conda                | root_prefix: opt/conda             | root_prefix must be an absolute path (starting with /), but was 'opt/conda'
      relative script                     | scripts: [/opt/app/scripts/deploy.sh]  | scripts: [deploy.sh]               | scripts must be an absolute path (starting with /), but was 'deploy.sh'
      relative watchdog_config            | watchdog_config: /etc/app/watchdog.yaml | watchdog_config: watchdog.yaml    | watchdog_config must be an absolute path (starting with /), but was 'watchdog.yaml'
      dotdot in a path                    | working_dir: /srv/ingest               | working_dir: /srv/../etc           | working_dir must be a path without . or .. segments, but was '/srv/../etc'
      not a service unit                  | units: [ingest-api.service, ingest-worker@.service] | units: [ingest.timer] | units must be a service unit name such as app.service or app@.service, but was 'ingest.timer'
      missing env_name                    | env_name: ingest                       | ''                                 | env_name must be set to the conda environment's name, but was null
      missing python                      | python: /opt/conda/envs/ingest/bin/python3.11 | ''                          | python must be set to an absolute path, but was null
      missing env_file                    | env_file: /etc/app/runtime.env         | ''                                 | env_file must be set to an absolute path, but was null
      unknown key                         | python: /opt/conda/envs/ingest/bin/python3.11 | pyhton: /opt/conda/envs/ingest/bin/python3.11 | pyhton must be absent: it is not a contract key (allowed: root_prefix, env_name, env_prefix, python, working_dir, env_file, units, scripts, watchdog_config), but was '/opt/conda/envs/ingest/bin/python3.11'
      units not a list                    | units: [ingest-api.service, ingest-worker@.service] | units: ingest-api.service | units must be a list, but was 'ingest-api.service'
      """)
  void shouldRejectInconsistentContractNamingTheKey(String name, String line, String replacement, String message) {
    String yaml = VALID.replace(line, replacement);

    assertThatThrownBy(() -> ContractYaml.parse(yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage(message);
  }

  @Test
  void shouldRejectDuplicateKey() {
    String yaml = VALID + "python: /opt/conda/envs/ingest/bin/python3.10\n";

    assertThatThrownBy(() -> ContractYaml.parse(yaml))
        .isInstanceOf(InvalidInputException.class)
        .hasMessageContaining("python");
  }

  @Test
  void shouldNameTheFileWhenLoading() throws Exception {
    Path file = Files.writeString(tmp.resolve("bad.yaml"), VALID.replace("working_dir: /srv/ingest", "working_dir: srv"));

    assertThatThrownBy(() -> Contract.load(file))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("contract " + file + ": working_dir must be an absolute path (starting with /), but was 'srv'");
  }
}
