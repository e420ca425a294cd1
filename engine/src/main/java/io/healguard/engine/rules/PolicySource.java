package io.healguard.engine.rules;


/** Where the engine gets the policy in force; read once per decision. */
@FunctionalInterface
public interface PolicySource {
  PolicySnapshot current();
}
