package io.healguard.archfixture.cycle.a;

/** A test fixture: half of a package cycle that ArchitectureTest must find. */
public final class A {
  public io.healguard.archfixture.cycle.b.B b;
}
