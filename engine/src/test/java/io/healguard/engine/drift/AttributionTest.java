package io.healguard.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.decision.DriftFact;
import io.healguard.engine.decision.DriftSeverity;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which unit a finding is about, and the facts that makes (docs/runtime-contract.md, "In the service"). */
class AttributionTest {
  static final Instant NOW = Instant.parse("2030-01-01T00:00:00Z");
  static final String ENV = "/etc/app/runtime.env";
  static final String WATCHDOG = "/etc/app/watchdog.yaml";
  static final String DEPLOY = "/opt/app/scripts/deploy.sh";

  static Contract contract(String... units) {
    return new Contract("/opt/conda", "ingest", "/opt/conda/envs/ingest", "/opt/conda/envs/ingest/bin/python3.11",
        "/srv/ingest", ENV, List.of(units), List.of(DEPLOY), WATCHDOG);
  }

  static DriftFinding finding(FindingKind kind, String file, Integer line, String unit) {
    return DriftFinding.of(kind, file, line, kind.id() + " in " + file, "x", "y", unit);
  }

  static DriftFinding warning(FindingKind kind, String file, Integer line, String unit) {
    return DriftFinding.of(kind, Severity.WARNING, file, line, kind.id() + " in " + file, "x", "y", unit);
  }

  @Test
  void shouldGiveAFindingThatNamesAUnitToThatUnitOnly() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.INTERPRETER_MISMATCH, "/etc/systemd/system/a.service", 4, "a.service")));

    Map<String, Map<String, DriftFact>> facts = Attribution.of(contract("a.service", "b.service"), r, List.of()).facts(NOW);

    assertThat(facts.get("a.service")).containsOnlyKeys("interpreter-mismatch");
    assertThat(facts.get("b.service")).isEmpty();
  }

  @Test
  void shouldGiveEnvFileAndWatchdogFindingsToEveryContractUnit() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.ENV_PREFIX_MISMATCH, ENV, 3, null),
        finding(FindingKind.WATCHDOG_CONFIG_MISSING, WATCHDOG, null, null)));

    Map<String, Map<String, DriftFact>> facts = Attribution.of(contract("a.service", "b.service"), r, List.of()).facts(NOW);

    assertThat(facts.get("a.service")).containsOnlyKeys("env-prefix-mismatch", "watchdog-config-missing");
    assertThat(facts.get("b.service")).containsOnlyKeys("env-prefix-mismatch", "watchdog-config-missing");
  }

  @Test
  void shouldGiveAMissingUnitFoundAtTheContractsLineToThatUnit() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.UNIT_MISSING, "/etc/healguard/ingest.yaml", 7, "b.service")));

    Map<String, Map<String, DriftFact>> facts = Attribution.of(contract("a.service", "b.service"), r, List.of()).facts(NOW);

    assertThat(facts.get("b.service")).containsOnlyKeys("unit-missing");
    assertThat(facts.get("a.service")).isEmpty();
  }

  @Test
  void shouldGiveAMissingWatchdogConfigNamedAtTheContractsLineToEveryUnit() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.WATCHDOG_CONFIG_MISSING, "/etc/healguard/ingest.yaml", 9, null)));

    Map<String, Map<String, DriftFact>> facts = Attribution.of(contract("a.service", "b.service"), r, List.of()).facts(NOW);

    assertThat(facts.get("a.service")).containsOnlyKeys("watchdog-config-missing");
    assertThat(facts.get("b.service")).containsOnlyKeys("watchdog-config-missing");
  }

  @Test
  void shouldGiveAScriptThatCannotLoadTheEnvFileToNoUnitWhenNoUnitRunsIt() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.ENV_FILE_MISSING, DEPLOY, 4, null)));

    Attribution a = Attribution.of(contract("a.service"), r, List.of());

    assertThat(a.facts(NOW).get("a.service")).isEmpty();
    assertThat(a.unattributed()).hasSize(1);
  }

  @Test
  void shouldGiveAScriptNoUnitRunsToNoUnit() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.ENV_NAME_MISMATCH, DEPLOY, 5, null)));

    Attribution a = Attribution.of(contract("a.service"), r, List.of());

    assertThat(a.facts(NOW).get("a.service")).isEmpty();
    assertThat(a.unattributed()).hasSize(1);
  }

  @Test
  void shouldMakeNoFactOfAnInfoFinding() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.OK_NORMALIZED, "/etc/systemd/system/a.service", 4, "a.service")));

    Attribution a = Attribution.of(contract("a.service"), r, List.of());

    assertThat(a.facts(NOW).get("a.service")).isEmpty();
    assertThat(a.byUnit().get("a.service")).hasSize(1);
  }

  @Test
  void shouldMakeOneFactPerKindNamingTheFirstFindingAndHowManyMore() {
    DriftReport r = new DriftReport(List.of(warning(FindingKind.ENV_FILE_MISSING, "/etc/systemd/system/a.service", 7, "a.service"),
        warning(FindingKind.ENV_FILE_MISSING, "/etc/systemd/system/a.service", 5, "a.service")));

    DriftFact fact = Attribution.of(contract("a.service"), r, List.of()).facts(NOW).get("a.service").get("env-file-missing");

    assertThat(fact).isEqualTo(new DriftFact("env-file-missing", DriftSeverity.WARNING,
        "/etc/systemd/system/a.service:5: env-file-missing in /etc/systemd/system/a.service (and 1 more)", NOW));
  }

  @Test
  void shouldGiveATemplatesEnvFileFindingToTheInstancesTheEngineKnows() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.ENV_FILE_MISSING, ENV, null, null)));

    Map<String, Map<String, DriftFact>> facts = Attribution.of(contract("w@.service"), r,
        List.of("w@blue.service", "w@green.service", "other.service")).facts(NOW);

    assertThat(facts).containsOnlyKeys("w@blue.service", "w@green.service");
  }

  @Test
  void shouldStandForItselfWhenATemplateHasNoKnownInstance() {
    DriftReport r = new DriftReport(List.of(finding(FindingKind.ENV_FILE_MISSING, ENV, null, null)));

    Map<String, Map<String, DriftFact>> facts = Attribution.of(contract("w@.service"), r, List.of()).facts(NOW);

    assertThat(facts).containsOnlyKeys("w@.service");
  }
}
