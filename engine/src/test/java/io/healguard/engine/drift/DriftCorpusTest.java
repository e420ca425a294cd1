package io.healguard.engine.drift;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.healguard.engine.contract.ContractFile;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every host snapshot under {@code src/test/resources/drift/} produces exactly the findings in its
 * {@code expected.json} (file, line, kind, severity, unit); {@code clean-*} cases additionally
 * must produce nothing above info. See each case's files for the rule or trap it covers.
 */
class DriftCorpusTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir Path tmp;

  static Stream<String> cases() {
    return HostSnapshot.caseNames().stream();
  }

  static Stream<String> cleanCases() {
    return cases().filter(c -> c.startsWith("clean-"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldReportExactlyTheExpectedFindings(String name) throws IOException {
    Path root = HostSnapshot.materialize(name, tmp);
    ContractFile contract = ContractFile.load(HostSnapshot.contract(name));
    List<Map<String, Object>> expected = JSON.readValue(
        HostSnapshot.corpus().resolve(name).resolve("expected.json").toFile(), new TypeReference<>() {});

    DriftReport report = DriftChecker.check(contract, root);

    assertThat(comparable(report, contract.path())).as(describe(report)).isEqualTo(sorted(expected));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cleanCases")
  void shouldFindNoErrorOrWarningOnCleanHost(String name) {
    Path root = HostSnapshot.materialize(name, tmp);
    ContractFile contract = ContractFile.load(HostSnapshot.contract(name));

    DriftReport report = DriftChecker.check(contract, root);

    assertThat(report.findings()).as(describe(report)).allMatch(f -> f.severity() == Severity.INFO);
  }

  /** The contract file is named {@code contract.yaml} in expected.json: its absolute path differs per checkout. */
  static List<Map<String, Object>> comparable(DriftReport report, String contractPath) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (DriftFinding f : report.findings()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("file", f.file().equals(contractPath) ? "contract.yaml" : f.file());
      m.put("line", f.line());
      m.put("kind", f.kind());
      m.put("severity", f.severity().id());
      m.put("unit", f.unit());
      out.add(m);
    }
    return sorted(out);
  }

  private static List<Map<String, Object>> sorted(List<Map<String, Object>> rows) {
    return rows.stream().sorted(java.util.Comparator.comparing(Object::toString)).toList();
  }

  private static String describe(DriftReport report) {
    StringBuilder sb = new StringBuilder("findings:\n");
    report.findings().forEach(f -> sb.append("  ").append(f).append('\n'));
    return sb.toString();
  }
}
