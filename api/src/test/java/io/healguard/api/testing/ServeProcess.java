package io.healguard.api.testing;

import io.healguard.api.Main;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code healguard serve} as a real child JVM on the test classpath, configured by a YAML file and
 * {@code -Dhealguard.<key>} properties. Its output is read continuously (a full pipe would stall
 * it) and kept, so a failing test can show what the child said.
 *
 * <p>{@link Launch#handClock()} runs it on a clock the test moves with {@link #advance} (through
 * the child's stdin, see {@link ClockedServe}); {@link Launch#productionLogging()} uses the
 * jar's logback.xml instead of the tests' one.
 */
public final class ServeProcess implements AutoCloseable {
  public final int port;
  public final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CompletableFuture<Void> outputEnded = new CompletableFuture<>();
  private int advances;

  private ServeProcess(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts {@code serve --config config} with {@code -Dhealguard.<key>=<value>} for each setting; waits until it listens. */
  public static ServeProcess start(Path config, int port, Map<String, String> settings) throws Exception {
    Launch l = launch(config, port);
    settings.forEach(l::setting);
    return l.start();
  }

  public static Launch launch(Path config, int port) {
    return new Launch(config, port);
  }

  /** How to start the child. */
  public static final class Launch {
    private final Path config;
    private final int port;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private Path workDir;
    private boolean handClock;
    private boolean productionLogging;
    private Path pathFirst;

    private Launch(Path config, int port) {
      this.config = config;
      this.port = port;
    }

    public Launch setting(String key, String value) {
      settings.put(key, value);
      return this;
    }

    /** The child's working directory (default: the test's). */
    public Launch in(Path dir) {
      workDir = dir;
      return this;
    }

    /** Puts {@code dir} first on the child's PATH: its stand-ins for host tools ({@code systemctl}) win. */
    public Launch pathFirst(Path dir) {
      pathFirst = dir;
      return this;
    }

    public Launch handClock() {
      handClock = true;
      return this;
    }

    public Launch productionLogging() {
      productionLogging = true;
      return this;
    }

    /** Starts the child and waits (3 minutes at most) until it listens. */
    public ServeProcess start() throws Exception {
      List<String> cmd = new ArrayList<>();
      cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
      cmd.add("-cp");
      cmd.add(System.getProperty("java.class.path"));
      if (productionLogging) {
        cmd.add("-Dlogback.configurationFile=" + Main.class.getResource("/logback.xml"));
      }
      cmd.add("-Dhealguard.http.port=" + port);
      settings.forEach((k, v) -> cmd.add("-Dhealguard." + k + "=" + v));
      cmd.add(handClock ? ClockedServe.class.getName() : Main.class.getName());
      cmd.add("serve");
      cmd.add("--config");
      cmd.add(config.toString());
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
      if (workDir != null) {
        pb.directory(workDir.toFile());
      }
      // the child's settings are the file and -D only: serve refuses unknown HEALGUARD_* variables,
      // and the test run has HEALGUARD_TEST_JDBC_URL
      pb.environment().keySet().removeIf(k -> k.startsWith("HEALGUARD_"));
      if (pathFirst != null) {
        pb.environment().merge("PATH", pathFirst.toString(), (path, dir) -> dir + java.io.File.pathSeparator + path);
      }
      return ServeProcess.started(pb.start(), port);
    }
  }

  private static ServeProcess started(Process p, int port) throws Exception {
    ServeProcess s = new ServeProcess(port, p);
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          s.output.add(line);
          if (line.contains("healguard listening on http://127.0.0.1:" + port)) listening.complete(null);
        }
        s.outputEnded.complete(null);
        listening.completeExceptionally(new IllegalStateException("serve exited with " + p.waitFor() + ":\n" + s.tail(40)));
      } catch (IOException | InterruptedException e) {
        s.outputEnded.complete(null);
        listening.completeExceptionally(e);
      }
    }, "serve-" + port + "-output");
    reader.setDaemon(true);
    reader.start();
    try {
      listening.get(3, TimeUnit.MINUTES);
    } catch (Exception e) {
      s.close();
      throw e;
    }
    return s;
  }

  /** Moves the child's clock forward (a {@link Launch#handClock()} child) and waits until it has. */
  public void advance(Duration d) throws Exception {
    int n = ++advances;
    OutputStream in = process.getOutputStream();
    in.write((ClockedServe.ADVANCE + " " + n + " " + d + "\n").getBytes(StandardCharsets.UTF_8));
    in.flush();
    String done = ClockedServe.ADVANCED + " " + n + " ";
    // the child reads its stdin on a thread of its own: bounded wait for its answer
    if (Waits.until(Duration.ofSeconds(30), () -> linesWith(done), l -> !l.isEmpty()).isEmpty()) {
      throw new IllegalStateException("the child did not move its clock by " + d + ":\n" + tail(20));
    }
  }

  /** SIGTERM, then waits (bounded) for the exit and the end of its output; the exit status. */
  public int terminate(Duration deadline) throws Exception {
    // SIGTERM, what systemctl stop sends; through the handle, because Process.destroy() also
    // closes our end of the child's output, and the lines it logs while stopping would be lost
    process.toHandle().destroy();
    if (!process.waitFor(deadline.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException("serve did not exit within " + deadline + " of SIGTERM:\n" + tail(20));
    }
    outputEnded.get(30, TimeUnit.SECONDS);
    return process.exitValue();
  }

  /** The child's last {@code n} output lines. */
  public String tail(int n) {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - n), output.size()));
    }
  }

  /** Every output line so far. */
  public List<String> lines() {
    synchronized (output) {
      return List.copyOf(output);
    }
  }

  /** Output lines containing {@code text}. */
  public List<String> linesWith(String text) {
    synchronized (output) {
      return output.stream().filter(l -> l.contains(text)).toList();
    }
  }

  /** SIGKILL, and waits (bounded) for the process to be gone. */
  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
