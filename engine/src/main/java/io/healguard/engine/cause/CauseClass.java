package io.healguard.engine.cause;

/**
 * What the causes table says about a failure. A non-transient class is one a restart cannot fix:
 * the gates table escalates it once per episode and blocks after that.
 */
public enum CauseClass {
  RUNTIME_BROKEN(true),
  CONFIG_ERROR(true),
  CODE_ERROR(true),
  OOM(false),
  CRASH(false),
  HANG(false),
  UNKNOWN(false);

  private final boolean nonTransient;

  CauseClass(boolean nonTransient) {
    this.nonTransient = nonTransient;
  }

  public boolean nonTransient() {
    return nonTransient;
  }

  /** The class named by a table cell, or null when the name is none of them. */
  public static CauseClass byName(String name) {
    for (CauseClass c : values()) {
      if (c.name().equals(name == null ? null : name.trim())) {
        return c;
      }
    }
    return null;
  }
}
