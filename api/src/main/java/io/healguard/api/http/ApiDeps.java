package io.healguard.api.http;

import io.healguard.api.auth.Tokens;
import io.healguard.api.drift.DriftScanner;
import io.healguard.api.exec.RestartExecutor;
import io.healguard.api.service.Alerts;
import io.healguard.api.service.Decisions;
import io.healguard.api.service.PolicySync;
import io.healguard.api.service.ServiceMetrics;
import io.healguard.engine.Healguard;
import io.vertx.core.WorkerExecutor;

/**
 * What the endpoints use, shared by every verticle instance. {@code reads} runs blocking reads
 * (audit queries, scrapes, reloads) so they queue apart from decisions. {@code sync} is null
 * unless the store is shared by replicas.
 */
public record ApiDeps(
    Healguard healguard, Decisions decisions, Alerts alerts, ServiceMetrics metrics, Tokens tokens,
    RestartExecutor executor, WorkerExecutor reads, DriftScanner drift, PolicySync sync) {}
