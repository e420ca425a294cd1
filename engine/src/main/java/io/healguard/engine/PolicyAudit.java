package io.healguard.engine;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.rules.PolicyListener;
import io.healguard.engine.rules.ReloadOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Audits every policy activation, rollback and rejection with its version, actor and problems. A
 * rollback's detail names both versions: {@code from} (was in force) and {@code to}. Part of the
 * assembly, not of {@code audit}: the audit records events and knows nothing of the tables.
 */
final class PolicyAudit implements PolicyListener {
  private final Consumer<AuditEvent> sink;

  PolicyAudit(Consumer<AuditEvent> sink) {
    this.sink = sink;
  }

  @Override
  public void onReload(ReloadOutcome o) {
    if (o.status() == ReloadOutcome.Status.UNCHANGED) {
      return;
    }
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("previousVersion", o.previousVersion());
    if (!o.problems().isEmpty()) {
      detail.put("problems", o.problems().stream().map(Object::toString).toList());
    }
    if (o.status() == ReloadOutcome.Status.ROLLED_BACK) {
      detail.put("from", o.previousVersion());
      detail.put("to", o.version());
    }
    AuditType type = o.rejected() ? AuditType.POLICY_REJECTED
        : o.status() == ReloadOutcome.Status.ROLLED_BACK ? AuditType.POLICY_ROLLED_BACK
        : AuditType.POLICY_ACTIVATED;
    String version = o.rejected() ? o.previousVersion() : o.version();
    sink.accept(AuditEvent.of(type, o.at(), null, o.actor(), type.name(), version, detail));
  }
}
