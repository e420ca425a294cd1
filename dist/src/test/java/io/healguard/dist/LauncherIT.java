package io.healguard.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/** {@code bin/healguard} of the built archive, run as a real sh script. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class LauncherIT {
  Path prefix;
  Path home;
  Path elsewhere;

  @BeforeAll
  void install(@TempDir Path dir) throws Exception {
    // traversable by every user: one test runs the launcher as nobody
    Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    prefix = dir;
    home = Install.unpack(prefix.resolve("opt"));
    elsewhere = Files.createDirectories(prefix.resolve("elsewhere"));
  }

  @Test
  void shouldShipTheLayoutOfTheInstallDocs() {
    assertThat(home.resolve("bin/healguard")).isExecutable();
    assertThat(home.resolve("lib/healguard.jar")).isRegularFile();
    assertThat(home.resolve("etc/healguard.yaml")).content()
        .contains("  dir: ../data").contains("  tables-dir: ../decision-tables");
    assertThat(home.resolve("decision-tables/gates.xlsx")).isRegularFile();
    assertThat(home.resolve("decision-tables/thresholds.xlsx")).isRegularFile();
    assertThat(home.resolve("runbook/README.md")).isRegularFile();
    assertThat(home.resolve("docs/install.md")).isRegularFile();
    assertThat(home.resolve("systemd")).isDirectoryContaining("glob:**/healguard.service")
        .isDirectoryContaining("glob:**/healguard-report@.service")
        .isDirectoryContaining("glob:**/healguard-restarts.conf")
        .isDirectoryContaining("glob:**/healguard-advisory.conf")
        .isDirectoryContaining("glob:**/50-healguard-restart.rules");
    assertThat(home.resolve("systemd/healguard.service.d/50-executor-systemctl.conf")).isRegularFile();
  }

  @Test
  void shouldFindItsInstallThroughAChainOfSymlinks() throws Exception {
    Path links = Files.createDirectories(prefix.resolve("links"));
    Path bin = Files.createDirectories(prefix.resolve("usr-local-bin"));
    Files.createSymbolicLink(links.resolve("hg"), home.resolve("bin/healguard"));
    Path entry = Files.createSymbolicLink(bin.resolve("healguard"), Path.of("../links/hg"));

    Install.Result byPath = Install.run(elsewhere, Map.of(), Install.cmd(entry, "--version"));
    Install.Result byName = Install.run(elsewhere, Map.of("PATH", bin + ":" + System.getenv("PATH")),
        List.of("/bin/sh", "-c", "healguard --version"));

    assertThat(byPath.code()).as(byPath.err()).isZero();
    // the jar's manifest carries the build's version, so an installed copy says which it is
    assertThat(byPath.out().strip()).matches("healguard \\d+\\.\\d+\\.\\d+.*");
    assertThat(byName.code()).as(byName.err()).isZero();
    assertThat(byName.out()).isEqualTo(byPath.out());
  }

  @Test
  void shouldExit2WithOneLineWhenJavaHomeHasNoJava() throws Exception {
    Install.Result r = Install.run(elsewhere, Map.of("JAVA_HOME", "/nonexistent-jdk"),
        Install.cmd(home.resolve("bin/healguard"), "--version"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("healguard: JAVA_HOME is /nonexistent-jdk, but /nonexistent-jdk/bin/java "
        + "is not an executable: point JAVA_HOME at a JDK or JRE 17+");
  }

  @Test
  void shouldUseJavaFromJavaHomeBeforePath() throws Exception {
    Path fakeHome = Files.createDirectories(prefix.resolve("fake-jdk/bin"));
    Path java = fakeHome.resolve("java");
    Files.writeString(java, "#!/bin/sh\necho \"fake java $*\"\n");
    Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

    Install.Result r = Install.run(elsewhere, Map.of("JAVA_HOME", fakeHome.getParent().toString()),
        Install.cmd(home.resolve("bin/healguard"), "--version"));

    assertThat(r.code()).isZero();
    assertThat(r.out().strip()).isEqualTo("fake java -XX:+UseSerialGC -jar " + home.resolve("lib/healguard.jar") + " --version");
  }

  @Test
  void shouldExit2WithOneLineWhenNoJavaIsFound() throws Exception {
    // only the tools the launcher itself needs, and no java among them
    Path tools = Files.createDirectories(prefix.resolve("tools"));
    for (String t : List.of("dirname", "readlink", "ls", "sed")) {
      Files.createSymbolicLink(tools.resolve(t), Path.of("/usr/bin", t));
    }

    Install.Result r = Install.run(elsewhere, Map.of("PATH", tools.toString()), List.of("/bin/sh",
        home.resolve("bin/healguard").toString(), "--version"));

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("healguard: java not found: install a Java 17+ runtime or set JAVA_HOME");
  }

  @Test
  void shouldGiveEachCommandItsDefaultHeapAndLetJavaOptsOverrideIt() throws Exception {
    Path launcher = home.resolve("bin/healguard");

    String serve = flags(Install.run(elsewhere, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"),
        Install.cmd(launcher, "serve", "--help")));
    String report = flags(Install.run(elsewhere, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags"),
        Install.cmd(launcher, "report", "--help")));
    String overridden = flags(Install.run(elsewhere, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags -Xmx96m"),
        Install.cmd(launcher, "serve", "--help")));

    assertThat(serve).contains("-XX:MaxHeapSize=268435456", "-XX:+UseSerialGC", "-XX:+ExitOnOutOfMemoryError");
    assertThat(report).contains("-XX:MaxHeapSize=67108864", "-XX:TieredStopAtLevel=1");
    assertThat(overridden).contains("-XX:MaxHeapSize=100663296");
  }

  @Test
  void shouldArchiveServesClassesAtTheFirstStartAndMapThemFromTheNext() throws Exception {
    Path cds = Files.createDirectories(prefix.resolve("cds"));
    Map<String, String> env = Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags", "HEALGUARD_CDS_DIR", cds.toString());
    Path launcher = home.resolve("bin/healguard");

    String first = flags(Install.run(elsewhere, env, Install.cmd(launcher, "serve", "--help")));
    String next = flags(Install.run(elsewhere, env, Install.cmd(launcher, "serve", "--help")));
    String off = flags(Install.run(elsewhere, Map.of("JAVA_OPTS", "-XX:+PrintCommandLineFlags",
        "HEALGUARD_CDS_DIR", cds.toString(), "HEALGUARD_CDS", "off"), Install.cmd(launcher, "serve", "--help")));

    assertThat(first).containsPattern("-XX:ArchiveClassesAtExit=" + cds + "/healguard-serve-\\d+\\.jsa");
    assertThat(next).containsPattern("-XX:SharedArchiveFile=" + cds + "/healguard-serve-\\d+\\.jsa");
    assertThat(cds).isDirectoryContaining("glob:**/healguard-serve-*.jsa");
    assertThat(off).doesNotContain("SharedArchiveFile", "ArchiveClassesAtExit");
  }

  @Test
  void shouldHandServeTheBundledConfigOnlyWhenNoneIsGiven() throws Exception {
    Install.Result given = Install.run(elsewhere, Map.of(),
        Install.cmd(home.resolve("bin/healguard"), "serve", "--config", "/nonexistent.yaml"));

    assertThat(given.code()).isEqualTo(2);
    assertThat(given.errLines()).last().asString().endsWith("--config must be a readable YAML file, but was '/nonexistent.yaml'");
  }

  @Test
  void shouldExit2WithOneLineWhenTheTokenFileIsNotReadableByTheUser() throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "runs the launcher as nobody, which needs root");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/setpriv")), "needs setpriv (util-linux)");
    Path secret = Files.writeString(prefix.resolve("root-only.token"), "secret\n");
    Files.setPosixFilePermissions(secret, PosixFilePermissions.fromString("rw-------"));

    Install.Result r = Install.run(Path.of("/"), Map.of("HOME", "/nonexistent"), List.of("/usr/bin/setpriv",
        "--reuid=65534", "--regid=65534", "--clear-groups", home.resolve("bin/healguard").toString(), "report",
        "--token-file", secret.toString(), "--unit", "api.service", "--status", "DOWN", "--url", "http://127.0.0.1:1"));

    assertThat(r.code()).as(r.err()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly(
        "healguard: --token-file " + secret + " cannot be read: permission denied for this user");
  }

  /** The JVM's -XX:+PrintCommandLineFlags line. */
  private static String flags(Install.Result r) {
    assertThat(r.code()).as(r.err()).isZero();
    return r.out().lines().filter(l -> l.contains("-XX:")).findFirst().orElseThrow();
  }
}
