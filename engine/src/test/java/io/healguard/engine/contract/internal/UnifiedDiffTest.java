package io.healguard.engine.contract.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class UnifiedDiffTest {
  @Test
  void shouldBeEmptyForEqualTexts() {
    assertThat(UnifiedDiff.of("/a", "x\n", "x\n")).isEmpty();
  }

  @Test
  void shouldShowANewFileAgainstDevNull() {
    assertThat(UnifiedDiff.of("/etc/a", null, "x\ny\n")).isEqualTo("--- /dev/null\n+++ b/etc/a\n@@ -0,0 +1,2 @@\n+x\n+y\n");
  }

  @Test
  void shouldShowAChangeWithThreeLinesOfContextAndItsLineNumbers() {
    String before = "1\n2\n3\n4\n5\n6\n7\n8\n9\n";
    String after = "1\n2\n3\n4\n5\nsix\n7\n8\n9\n";

    assertThat(UnifiedDiff.of("/f", before, after)).isEqualTo(
        "--- a/f\n+++ b/f\n@@ -3,7 +3,7 @@\n 3\n 4\n 5\n-6\n+six\n 7\n 8\n 9\n");
  }

  @Test
  void shouldSplitChangesFarApartIntoTwoHunks() {
    String before = "a\n1\n2\n3\n4\n5\n6\n7\n8\nb\n";
    String after = "A\n1\n2\n3\n4\n5\n6\n7\n8\nB\n";

    assertThat(UnifiedDiff.of("/f", before, after)).isEqualTo("--- a/f\n+++ b/f\n"
        + "@@ -1,4 +1,4 @@\n-a\n+A\n 1\n 2\n 3\n"
        + "@@ -7,4 +7,4 @@\n 6\n 7\n 8\n-b\n+B\n");
  }
}
