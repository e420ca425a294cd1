package io.healguard.dist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The archive as an operator uses it (docs/install.md): unpacked into a fresh prefix, started as
 * {@code bin/healguard serve} through a symlink from a working directory that has nothing of
 * healguard in it, with the bundled configuration and the tokens given the documented way, then
 * fed with {@code bin/healguard report}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class InstalledServiceIT {
  static final String REPORTER = "hook-secret";
  static final String VIEWER = "viewer-secret";

  Path prefix;
  Path home;
  Path launcher;
  Path elsewhere;
  Path reporterToken;
  int port;
  Process serve;
  final List<String> serveOutput = Collections.synchronizedList(new ArrayList<>());

  @BeforeAll
  void install(@TempDir Path dir) throws Exception {
    prefix = dir;
    home = Install.unpack(prefix.resolve("opt"));
    Files.createDirectories(prefix.resolve("bin"));
    launcher = Files.createSymbolicLink(prefix.resolve("bin/healguard"),
        Path.of("../opt").resolve(home.getFileName()).resolve("bin/healguard"));
    elsewhere = Files.createDirectories(prefix.resolve("elsewhere"));
    reporterToken = Files.writeString(prefix.resolve("report.token"), REPORTER + "\n");
    Files.setPosixFilePermissions(reporterToken, PosixFilePermissions.fromString("rw-------"));
    port = Install.freePort();

    // the tokens the way docs/install.md sets them: names, roles and sha256 hashes, never the secret
    String tokens = "[{\"name\":\"hook\",\"role\":\"reporter\",\"hash\":\"sha256:" + sha256(REPORTER) + "\"},"
        + "{\"name\":\"dashboard\",\"role\":\"viewer\",\"hash\":\"sha256:" + sha256(VIEWER) + "\"}]";
    ProcessBuilder pb = new ProcessBuilder(launcher.toString(), "serve").directory(elsewhere.toFile())
        .redirectErrorStream(true);
    pb.environment().keySet().removeIf(k -> k.startsWith("HEALGUARD_") || k.equals("JAVA_OPTS"));
    pb.environment().put("HEALGUARD_HTTP_PORT", Integer.toString(port));
    pb.environment().put("HEALGUARD_AUTH_TOKENS", tokens);
    serve = pb.start();
    serve.getOutputStream().close();
    CompletableFuture<Void> listening = new CompletableFuture<>();
    Thread reader = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(serve.getInputStream(), StandardCharsets.UTF_8))) {
        for (String line; (line = r.readLine()) != null; ) {
          serveOutput.add(line);
          if (line.contains("healguard listening on http://127.0.0.1:" + port)) listening.complete(null);
        }
        listening.completeExceptionally(new IllegalStateException(
            "bin/healguard serve exited with " + serve.waitFor() + ":\n" + String.join("\n", serveOutput)));
      } catch (Exception e) {
        listening.completeExceptionally(e);
      }
    }, "installed-serve-output");
    reader.setDaemon(true);
    reader.start();
    listening.get(3, TimeUnit.MINUTES);
  }

  @AfterAll
  void stop() throws Exception {
    if (serve != null) {
      serve.destroy();
      if (!serve.waitFor(60, TimeUnit.SECONDS)) {
        serve.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private Install.Result report(Map<String, String> extraEnv, String... args) throws Exception {
    Map<String, String> env = new HashMap<>(extraEnv);
    env.put("HEALGUARD_URL", "http://127.0.0.1:" + port);
    env.put("HEALGUARD_TOKEN_FILE", reporterToken.toString());
    List<String> cmd = new ArrayList<>(List.of(launcher.toString(), "report"));
    cmd.addAll(List.of(args));
    return Install.run(elsewhere, env, cmd);
  }

  private String unitView(String unit) throws Exception {
    HttpResponse<String> r = HttpClient.newHttpClient().send(
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/api/v1/units/" + unit))
            .header("Authorization", "Bearer " + VIEWER).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return r.body();
  }

  @Test
  void shouldDecideACrashLoopReportedThroughTheLauncher() throws Exception {
    List<Install.Result> runs = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      runs.add(report(Map.of(), "--unit", "api.service", "--status", "DOWN", "--detail", "exit 1 at crash " + (i + 1)));
    }

    assertThat(runs).allSatisfy(r -> {
      assertThat(r.code()).as(r.err()).isZero();
      assertThat(r.err()).isEmpty();
    });
    assertThat(runs).extracting(r -> r.out().lines().findFirst().orElse("").replaceAll(", policy \\w+\\)", ")"))
        .containsExactly(
            "api.service: NONE (BELOW_THRESHOLD, row DT-GATES-014)",
            "api.service: NONE (BELOW_THRESHOLD, row DT-GATES-014)",
            "api.service: RESTART (RESTART_PERMITTED, row DT-GATES-026)",
            "api.service: NONE (BELOW_THRESHOLD, row DT-GATES-014)",
            "api.service: NONE (BELOW_THRESHOLD, row DT-GATES-014)",
            "api.service: BLOCK (COOLDOWN_ACTIVE, row DT-GATES-023)");
    assertThat(unitView("api.service")).contains("\"detail\":\"exit 1 at crash 6\"");
  }

  @Test
  void shouldKeepItsStateInTheInstallNotTheWorkingDirectory() {
    assertThat(home.resolve("data/healguard.db")).isRegularFile();
    assertThat(elsewhere).isEmptyDirectory();
  }

  @Test
  void shouldExit2WithOneLineWhenTheServiceRefusesTheToken() throws Exception {
    Path unknown = Files.writeString(prefix.resolve("unknown.token"), "not-configured\n");

    Install.Result r = report(Map.of(), "--token-file", unknown.toString(), "--unit", "api.service", "--status", "DOWN");

    assertThat(r.code()).isEqualTo(2);
    assertThat(r.errLines()).containsExactly("healguard: the service refused the token (401); check the token file");
  }

  @Test
  void shouldShowTheCauseOfAnOnFailureReportInTheUnitView(@TempDir Path bin) throws Exception {
    Path journalctl = bin.resolve("journalctl");
    Files.writeString(journalctl, "#!/bin/sh\n"
        + "echo 'Traceback (most recent call last):'\n"
        + "echo \"ModuleNotFoundError: No module named 'requests'\"\n");
    Files.setPosixFilePermissions(journalctl, PosixFilePermissions.fromString("rwx------"));
    Map<String, String> monitor = Map.of("MONITOR_SERVICE_RESULT", "exit-code", "MONITOR_EXIT_CODE", "exited",
        "MONITOR_EXIT_STATUS", "1", "MONITOR_INVOCATION_ID", "0123456789abcdef0123456789abcdef",
        "MONITOR_UNIT", "worker.service", "PATH", bin + ":" + System.getenv("PATH"));

    Install.Result r = report(monitor, "--from-systemd", "--journal", "--unit", "worker.service");

    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.err()).isEmpty();
    assertThat(unitView("worker.service"))
        .contains("\"result\":\"exit-code\"", "\"exitCode\":\"exited\"", "\"exitStatus\":\"1\"")
        .contains("ModuleNotFoundError: No module named 'requests'");
  }

  static String sha256(String s) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
