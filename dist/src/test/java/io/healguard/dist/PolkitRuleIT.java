package io.healguard.dist;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped polkit rule, judged by a real polkitd: it lets user healguard restart the units it
 * lists and nothing else. polkitd, its private system bus and the rule run in a mount namespace
 * of their own (src/test/sh/polkit-check.sh); the host's /etc is not touched.
 */
class PolkitRuleIT {
  static final int UID = 64999;

  @Test
  void shouldLetHealguardRestartTheListedUnitsOnly(@TempDir Path dir) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules.d"));
    Path home = Install.unpack(dir.resolve("opt"));
    Files.copy(home.resolve("systemd/50-healguard-restart.rules"), rules.resolve("50-healguard-restart.rules"));

    List<String> answers = ask(dir, rules, "api.service:restart", "worker.service:restart", "api.service:stop",
        "api.service:start", "ssh.service:restart");

    assertThat(answers).containsExactly("api.service restart yes", "worker.service restart yes", "api.service stop no",
        "api.service start no", "ssh.service restart no");
  }

  @Test
  void shouldRefuseARestartWithoutTheRule(@TempDir Path dir) throws Exception {
    Path rules = Files.createDirectories(dir.resolve("rules.d"));

    List<String> answers = ask(dir, rules, "api.service:restart");

    assertThat(answers).containsExactly("api.service restart no");
  }

  private static List<String> ask(Path dir, Path rules, String... questions) throws Exception {
    assumeTrue("root".equals(System.getProperty("user.name")), "needs root: a mount namespace and polkitd");
    for (String tool : List.of("/usr/lib/polkit-1/polkitd", "/usr/bin/pkcheck", "/usr/bin/dbus-daemon",
        "/usr/bin/unshare", "/usr/bin/setpriv")) {
      assumeTrue(Files.isExecutable(Path.of(tool)), tool + " is not installed (Debian: polkitd, pkexec, dbus, util-linux)");
    }
    assumeTrue(Files.isDirectory(Path.of("/etc/polkit-1/rules.d")), "no /etc/polkit-1/rules.d to mount over");
    assumeTrue(Files.readAllLines(Path.of("/etc/passwd")).stream().noneMatch(l -> l.split(":")[2].equals("" + UID)),
        "uid " + UID + " is taken on this host");
    Path script = Path.of(System.getProperty("healguard.dist.polkit-check"));
    // polkitd drops to user polkitd: it must reach the bus socket and read the rules under dir
    Files.setPosixFilePermissions(dir, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));
    Path work = Files.createDirectories(dir.resolve("work"));
    List<String> cmd = new ArrayList<>(List.of("/usr/bin/unshare", "-m", "--propagation", "private", "/bin/sh",
        script.toString(), work.toString(), rules.toString(), Integer.toString(UID)));
    cmd.addAll(List.of(questions));

    Install.Result r = Install.run(dir, Map.of(), cmd);

    assertThat(r.code()).as(r.out() + r.err()).isZero();
    return r.out().strip().lines().toList();
  }
}
