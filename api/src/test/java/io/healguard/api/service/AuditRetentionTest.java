package io.healguard.api.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.healguard.api.testing.TestServer;
import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditRange;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.store.StateStore;
import io.vertx.core.Vertx;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** audit.retention in the running service: the purge removes events older than the retention, nothing else. */
class AuditRetentionTest {
  @TempDir Path dir;
  Vertx vertx;
  TestServer server;

  @BeforeEach
  void start() throws Exception {
    vertx = Vertx.vertx();
    server = TestServer.start(vertx, dir);
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
    vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
  }

  private static AuditEvent event(String unit, Instant at) {
    return AuditEvent.of(AuditType.STATE_CHANGED, at, unit, "retention-test", "TEST", null, Map.of());
  }

  @Test
  void shouldPurgeOnlyEventsOlderThanTheRetention() throws Exception {
    StateStore store = server.service.healguard().store();
    Instant now = Instant.now();
    Duration retention = server.service.config().auditRetention();
    store.appendAudit(event("old.service", now.minus(retention).minus(Duration.ofDays(10))));
    store.appendAudit(event("old.service", now.minus(retention).minus(Duration.ofMinutes(1))));
    store.appendAudit(event("kept.service", now.minus(retention).plus(Duration.ofHours(1))));
    store.appendAudit(event("kept.service", now));

    server.service.purgeAudit().toCompletionStage().toCompletableFuture().get(1, TimeUnit.MINUTES);

    List<AuditEvent> left = new ArrayList<>();
    store.scanAudit(new AuditRange(null, AuditType.STATE_CHANGED, null, null), left::add);
    assertThat(retention).isEqualTo(Duration.ofDays(90));
    assertThat(left).extracting(AuditEvent::unit).containsExactly("kept.service", "kept.service");
  }
}
