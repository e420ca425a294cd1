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
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code healguard serve}: runs the HTTP service until SIGTERM (or SIGINT), then stops like a
 * daemon (see {@link HealguardService#stop}) and exits 0, or 1 when the stop did not finish
 * within {@link #STOP_TIMEOUT_SECONDS}.
 *
 * <p>The JVM answers SIGTERM by running shutdown hooks and then exiting with 143, which systemd
 * counts as a failure. So the hook, once the service is stopped and the last line logged,
 * flushes the logs and ends the JVM itself with the exit status it chose ({@link Runtime#halt}:
 * the JVM is already shutting down, and {@code System.exit} would wait forever).
 */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Run the recovery-policy service (HTTP API, store, policy hot reload).",
      "Configuration: --config FILE (default: the bundled config/healguard.yaml), then environment "
          + "variables HEALGUARD_<KEY> (HEALGUARD_HTTP_PORT=9090), then -Dhealguard.<key> system "
          + "properties (-Dhealguard.http.port=9090). Relative paths in FILE are relative to FILE's "
          + "directory. See docs/service.md.",
      "SIGTERM or SIGINT: stop taking reports, answer the decisions already taken, close the store, exit 0."
    })
public final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);
  static final long STOP_TIMEOUT_SECONDS = 30;
  static final int EXIT_STOP_FAILED = 1;

  private final Clock clock;

  @Option(names = "--config", paramLabel = "FILE", description = "YAML configuration file")
  Path config;

  public ServeCommand() {
    this(Clock.systemUTC());
  }

  /** {@code clock}: what the service decides by (the system clock, except in tests). */
  public ServeCommand(Clock clock) {
    this.clock = clock;
  }

  @Override
  public Integer call() throws Exception {
    Vertx vertx = Vertx.vertx();
    HealguardService service;
    try {
      ServiceConfig cfg = await(ConfigLoader.fromProcess().load(vertx, config));
      Files.createDirectories(cfg.dataDir());
      Path audit = AuditLogFile.use(cfg.dataDir());
      LOG.info("configuration: {} (audit log {})", Json.write(cfg.describe()), audit);
      service = await(HealguardService.start(vertx, cfg, clock));
    } catch (Exception e) {
      vertx.close();
      throw e;
    }
    CountDownLatch forever = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      LOG.info("healguard stopping");
      int code = stop(service, vertx);
      Logging.flushAndStop();
      Runtime.getRuntime().halt(code);
    }, "healguard-shutdown"));
    forever.await(); // the shutdown hook ends the JVM
    return HealguardCommand.EXIT_OK;
  }

  private static int stop(HealguardService service, Vertx vertx) {
    try {
      service.stop().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      // closed from this thread, not from a callback on an event loop that is shutting down
      vertx.close().toCompletionStage().toCompletableFuture().get(STOP_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      return HealguardCommand.EXIT_OK;
    } catch (Exception e) {
      LOG.error("graceful stop did not finish within {} s: {}", STOP_TIMEOUT_SECONDS, e.toString());
      return EXIT_STOP_FAILED;
    }
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
