package io.healguard.engine.audit;

import io.healguard.engine.rules.PolicyListener;
import io.healguard.engine.rules.ReloadOutcome;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Consumer;

/** Audits every policy activation and rejection with its version, actor and problems. */
public final class PolicyAudit implements PolicyListener {
  private final Consumer<AuditEvent> sink;

  public PolicyAudit(Consumer<AuditEvent> sink) {
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
    AuditType type = o.rejected() ? AuditType.POLICY_REJECTED : AuditType.POLICY_ACTIVATED;
    String version = o.rejected() ? o.previousVersion() : o.version();
    sink.accept(AuditEvent.of(type, o.at(), null, o.actor(), type.name(), version, detail));
  }
}
