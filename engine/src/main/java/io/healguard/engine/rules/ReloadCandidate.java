package io.healguard.engine.rules;

import java.nio.file.Path;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * What one pass of {@link PolicyManager}'s reload path activates: where the tables come from, what
 * they must hash to (null: anything, a reload of the directory) and how a refusal reads. A new way
 * to bring in a policy is a new factory here, not a new copy of compile, check, archive and swap.
 *
 * @param file the file a problem names (null: none, the tables came from elsewhere)
 * @param undo runs when the candidate is refused, e.g. to remove a staged copy
 */
record ReloadCandidate(Kind kind, String what, String file, String expected, Supplier<Path> tables, Runnable undo) {
  enum Kind { RELOAD, ROLLBACK, SYNC }

  static ReloadCandidate reload(Path dir, String actor) {
    return new ReloadCandidate(Kind.RELOAD, "policy reload by " + actor, dir.toString(), null, () -> dir, () -> {});
  }

  static ReloadCandidate rollback(ArchivedPolicy target, String actor) {
    return new ReloadCandidate(Kind.ROLLBACK, "rollback to " + target.shortVersion() + " by " + actor,
        target.dir().toString(), target.version(), target::dir, () -> {});
  }

  static ReloadCandidate sync(String version, Supplier<Path> stage, Runnable discard) {
    return new ReloadCandidate(Kind.SYNC, "shared policy " + shortOf(version), null, version, stage, discard);
  }

  /** How the archive records the activation. */
  String how() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /** The tables compiled to another version than the one asked for. */
  PolicyProblem mismatch(PolicySnapshot got) {
    return new PolicyProblem(file, null, null, null, kind == Kind.ROLLBACK
        ? "the archived tables hash to " + got.shortVersion() + ", not to " + shortOf(expected)
            + ": the archive was changed by hand"
        : what + ": its tables hash to " + got.shortVersion() + ", not to " + shortOf(expected));
  }

  /** An unexpected failure, not a rejection by the check. */
  PolicyProblem failure(RuntimeException e) {
    return new PolicyProblem(file, null, null, null, (kind == Kind.SYNC ? what : how()) + " failed: " + e);
  }

  static String shortOf(String v) {
    return v == null || v.length() <= 12 ? v : v.substring(0, 12);
  }
}
