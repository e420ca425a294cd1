package io.healguard.engine.rules;

/**
 * Sees every stored decision together with what a candidate policy would have decided on the same
 * input and state. Called on the deciding thread under the unit's lock after the decision is
 * durable, so it must be quick; whatever it does or throws cannot change the decision.
 */
@FunctionalInterface
public interface ShadowListener {
  void onDecision(ShadowCase c);
}
