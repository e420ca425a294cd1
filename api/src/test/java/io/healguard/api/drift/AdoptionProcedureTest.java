package io.healguard.api.drift;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.engine.drift.HostSnapshot;
import io.healguard.engine.testing.Fixtures;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The adoption procedure of docs/runtime-contract.md, run word by word: every {@code $ } command
 * between the page's {@code procedure} markers runs in bash, in order, on a copy of the corpus
 * host {@code drift-adoption-walkthrough} (as {@code host/}, the contract as {@code ingest.yaml}),
 * with {@code healguard} the real CLI in a child JVM, and prints exactly what the page shows (the
 * temp directory standing for {@code /tmp/demo}). Then no setting of the host was lost, and the
 * page's rollback gave every file back byte for byte. The README's short version must be the same
 * steps in the same order.
 */
class AdoptionProcedureTest {
  static final String CASE = "drift-adoption-walkthrough";
  static final Path DOC = Fixtures.repoRoot().resolve("docs/runtime-contract.md");
  private static final long DEADLINE_SECONDS = 600;

  @TempDir Path dir;

  record Step(String command, List<String> expected) {}

  @Test
  void shouldPrintWhatTheDocumentSaysAndLoseNoSetting() throws Exception {
    List<Step> steps = steps(Files.readString(DOC));
    HostSnapshot.copyTree(HostSnapshot.corpus().resolve(CASE).resolve("host"), dir.resolve("host"));
    Files.copy(HostSnapshot.contract(CASE), dir.resolve("ingest.yaml"));

    List<List<String>> outputs = run(steps);

    assertThat(steps).hasSizeGreaterThan(10);
    for (int i = 0; i < steps.size(); i++) {
      assertThat(outputs.get(i)).as("output of `%s`", steps.get(i).command()).isEqualTo(steps.get(i).expected());
    }
    assertThat(tree(dir.resolve("host"))).as("the host after the page's rollback")
        .isEqualTo(tree(HostSnapshot.corpus().resolve(CASE).resolve("host")));
  }

  @Test
  void shouldKeepTheApplicationsEnvFileLinesAndTheOverridesOtherSettingsWhileAdopted() throws Exception {
    String doc = Files.readString(DOC);
    String installed = doc.substring(doc.indexOf("$ cat host/etc/app/runtime.env"));
    String original = Files.readString(HostSnapshot.corpus().resolve(CASE).resolve("host/etc/app/runtime.env"));

    assertThat(installed).contains(indent(original));
    assertThat(doc).contains(indent("[Service]\nEnvironment=INGEST_WORKERS=4\nLimitNOFILE=65536\n"));
  }

  @Test
  void shouldGiveTheSameStepsInTheReadmeAsInTheTestedProcedure() throws IOException {
    String readme = Files.readString(Fixtures.repoRoot().resolve("README.md"));
    String section = readme.substring(readme.indexOf("## Adopting a runtime contract on an existing host"));
    String block = section.substring(section.indexOf("```\n") + 4, section.indexOf("```", section.indexOf("```\n") + 4));
    List<String> readmeSteps = healguardSteps(block.lines().toList());
    List<String> docSteps = healguardSteps(steps(Files.readString(DOC)).stream().map(Step::command).toList());

    assertThat(readmeSteps).containsExactly("drift check --contract", "contract render --contract --diff",
        "contract render --contract --out", "drift check --contract");
    assertThat(docSteps).containsSubsequence(readmeSteps);
  }

  /** The commands between the markers and the lines each is shown to print. */
  static List<Step> steps(String doc) {
    String region = doc.substring(doc.indexOf("<!-- procedure: begin -->"), doc.indexOf("<!-- procedure: end -->"));
    List<Step> steps = new ArrayList<>();
    boolean inBlock = false;
    int indent = 0;
    for (String line : region.split("\n")) {
      String t = line.strip();
      if (t.equals("```")) {
        inBlock = !inBlock;
        indent = line.indexOf('`');
        continue;
      }
      if (!inBlock) {
        continue;
      }
      String text = line.length() >= indent ? line.substring(indent) : line.strip();
      if (text.startsWith("$ ")) {
        steps.add(new Step(text.substring(2), new ArrayList<>()));
      } else if (!steps.isEmpty()) {
        steps.get(steps.size() - 1).expected().add(text);
      }
    }
    return steps;
  }

  private List<List<String>> run(List<Step> steps) throws IOException, InterruptedException {
    StringBuilder script = new StringBuilder("set +e\n")
        .append("healguard() { java -cp \"$HG_CP\" io.healguard.api.Main \"$@\"; }\n")
        // keeps the previous command's status for the page's `echo "exit=$?"`
        .append("mark() { local s=$?; printf '\\n@@@%s@@@\\n' \"$1\"; return $s; }\n");
    for (int i = 0; i < steps.size(); i++) {
      script.append("mark ").append(i).append('\n').append(steps.get(i).command()).append('\n');
    }
    script.append("mark end\n");
    Path sh = Files.writeString(dir.resolve("procedure.sh"), script);
    Path log = dir.resolve("procedure.log");
    ProcessBuilder pb = new ProcessBuilder("bash", sh.toString()).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(log.toFile());
    pb.environment().put("HG_CP", System.getProperty("java.class.path"));
    Process p = pb.start();
    p.getOutputStream().close();
    // each step starts a real JVM; wait for all of them, but never forever
    if (!p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new IllegalStateException("the procedure did not finish in " + DEADLINE_SECONDS + " s");
    }
    String out = Files.readString(log, StandardCharsets.UTF_8).replace(dir.toString(), "/tmp/demo");
    List<List<String>> outputs = new ArrayList<>();
    for (int i = 0; i < steps.size(); i++) {
      String from = "@@@" + i + "@@@\n";
      String to = "@@@" + (i + 1 < steps.size() ? String.valueOf(i + 1) : "end") + "@@@";
      String chunk = out.substring(out.indexOf(from) + from.length(), out.indexOf(to));
      List<String> lines = new ArrayList<>(List.of(chunk.split("\n", -1)));
      // the marker's own leading newline, and the command's final one
      while (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
        lines.remove(lines.size() - 1);
      }
      outputs.add(lines);
    }
    return outputs;
  }

  /** {@code drift check --contract}: each healguard command's subcommand and flags, without values, --root or --format. */
  static List<String> healguardSteps(List<String> commands) {
    Pattern p = Pattern.compile("^\\s*healguard\\s+(.*?)(\\s+#.*|\\s*\\|\\|.*)?$");
    List<String> out = new ArrayList<>();
    for (String c : commands) {
      Matcher m = p.matcher(c);
      if (!m.matches()) {
        continue;
      }
      List<String> words = new ArrayList<>();
      String[] w = m.group(1).strip().split("\\s+");
      for (int i = 0; i < w.length; i++) {
        if (w[i].equals("--root") || w[i].equals("--format")) {
          i++;
        } else if (w[i].startsWith("--") || i < 2) {
          words.add(w[i]);
        }
      }
      out.add(String.join(" ", words));
    }
    return out;
  }

  private static String indent(String text) {
    StringBuilder sb = new StringBuilder();
    text.lines().forEach(l -> sb.append("   ").append(l).append('\n'));
    return sb.toString();
  }

  private static Map<String, String> tree(Path root) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(root)) {
      for (Path p : (Iterable<Path>) s::iterator) {
        if (Files.isRegularFile(p)) {
          files.put(root.relativize(p).toString(), Files.readString(p));
        }
      }
    }
    return files;
  }
}
