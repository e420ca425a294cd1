package io.healguard.engine.rules;

import java.util.List;

/** A rollback named a version the archive does not hold (or a prefix that matches several). */
public final class UnknownPolicyVersionException extends RuntimeException {
  private UnknownPolicyVersionException(String message) {
    super(message, null, false, false);
  }

  public static UnknownPolicyVersionException of(String version, List<String> known) {
    return new UnknownPolicyVersionException("policy version '" + version + "' is not in the archive; "
        + (known.isEmpty() ? "no version is archived" : "archived: " + String.join(", ", known)));
  }

  public static UnknownPolicyVersionException ambiguous(String prefix, List<String> matches) {
    return new UnknownPolicyVersionException("policy version prefix '" + prefix + "' matches "
        + matches.size() + " archived versions (" + String.join(", ", matches) + "); give more digits");
  }
}
