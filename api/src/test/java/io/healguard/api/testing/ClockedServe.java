package io.healguard.api.testing;

import io.healguard.api.Main;
import io.healguard.api.cli.Logging;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * {@code healguard} in a child JVM whose {@code serve} runs on a {@link TestClock} moved through
 * stdin: the line {@code advance <n> <ISO duration>} moves it and is answered on stdout with
 * {@code clock advanced <n> ...}, so the parent knows the step is in force before its next request.
 */
public final class ClockedServe {
  static final String ADVANCE = "advance";
  static final String ADVANCED = "clock advanced";

  private ClockedServe() {}

  public static void main(String[] args) {
    TestClock clock = new TestClock();
    Thread stdin = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          String[] w = line.trim().split(" ");
          if (w.length == 3 && w[0].equals(ADVANCE)) {
            clock.advance(Duration.parse(w[2]));
            System.out.println(ADVANCED + " " + w[1] + " by " + w[2] + " to " + clock.instant());
            System.out.flush();
          }
        }
      } catch (IOException e) {
        System.err.println("clocked serve: stdin: " + e);
      }
    }, "clock-stdin");
    stdin.setDaemon(true);
    stdin.start();
    int code = Main.run(clock, args);
    Logging.flushAndStop();
    System.exit(code);
  }
}
