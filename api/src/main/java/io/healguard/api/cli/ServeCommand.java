package io.healguard.api.cli;

import io.healguard.api.config.ConfigLoader;
import io.healguard.api.config.ServiceConfig;
import io.healguard.api.service.AuditLogFile;
import io.healguard.api.service.HealguardService;
import io.healguard.engine.json.Json;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code healguard serve}: runs the HTTP service until SIGTERM (or SIGINT), then stops
 * gracefully: the server stops taking requests and the store drains and closes.
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the recovery-policy service (HTTP API, store, policy hot reload).",
      "Configuration: --config FILE (default: the bundled config/healguard.yaml), then environment "
          + "variables HEALGUARD_<KEY> (HEALGUARD_HTTP_PORT=9090), then -Dhealguard.<key> system "
          + "properties (-Dhealguard.http.port=9090). See docs/service.md."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  private static final long STOP_TIMEOUT_SECONDS = 30;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
  Path config;

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    HealguardService service;
    try {
      ServiceConfig cfg = await(ConfigLoader.fromProcess().load(vertx, config));
      Files.createDirectories(cfg.dataDir());
      Path audit = AuditLogFile.use(cfg.dataDir());
      LOG.info("configuration: {} (audit log {})", Json.write(cfg.describe()), audit);
      service = await(HealguardService.start(vertx, cfg));
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("healguard stopping");
      try {
        service.stop().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
        // closed from this thread, not from a callback on an event loop that is shutting down
        vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      } catch (Exception e) {
        LOG.warn("graceful stop did not finish: {}", e.toString());
      }
      stopped.countDown();
    }, "healguard-shutdown"));
    stopped.await();
    return HealguardCommand.EXIT_OK;
  }

  private static <T> T await(Future<T> f) throws Exception {
    try {
      return f.toCompletionStage().toCompletableFuture().get();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof Exception cause) {
        throw cause;
      }
      throw e;
    }
  }
}
