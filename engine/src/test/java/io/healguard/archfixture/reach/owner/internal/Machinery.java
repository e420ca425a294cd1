package io.healguard.archfixture.reach.owner.internal;

/** A test fixture: machinery only its owner package may use. */
public final class Machinery {}
