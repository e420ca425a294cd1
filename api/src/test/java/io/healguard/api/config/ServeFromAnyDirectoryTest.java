package io.healguard.api.config;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.Http;
import io.healguard.api.testing.ServeProcess;
import io.healguard.api.testing.TestServer;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code serve --config docs/demo/healguard.yaml} as a real child started from an unrelated
 * working directory: the file's relative paths are found next to the file, an override's
 * relative path next to the working directory.
 */
class ServeFromAnyDirectoryTest {
  @TempDir Path elsewhere;

  @Test
  void shouldServeTheDemoConfigFromAnUnrelatedWorkingDirectory() throws Exception {
    Path repo = Path.of(System.getProperty("healguard.repo.root"));
    Path demo = repo.resolve("docs/demo/healguard.yaml").toAbsolutePath();
    Vertx vertx = Vertx.vertx();

    // data.dir from -D: relative to the working directory, so the test writes nothing into the repository
    try (ServeProcess serve = ServeProcess.launch(demo, TestServer.freePort()).in(elsewhere)
            .setting("data.dir", "state").start();
        Http http = new Http(vertx, serve.port)) {
      String token = Files.readString(elsewhere.resolve("state/admin.token")).strip();

      Http.Reply report = http.post("/api/v1/reports", token, "{\"unit\":\"api.service\",\"status\":\"DOWN\"}");

      assertThat(report.status()).isEqualTo(200);
      assertThat(serve.linesWith("active from " + repo.resolve("docs/demo/tables").toAbsolutePath().normalize()))
          .as("the demo's own tables, found next to the file").isNotEmpty();
      assertThat(elsewhere.resolve("state/healguard.db")).isRegularFile();
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }
  }
}
