package io.healguard.engine.drift.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.healguard.engine.drift.internal.YamlTree.Node;
import java.io.IOException;
import org.junit.jupiter.api.Test;

class YamlTreeTest {
  @Test
  void shouldKeepEachValuesKeyAndLine() throws Exception {
    Node root = YamlTree.parse("env_file: /etc/app/runtime.env\nhooks:\n  restart:\n    cwd: /srv/ingest\n    exec: [python3.10, /opt/x.py]\n");

    Node restart = root.children().get(1).children().get(0);
    assertThat(root.children().get(0)).isEqualTo(new Node("env_file", 1, "/etc/app/runtime.env", java.util.List.of()));
    assertThat(restart.key()).isEqualTo("restart");
    assertThat(restart.children().get(0).line()).isEqualTo(4);
    assertThat(restart.children().get(1).items()).containsExactly("python3.10", "/opt/x.py");
  }

  @Test
  void shouldRefuseTextThatIsNotYaml() {
    assertThatThrownBy(() -> YamlTree.parse("a: [b\n")).isInstanceOf(IOException.class);
  }
}
