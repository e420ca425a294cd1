package io.healguard.archfixture.reach.owner;

/** A test fixture: the owner uses its own internal package, which is allowed. */
public final class Owner {
  public io.healguard.archfixture.reach.owner.internal.Machinery machinery;
}
