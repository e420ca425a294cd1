package io.healguard.engine.systemd;

/** Unit name arithmetic: templates ({@code a@.service}), instances ({@code a@x.service}), prefixes. */
public final class UnitName {
  private UnitName() {}

  public static boolean isTemplate(String unit) {
    return unit.contains("@.");
  }

  public static boolean isInstance(String unit) {
    int at = unit.indexOf('@');
    return at >= 0 && !isTemplate(unit);
  }

  /** {@code a@x.service} → {@code a@.service}. */
  public static String templateOf(String instance) {
    int at = instance.indexOf('@');
    return instance.substring(0, at + 1) + instance.substring(instance.lastIndexOf('.'));
  }

  /** {@code a@x.service} → {@code x}; empty for a unit that is no instance. */
  public static String instanceOf(String unit) {
    int at = unit.indexOf('@');
    return at < 0 ? "" : unit.substring(at + 1, unit.lastIndexOf('.'));
  }
}
