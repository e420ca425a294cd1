package io.healguard.archfixture.reach.other;

/** A test fixture: another package reaching into owner.internal, which the rule must report. */
public final class ReachesIn {
  public io.healguard.archfixture.reach.owner.internal.Machinery machinery;
}
