package io.healguard.engine.systemd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.healguard.engine.contract.Contract;
import io.healguard.engine.drift.HostSnapshot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The host model against systemd's own reading of the same files: for every contract unit of
 * every corpus case, {@code SYSTEMD_LOG_LEVEL=debug systemd-analyze verify --root=HOST} loads the
 * unit offline and dumps it, and the fragment, drop-ins, {@code WorkingDirectory=},
 * {@code EnvironmentFile=} and each {@code Exec*=} argument vector must be what
 * {@link UnitLocator} and {@link EffectiveUnit} say. What the dump cannot show, and so is not
 * compared: exec prefixes ({@code -@:+!}; with {@code @} the dump starts at the display name),
 * the program a plain name resolves to, variable expansion (done at start), the {@code -} of
 * {@code WorkingDirectory=}, and {@code WorkingDirectory=~} (dumped as "/" like no directory);
 * units under {@code /run/systemd/generator*} or {@code transient}, which verify replaces with
 * directories of its own (the corpus has none there).
 * Skips when systemd-analyze is not installed.
 */
class SystemdAgreementTest {
  private static final long DEADLINE_SECONDS = 60;

  @TempDir Path tmp;

  @BeforeAll
  static void systemdAnalyze() {
    assumeTrue(onPath("systemd-analyze"), "systemd-analyze is not installed (Debian package systemd); nothing to compare with");
  }

