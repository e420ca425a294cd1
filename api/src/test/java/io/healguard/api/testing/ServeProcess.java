package io.healguard.api.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code healguard serve} as a real child JVM on the test classpath, configured by a YAML file and
 * {@code -Dhealguard.<key>} properties. Its output is read continuously (a full pipe would stall
 * it) and kept, so a failing test can show what the child said.
 */
public final class ServeProcess implements AutoCloseable {
  public final int port;
  public final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());

  private ServeProcess(int port, Process process) {
    this.port = port;
    this.process = process;
  }

  /** Starts {@code serve --config config} with {@code -Dhealguard.<key>=<value>} for each setting; waits until it listens. */
  public static ServeProcess start(Path config, int port, Map<String, String> settings) throws Exception {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("-Dhealguard.http.port=" + port);
    settings.forEach((k, v) -> cmd.add("-Dhealguard." + k + "=" + v));
    cmd.add("io.healguard.api.Main");
    cmd.add("serve");
    cmd.add("--config");
    cmd.add(config.toString());
    ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
    // the child's settings are the file and -D only: serve refuses unknown HEALGUARD_* variables,
    // and the test run has HEALGUARD_TEST_JDBC_URL
    pb.environment().keySet().removeIf(k -> k.startsWith("HEALGUARD_"));
    Process p = pb.start();
    ServeProcess s = new ServeProcess(port, p);
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          s.output.add(line);
          if (line.contains("healguard listening on http://127.0.0.1:" + port)) listening.complete(null);
        }
        listening.completeExceptionally(new IllegalStateException("serve exited with " + p.waitFor() + ":\n" + s.tail(40)));
      } catch (IOException | InterruptedException e) {
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

  /** The child's last {@code n} output lines. */
  public String tail(int n) {
    synchronized (output) {
      return String.join("\n", output.subList(Math.max(0, output.size() - n), output.size()));
    }
  }

  /** Output lines containing {@code text}. */
  public List<String> linesWith(String text) {
    synchronized (output) {
      return output.stream().filter(l -> l.contains(text)).toList();
    }
  }

  /** SIGKILL, and waits for the process to be gone. */
  @Override
  public void close() throws InterruptedException {
    process.destroyForcibly();
    process.waitFor(30, TimeUnit.SECONDS);
  }
}
