package io.healguard.api.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** Real executables standing in for host tools the test machine cannot run for real. */
final class StandIns {
  private StandIns() {}

  /**
   * A {@code journalctl} that records its arguments in {@code <dir>/journalctl.args} (one a line)
   * and prints {@code lines} log lines {@code line 1} .. {@code line N}, as {@code -o cat} would.
   */
  static Path journalctl(Path dir, int lines) throws IOException {
    Path script = dir.resolve("journalctl");
    Files.writeString(script, "#!/bin/sh\n"
        + "for a in \"$@\"; do printf '%s\\n' \"$a\"; done > '" + dir.resolve("journalctl.args") + "'\n"
        + "i=1; while [ $i -le " + lines + " ]; do echo \"line $i\"; i=$((i + 1)); done\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  /**
   * A {@code systemctl} that keeps each unit's state in {@code <dir>/<unit>.state} ({@code failed},
   * {@code active}, ...; none: {@code inactive}) and appends each call's arguments, space-separated,
   * to {@code <dir>/systemctl.calls}. {@code show} prints {@code ActiveState=} and {@code SubState=}
   * as systemd does; {@code restart} makes the unit active, unless {@code <dir>/restart.denied}
   * exists: then it fails as a polkit refusal does and the unit stays as it was. While
   * {@code <dir>/bus.down} exists, {@code show} fails as systemctl does without a system bus.
   */
  static Path systemctl(Path bin, Path dir) throws IOException {
    Files.createDirectories(bin);
    Files.createDirectories(dir);
    Path script = bin.resolve("systemctl");
    Files.writeString(script, "#!/bin/sh\n"
        + "d='" + dir + "'\n"
        + "echo \"$*\" >> \"$d/systemctl.calls\"\n"
        + "for a in \"$@\"; do unit=$a; done\n"
        + "case \"$1\" in\n"
        + "  show)\n"
        + "    if [ -e \"$d/bus.down\" ]; then\n"
        + "      echo 'Failed to connect to bus: Host is down' >&2; exit 1\n"
        + "    fi\n"
        + "    state=$(cat \"$d/$unit.state\" 2>/dev/null || echo inactive)\n"
        + "    case $state in active) sub=running ;; failed) sub=failed ;; *) sub=dead ;; esac\n"
        + "    printf 'ActiveState=%s\\nSubState=%s\\n' \"$state\" \"$sub\" ;;\n"
        + "  restart)\n"
        + "    if [ -e \"$d/restart.denied\" ]; then\n"
        + "      echo \"Failed to restart $unit: Access denied\" >&2; exit 1\n"
        + "    fi\n"
        + "    echo active > \"$d/$unit.state\" ;;\n"
        + "  *) echo \"stand-in systemctl: $1 not supported\" >&2; exit 1 ;;\n"
        + "esac\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }
}