  static Stream<String> cases() {
    return HostSnapshot.caseNames().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void shouldReadEachContractUnitAsSystemdDoes(String name) throws Exception {
    Path root = HostSnapshot.materialize(name, tmp);
    Contract contract = Contract.load(HostSnapshot.contract(name));
    HostFs fs = new HostFs(root);
    UnitLocator locator = new UnitLocator(fs);
    for (String unit : units(contract, locator)) {
      Optional<UnitSource> src = locator.find(unit);

      Dump systemd = verify(root, unit);

      if (src.isEmpty() || src.get().masked()) {
        assertThat(systemd.outcome()).as(unit).isEqualTo(src.isEmpty() ? "not found" : "masked");
        continue;
      }
      EffectiveUnit u = EffectiveUnit.load(fs, src.get());
      if (u.refused()) {
        assertThat(systemd.outcome()).as(unit).isEqualTo("bad-setting");
        continue;
      }
      assertThat(systemd.outcome()).as(unit + "\n" + systemd.log()).isEqualTo("loaded");
      assertThat(systemd.values().get("Fragment Path")).as(unit).containsExactly(root + src.get().fragment());
      assertThat(systemd.values().getOrDefault("DropIn Path", List.of())).as(unit)
          .containsExactlyElementsOf(src.get().dropIns().stream().map(d -> root + d).toList());
      assertThat(systemd.values().get("WorkingDirectory")).as(unit).containsExactly(workingDirectory(u));
      assertThat(systemd.values().getOrDefault("EnvironmentFile", List.of())).as(unit)
          .containsExactlyElementsOf(environmentFiles(fs, u));
      assertThat(systemd.exec()).as(unit).isEqualTo(argv(u));
    }
  }

  /** Contract units, a template as each configured instance (or itself, as the checker does). */
  private static List<String> units(Contract contract, UnitLocator locator) {
    List<String> out = new ArrayList<>();
    for (String unit : contract.units()) {
      List<String> instances = UnitName.isTemplate(unit) ? locator.instancesOf(unit) : List.of();
      out.addAll(instances.isEmpty() ? List.of(unit) : instances);
    }
    return out;
  }

  private static String workingDirectory(EffectiveUnit u) {
    return u.workingDirectory().map(l -> {
      String v = Specifiers.expand(l.value().startsWith("-") ? l.value().substring(1) : l.value(), u.name());
      return v.equals("~") ? "/" : HostFs.normalize(v); // systemd simplifies the path: /srv/ingest/ is /srv/ingest
    }).orElse("/");
  }

  private static List<String> environmentFiles(HostFs fs, EffectiveUnit u) {
    return UnitEnvironment.of(fs, u, null, null).loads().stream()
        .filter(l -> l.status() != UnitEnvironment.LoadStatus.RELATIVE)
        .map(l -> (l.optional() ? "-" : "") + l.path())
        .toList();
  }

  private static Map<String, List<List<String>>> argv(EffectiveUnit u) {
    Map<String, List<List<String>>> out = new LinkedHashMap<>();
    u.exec().forEach((key, lines) -> {
      for (Located l : lines) {
        out.computeIfAbsent(key, k -> new ArrayList<>())
            .add(ExecLine.parse(Specifiers.expand(l.value(), u.name()), n -> null).argv());
      }
    });
    return out;
  }

  /** What systemd made of a unit: "loaded", "masked", "not found" or "bad-setting", and its dump. */
  record Dump(String outcome, Map<String, List<String>> values, Map<String, List<List<String>>> exec, String log) {}

  private Dump verify(Path root, String unit) throws IOException, InterruptedException {
    Path log = Files.createTempFile(tmp, "verify", ".log");
    ProcessBuilder pb = new ProcessBuilder("systemd-analyze", "verify", "--root=" + root, "--man=no", "--generators=no", unit)
        .redirectErrorStream(true)
        .redirectOutput(log.toFile());
    pb.environment().put("SYSTEMD_LOG_LEVEL", "debug"); // at debug level verify dumps each unit it loaded
    Process p = pb.start();
    p.getOutputStream().close();
    // a real child process: wait for it, but never forever
    boolean done = p.waitFor(DEADLINE_SECONDS, TimeUnit.SECONDS);
    if (!done) {
      p.destroyForcibly();
      throw new IllegalStateException("systemd-analyze verify " + unit + " did not finish in " + DEADLINE_SECONDS + " s");
    }
    return parse(Files.readString(log, StandardCharsets.UTF_8));
  }

  static Dump parse(String out) {
    Map<String, List<String>> values = new LinkedHashMap<>();
    Map<String, List<List<String>>> exec = new LinkedHashMap<>();
    String key = null;
    for (String line : out.split("\n")) {
      if (line.startsWith("\t\t-> ")) {
        key = line.substring(5, line.length() - 1);
      } else if (line.startsWith("\t\t\tCommand Line: ") && key != null) {
        exec.computeIfAbsent(key, k -> new ArrayList<>()).add(unquote(line.substring("\t\t\tCommand Line: ".length())));
      } else if (line.startsWith("\t\t") && !line.startsWith("\t\t\t") && line.contains(": ")) {
        key = null;
        int colon = line.indexOf(": ");
        values.computeIfAbsent(line.substring(2, colon), k -> new ArrayList<>()).add(line.substring(colon + 2));
      }
    }
    String outcome = out.contains("is masked.") ? "masked"
        : out.contains("not found.") && values.isEmpty() ? "not found"
        : out.contains("has a bad unit file setting") ? "bad-setting"
        : values.getOrDefault("Unit Load State", List.of("(no dump)")).get(0);
    return new Dump(outcome, values, exec, out);
  }

  /** systemd's quote_command_line: words with special characters are double-quoted with backslash escapes. */
  static List<String> unquote(String commandLine) {
    List<String> words = new ArrayList<>();
    StringBuilder cur = null;
    boolean quoted = false;
    for (int i = 0; i < commandLine.length(); i++) {
      char c = commandLine.charAt(i);
      if (!quoted && c == ' ') {
        if (cur != null) {
          words.add(cur.toString());
          cur = null;
        }
        continue;
      }
      if (cur == null) {
        cur = new StringBuilder();
      }
      if (c == '\\' && i + 1 < commandLine.length()) {
        cur.append(commandLine.charAt(++i));
      } else if (c == '"') {
        quoted = !quoted;
      } else {
        cur.append(c);
      }
    }
    if (cur != null) {
      words.add(cur.toString());
    }
    return words;
  }

  private static boolean onPath(String program) {
    String path = System.getenv().getOrDefault("PATH", "");
    return Stream.of(path.split(":")).anyMatch(d -> Files.isExecutable(Path.of(d, program)));
  }
}
