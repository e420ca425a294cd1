package io.healguard.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.json.Json;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * The key table of docs/service.md and the bundled configuration file say what {@link ConfigKeys}
 * declares. After adding a key, paste the table this test prints into docs/service.md.
 */
class ConfigDocsTest {
  static final String START = "<!-- config keys: generated from ConfigKeys, checked by ConfigDocsTest -->\n";
  static final String END = "<!-- end of config keys -->";

  @Test
  void shouldListEveryDeclaredKeyInTheServiceDocsTable() throws Exception {
    String page = Files.readString(Path.of(System.getProperty("healguard.repo.root"), "docs/service.md"));
    int from = page.indexOf(START);
    int to = page.indexOf(END);

    String table = from < 0 || to < from ? "(no table between the markers)" : page.substring(from + START.length(), to);

    assertThat(table).as("docs/service.md key table; expected:\n%s", ConfigKeys.markdownTable())
        .isEqualTo(ConfigKeys.markdownTable());
  }

  @Test
  void shouldNameEveryDeclaredKeyInTheBundledConfigFile() throws Exception {
    Map<?, ?> yaml;
    try (InputStream in = ConfigLoader.class.getClassLoader().getResourceAsStream(ConfigLoader.BUNDLED)) {
      yaml = Json.YAML.readValue(in, Map.class);
    }
    Set<String> written = new TreeSet<>();

    flatten("", yaml, written);

    assertThat(written).isEqualTo(new TreeSet<>(ConfigKeys.ALL.stream().map(ConfigKey::name).toList()));
  }

  private static void flatten(String prefix, Map<?, ?> m, Set<String> out) {
    m.forEach((k, v) -> {
      String key = prefix + k;
      if (v instanceof Map<?, ?> nested && !ConfigKeys.known(key)) {
        flatten(key + ".", nested, out);
      } else {
        out.add(key);
      }
    });
  }
}
