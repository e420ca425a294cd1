package io.healguard.api.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.AlertmanagerProcess;
import io.healguard.engine.json.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The rules that ship in {@code prometheus/}: Prometheus' own {@code promtool} checks them and
 * runs their unit tests; every rule says how bad it is, what happened, and where the runbook page
 * (which exists) is; every rule is tested firing and not firing.
 */
class PrometheusRulesTest {
  static final Path ROOT = Path.of(System.getProperty("healguard.repo.root"));
  static final Path RULES = ROOT.resolve("prometheus/healguard-rules.yaml");
  static final String RUNBOOK_BASE = "https://runbooks.example.org/healguard/";

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> rules() throws Exception {
    Map<String, Object> doc = Json.YAML.readValue(RULES.toFile(), Map.class);
    List<Map<String, Object>> out = new ArrayList<>();
    for (Map<String, Object> g : (List<Map<String, Object>>) doc.get("groups")) {
      out.addAll((List<Map<String, Object>>) g.get("rules"));
    }
    return out;
  }

  static String promtool(String... args) throws Exception {
    Path promtool = AlertmanagerProcess.onPath("promtool");
    Assumptions.assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus; .ci/run installs it): skipped");
    List<String> cmd = new ArrayList<>(List.of(promtool.toString()));
    cmd.addAll(List.of(args));
    Process p = new ProcessBuilder(cmd).directory(ROOT.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("promtool %s said:\n%s", String.join(" ", args), out).isZero();
    return out;
  }

  @Test
  void shouldPassPromtoolCheckRules() throws Exception {
    String out = promtool("check", "rules", "prometheus/healguard-rules.yaml");

    assertThat(out).contains("SUCCESS: " + rules().size() + " rules found");
  }

  @Test
  void shouldPassPromtoolTestRules() throws Exception {
    List<String> args = new ArrayList<>(List.of("test", "rules"));
    try (Stream<Path> files = Files.list(ROOT.resolve("prometheus/tests"))) {
      files.filter(f -> f.toString().endsWith(".yaml")).sorted().forEach(f -> args.add(ROOT.relativize(f).toString()));
    }

    String out = promtool(args.toArray(String[]::new));

    assertThat(out).contains("SUCCESS").doesNotContain("FAILED");
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldGiveEveryRuleSeveritySummaryDescriptionAndAnExistingRunbookPage() throws Exception {
    List<String> missing = new ArrayList<>();

    for (Map<String, Object> r : rules()) {
      Map<String, Object> labels = (Map<String, Object>) r.getOrDefault("labels", Map.of());
      Map<String, Object> ann = (Map<String, Object>) r.getOrDefault("annotations", Map.of());
      String name = String.valueOf(r.get("alert"));
      if (!Set.of("critical", "warning", "info").contains(String.valueOf(labels.get("severity")))) missing.add(name + ": severity");
      if (ann.get("summary") == null) missing.add(name + ": summary");
      if (ann.get("description") == null) missing.add(name + ": description");
      String url = String.valueOf(ann.get("runbook_url"));
      if (!url.startsWith(RUNBOOK_BASE) || !Files.isRegularFile(ROOT.resolve(url.substring(RUNBOOK_BASE.length())))) {
        missing.add(name + ": runbook_url " + url + " (a page under " + RUNBOOK_BASE + " that exists in the repository)");
      }
    }

    assertThat(missing).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldTestEveryRuleFiringAndNotFiring() throws Exception {
    Set<String> firing = new TreeSet<>();
    Set<String> quiet = new TreeSet<>();
    try (Stream<Path> files = Files.list(ROOT.resolve("prometheus/tests"))) {
      for (Path f : files.filter(x -> x.toString().endsWith(".yaml")).toList()) {
        Map<String, Object> doc = Json.YAML.readValue(f.toFile(), Map.class);
        for (Map<String, Object> t : (List<Map<String, Object>>) doc.get("tests")) {
          for (Map<String, Object> a : (List<Map<String, Object>>) t.getOrDefault("alert_rule_test", List.of())) {
            List<?> exp = (List<?>) a.getOrDefault("exp_alerts", List.of());
            (exp == null || exp.isEmpty() ? quiet : firing).add(String.valueOf(a.get("alertname")));
          }
        }
      }
    }
    Set<String> names = new TreeSet<>(rules().stream().map(r -> String.valueOf(r.get("alert"))).toList());

    assertThat(List.of(firing, quiet)).containsExactly(names, names);
  }
}
