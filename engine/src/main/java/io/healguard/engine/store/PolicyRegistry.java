package io.healguard.engine.store;

import java.time.Instant;
import java.util.Optional;

/**
 * The policy version in force, shared by every replica of a store that several processes use.
 * A replica that activates tables records them here; the others poll {@link
 * #activePolicyVersion()} and, on a version they do not serve, load {@link #activePolicy()}.
 */
public interface PolicyRegistry {
  /** The version recorded last, by any replica; empty before the first activation. */
  Optional<String> activePolicyVersion();

  /** The activation in force, with its tables when they were shared. */
  Optional<PolicyActivation> activePolicy();

  /** Records an activation and makes it the one in force, atomically. */
  PolicyActivation recordPolicyActivation(String version, Instant activatedAt, String actor, byte[] tables);
}
