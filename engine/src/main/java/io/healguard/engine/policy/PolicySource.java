package io.healguard.engine.policy;

import io.healguard.engine.rules.PolicySnapshot;

/** Where the engine gets the policy in force; read once per decision. */
@FunctionalInterface
public interface PolicySource {
  PolicySnapshot current();
}
