package io.healguard.api.alerting;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.config.ConfigLoader;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.testing.AlertmanagerProcess;
import io.vertx.core.Vertx;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The configuration docs/alerting.md tells an operator to copy is what the tools accept: each
 * block marked {@code <!-- check: amtool -->}, {@code promtool} or {@code healguard} is written to
 * a file and checked with {@code amtool check-config}, {@code promtool check config} (with the
 * shipped rules beside it) or healguard's own configuration loader.
 */
class AlertingDocsTest {
  static final Path ROOT = Path.of(System.getProperty("healguard.repo.root"));
  static final Pattern BLOCK = Pattern.compile("<!-- check: (\\w+) -->\\s*```yaml\\n(.*?)```", Pattern.DOTALL);

  record Block(String tool, String yaml) {}

  static List<Block> blocks() throws Exception {
    List<Block> out = new ArrayList<>();
    Matcher m = BLOCK.matcher(Files.readString(ROOT.resolve("docs/alerting.md")));
    while (m.find()) {
      out.add(new Block(m.group(1), m.group(2)));
    }
    return out;
  }

  static String run(Path dir, String... cmd) throws Exception {
    Process p = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as("%s said:\n%s", String.join(" ", cmd), out).isZero();
    return out;
  }

  @Test
  void shouldMarkEveryConfigurationBlockForATool() throws Exception {
    assertThat(blocks()).extracting(Block::tool).containsExactly("healguard", "amtool", "promtool", "amtool");
  }

  @Test
  void shouldPassAmtoolCheckConfigForEachAlertmanagerBlock(@TempDir Path dir) throws Exception {
    Path amtool = AlertmanagerProcess.onPath("amtool");
    Assumptions.assumeTrue(amtool != null, "amtool is not installed (Debian package prometheus-alertmanager): skipped");
    int i = 0;
    for (Block b : blocks()) {
      if (b.tool().equals("amtool")) {
        Path f = Files.writeString(dir.resolve("alertmanager-" + i++ + ".yml"), b.yaml());

        String out = run(dir, amtool.toString(), "check-config", f.toString());

        assertThat(out).contains("SUCCESS");
      }
    }
    assertThat(i).isEqualTo(2);
  }

  @Test
  void shouldPassPromtoolCheckConfigWithTheShippedRules(@TempDir Path dir) throws Exception {
    Path promtool = AlertmanagerProcess.onPath("promtool");
    Assumptions.assumeTrue(promtool != null, "promtool is not installed (Debian package prometheus): skipped");
    Files.copy(ROOT.resolve("prometheus/healguard-rules.yaml"), dir.resolve("healguard-rules.yaml"));
    Block b = blocks().stream().filter(x -> x.tool().equals("promtool")).findFirst().orElseThrow();
    Path f = Files.writeString(dir.resolve("prometheus.yml"), b.yaml());

    String out = run(dir, promtool.toString(), "check", "config", f.toString());

    assertThat(out).contains("SUCCESS: 1 rule files found", "SUCCESS: 10 rules found");
  }

  @Test
  void shouldLoadTheHealguardBlockWithTheServiceConfigLoader(@TempDir Path dir) throws Exception {
    Block b = blocks().stream().filter(x -> x.tool().equals("healguard")).findFirst().orElseThrow();
    Files.createDirectories(dir.resolve("decision-tables"));
    Path f = Files.writeString(dir.resolve("healguard.yaml"), b.yaml()
        + "policy:\n  tables-dir: " + ROOT.resolve("decision-tables") + "\ndata:\n  dir: " + dir.resolve("data") + "\n");
    Vertx vertx = Vertx.vertx();
    try {
      ServiceConfig cfg = new ConfigLoader(Map.of(), new Properties()).load(vertx, f)
          .toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);

      assertThat(cfg.alerting().alertmanagers()).extracting(AlertingConfig.Target::name).containsExactly("http://127.0.0.1:9093");
      assertThat(cfg.alerting().labels()).isEqualTo(Map.of("team", "ops"));
      assertThat(cfg.alerting().runbookBase()).hasToString("https://git.example.org/ops/healguard/blob/main");
    } finally {
      vertx.close();
    }
  }
}
