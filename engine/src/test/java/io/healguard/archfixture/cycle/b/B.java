package io.healguard.archfixture.cycle.b;

/** A test fixture: the other half of the package cycle. */
public final class B {
  public io.healguard.archfixture.cycle.a.A a;
}
