package io.healguard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every runbook link the service hands out (alerts, fail-safe decisions) names a page that
 * exists: an on-call person following a link at 3 a.m. must not land on a 404.
 */
class RunbookLinkTest {
  private static final Pattern LINK = Pattern.compile("\"(runbook/[^\"#]+)(#[^\"]*)?\"");

  @Test
  void shouldPointEveryRunbookLinkInTheCodeAtAnExistingPage() throws IOException {
    Path root = Fixtures.repoRoot();
    List<String> links = new ArrayList<>();
    List<String> dead = new ArrayList<>();

    for (String module : List.of("api/src/main/java", "engine/src/main/java")) {
      try (Stream<Path> files = Files.walk(root.resolve(module))) {
        for (Path f : files.filter(p -> p.toString().endsWith(".java")).toList()) {
          Matcher m = LINK.matcher(Files.readString(f));
          while (m.find()) {
            links.add(m.group(1));
            if (!Files.isRegularFile(root.resolve(m.group(1)))) dead.add(root.relativize(f) + ": " + m.group(1));
          }
        }
      }
    }

    assertThat(links).contains("runbook/alerts/POLICY_REJECTED.md", "runbook/STORE_UNAVAILABLE.md");
    assertThat(dead).isEmpty();
  }
}
