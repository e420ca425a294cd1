package io.healguard.engine.rules;

/** Told about every reload attempt, after the swap (or the refusal); the engine audits through this. */
@FunctionalInterface
public interface PolicyListener {
  void onReload(ReloadOutcome outcome);
}
