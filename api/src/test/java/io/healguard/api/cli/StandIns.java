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
}
