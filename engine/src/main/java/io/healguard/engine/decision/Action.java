package io.healguard.engine.decision;

/** What a decision tells the watchdog (or the executor) to do. */
public enum Action {
  RESTART,
  BLOCK,
  ESCALATE,
  RECOMMEND,
  NONE
}
