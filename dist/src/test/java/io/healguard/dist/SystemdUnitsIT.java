package io.healguard.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * {@code systemd-analyze verify} on every shipped unit and drop-in, exactly as shipped, in a root
 * laid out as docs/install.md installs it: the archive at /opt/healguard, the units and drop-ins
 * in /etc/systemd/system, the host's own /usr/lib/systemd/system (for sysinit.target and the
 * like) and /usr/bin/curl (the readiness check). verify then checks the syntax and value of every
 * setting (an unknown key or a bad value is only a warning, so any output fails the test), that
 * every ExecStart=/ExecStartPost= binary exists and is executable in that root, and that the
 * units they name (OnFailure=healguard-report@%n.service) load.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SystemdUnitsIT {
  static final Path ANALYZE = Path.of("/usr/bin/systemd-analyze");
  Path root;

  @BeforeAll
  void layOut(@TempDir Path dir) throws Exception {
    assumeTrue(Files.isExecutable(ANALYZE), "systemd-analyze is not installed (Debian package systemd)");
    assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl is not installed: healguard.service's readiness check runs it");
    root = dir.resolve("root");
    Path opt = Install.unpack(root.resolve("opt"));
    Files.move(opt, root.resolve("opt/healguard"));
    Path shipped = root.resolve("opt/healguard/systemd");
    Path etc = Files.createDirectories(root.resolve("etc/systemd/system"));
    copyTree(Path.of("/usr/lib/systemd/system"), root.resolve("usr/lib/systemd/system"));
    Files.createDirectories(root.resolve("usr/bin"));
    Files.copy(Path.of("/usr/bin/curl"), root.resolve("usr/bin/curl"), StandardCopyOption.COPY_ATTRIBUTES);

    Files.copy(shipped.resolve("healguard.service"), etc.resolve("healguard.service"));
    Files.copy(shipped.resolve("healguard-report@.service"), etc.resolve("healguard-report@.service"));
    copyTree(shipped.resolve("healguard.service.d"), etc.resolve("healguard.service.d"));
    monitored(etc, "restarted-by-healguard.service", shipped.resolve("healguard-restarts.conf"));
    monitored(etc, "advised-by-healguard.service", shipped.resolve("healguard-advisory.conf"));
  }

  /** A monitored unit as an operator has one, with a shipped drop-in. */
  private static void monitored(Path etc, String name, Path dropIn) throws IOException {
    Files.writeString(etc.resolve(name), "[Unit]\nDescription=a monitored unit\n\n[Service]\n"
        + "ExecStart=/usr/bin/curl --version\nRestart=on-failure\n");
    Path d = Files.createDirectories(etc.resolve(name + ".d"));
    Files.copy(dropIn, d.resolve("50-healguard.conf"));
  }

  private Install.Result verify(String unit) throws Exception {
    return Install.run(root, Map.of(), List.of(ANALYZE.toString(), "verify", "--man=no", "--root=" + root, unit));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "healguard.service",                           // with its drop-in 50-executor-systemctl.conf
      "healguard-report@api.service.service",        // the template, as OnFailure= instantiates it
      "restarted-by-healguard.service",              // healguard-restarts.conf
      "advised-by-healguard.service"})               // healguard-advisory.conf
  void shouldPassSystemdAnalyzeVerifyWithoutAWarning(String unit) throws Exception {
    Install.Result r = verify(unit);

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.out() + r.err()).isEmpty();
  }

  @Test
  void shouldNoticeABadSettingInADropIn() throws Exception {
    Path bad = root.resolve("etc/systemd/system/healguard.service.d/90-typo.conf");
    Files.writeString(bad, "[Service]\nProtectSystem=stricter\n");
    try {
      Install.Result r = verify("healguard.service");

      assertThat(r.out() + r.err()).contains("90-typo.conf", "stricter");
    } finally {
      Files.delete(bad);
    }
  }

  @Test
  void shouldRunEveryShippedUnitFromTheInstallPath() throws Exception {
    try (Stream<Path> units = Files.list(root.resolve("opt/healguard/systemd"))) {
      List<Path> services = units.filter(p -> p.toString().endsWith(".service")).toList();

      assertThat(services).hasSize(2).allSatisfy(u -> assertThat(Files.readString(u))
          .contains("ExecStart=/opt/healguard/bin/healguard "));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> all = Files.walk(from)) {
      for (Path p : (Iterable<Path>) all::iterator) {
        Path target = to.resolve(from.relativize(p).toString());
        if (Files.isSymbolicLink(p)) {
          Files.createDirectories(target.getParent());
          Files.createSymbolicLink(target, Files.readSymbolicLink(p));
        } else if (Files.isDirectory(p)) {
          Files.createDirectories(target);
        } else {
          Files.copy(p, target);
        }
      }
    }
  }
}
