package io.healguard.engine.policy.internal;

import io.healguard.engine.audit.AuditEvent;
import io.healguard.engine.audit.AuditLog;
import io.healguard.engine.audit.AuditType;
import io.healguard.engine.decision.UnitState;
import io.healguard.engine.rules.PolicySource;
import io.healguard.engine.store.StateStore;
import io.healguard.engine.store.StoreCommit;
import io.healguard.engine.store.StoreUnavailableException;
import io.healguard.engine.store.UnitTx;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ends expired holds of units no input arrives for. A decision ends its own unit's expired hold
 * too (with the same event), so the sweep re-checks under the unit's lock and skips a hold a
 * decision or an operator already changed.
 */
public final class HoldSweeper {
  private static final Logger LOG = LoggerFactory.getLogger(HoldSweeper.class);
  private final StateStore store;
  private final Clock clock;
  private final PolicySource policy;

  public HoldSweeper(StateStore store, Clock clock, PolicySource policy) {
    this.store = store;
    this.clock = clock;
    this.policy = policy;
  }

  /** Ends every expired hold, each audited; the number ended. */
  public int expireHolds() {
    int n = 0;
    Instant now = clock.instant();
    for (UnitState s : store.units()) {
      if (s.hold() == null || s.hold().activeAt(now)) continue;
      try (UnitTx tx = store.begin(s.unit())) {
        UnitState cur = tx.state();
        if (cur == null || cur.hold() == null || cur.hold().activeAt(clock.instant())) continue;
        AuditEvent e = holdExpired(cur, policy.current().version());
        UnitState.Builder b = cur.toBuilder();
        b.hold = null;
        tx.commit(new StoreCommit(b.build(), null, List.of(e)));
        AuditLog.log(e);
        n++;
      } catch (StoreUnavailableException e) {
        LOG.warn("unit {}: hold expiry not stored yet: {}", s.unit(), e.getMessage());
      }
    }
    return n;
  }

  /** The event of {@code s}'s hold ending, dated when it expired (not when it was noticed). */
  public static AuditEvent holdExpired(UnitState s, String policyVersion) {
    Map<String, Object> detail = new LinkedHashMap<>();
    detail.put("setBy", s.hold().actor());
    detail.put("holdReason", s.hold().reason());
    detail.put("setAt", s.hold().setAt().toString());
    return AuditEvent.of(AuditType.HOLD_EXPIRED, s.hold().expiresAt(), s.unit(), "healguard", "HOLD_EXPIRED",
        policyVersion, detail);
  }
}
