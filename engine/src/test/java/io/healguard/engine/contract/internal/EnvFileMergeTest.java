package io.healguard.engine.contract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.contract.Contract;
import java.util.List;
import org.junit.jupiter.api.Test;

class EnvFileMergeTest {
  static final Contract C = new Contract("/opt/conda", "ingest", "/opt/conda/envs/ingest",
      "/opt/conda/envs/ingest/bin/python3.11", "/srv/my app", "/etc/app/runtime.env", List.of(), List.of(), null);
  static final String BLOCK = "# BEGIN healguard runtime contract: rendered from c.yaml (sha-256 ab).\n"
      + "# healguard contract render rewrites the lines up to END; the rest of this file is left as it is.\n"
      + "CONDA_ROOT_PREFIX=/opt/conda\nCONDA_ENV_NAME=ingest\nCONDA_PREFIX=/opt/conda/envs/ingest\n"
      + "APP_PYTHON=/opt/conda/envs/ingest/bin/python3.11\nAPP_WORKDIR=\"/srv/my app\"\n"
      + "# END healguard runtime contract\n";

  static EnvFileMerge.Result merge(String existing) {
    return EnvFileMerge.merge("/etc/app/runtime.env", existing, C, "c.yaml (sha-256 ab)");
  }

  @Test
  void shouldWriteOnlyTheBlockForAFileThatDoesNotExist() {
    assertThat(merge(null).content()).isEqualTo(BLOCK);
  }

  @Test
  void shouldAppendTheBlockAndKeepAFileWithoutFinalNewline() {
    assertThat(merge("# app\nDEBUG=0").content()).isEqualTo("# app\nDEBUG=0\n" + BLOCK);
  }

  @Test
  void shouldGiveTheFileBackByteForByteWhenTheBlockIsDeleted() {
    String original = "# Managed by Ansible\nA=1\n\nB=\"x y\"\n";

    String merged = merge(original).content();

    assertThat(merged.replaceAll("(?s)# BEGIN healguard runtime contract.*# END healguard runtime contract\n", "")).isEqualTo(original);
  }

  @Test
  void shouldGiveTheSameBytesWhenMergedIntoItsOwnOutput() {
    String once = merge("# app\nexport DEBUG=0\n\nLOG=info\n").content();

    assertThat(merge(once).content()).isEqualTo(once);
    assertThat(merge(once).notes()).isEmpty();
  }

  @Test
  void shouldKeepCarriageReturnsOfLinesItDoesNotOwn() {
    assertThat(merge("A=1\r\nB=2\r\n").content()).startsWith("A=1\r\nB=2\r\n# BEGIN");
  }

  @Test
  void shouldAppendANewBlockWhenAnOldOneNeverEnds() {
    String merged = merge("A=1\n# BEGIN healguard runtime contract: x\nB=2\n").content();

    assertThat(merged).startsWith("A=1\n# BEGIN healguard runtime contract: x\nB=2\n# BEGIN healguard runtime contract: rendered");
  }
}
