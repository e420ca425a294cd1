package io.healguard.api.http;

import io.healguard.api.alerting.Alerting;
import io.healguard.api.alerts.Alerts;
import io.healguard.api.auth.Tokens;
import io.healguard.api.decide.Decisions;
import io.healguard.api.drift.DriftScanner;
import io.healguard.api.exec.RestartExecutor;
import io.healguard.api.metrics.ServiceMetrics;
import io.healguard.api.replica.PolicySync;
import io.healguard.engine.Healguard;
import io.vertx.core.WorkerExecutor;
import java.time.Clock;

/**
 * What the endpoints use, shared by every verticle instance. {@code reads} runs blocking reads
 * (audit queries, scrapes, reloads) so they queue apart from decisions. {@code sync} is null
 * unless the store is shared by replicas. {@code clock} is the service's clock (the one the
 * engine decides with), for endpoints that compute a time such as {@code since=1h}. {@code alerting}:
 * the Alertmanager webhook settings and the push status shown in {@code /health}.
 */
public record ApiDeps(
    Healguard healguard, Decisions decisions, Alerts alerts, ServiceMetrics metrics, Tokens tokens,
    RestartExecutor executor, WorkerExecutor reads, DriftScanner drift, PolicySync sync, Clock clock,
    Alerting alerting) {}
