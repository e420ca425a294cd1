package io.healguard.api.exec;

/**
 * What systemd says a unit is doing ({@code ActiveState}, {@code SubState}), or why it could not
 * be asked ({@code error}: systemctl missing, timed out, or exited non-zero).
 */
public record UnitActivity(String unit, String activeState, String subState, String error) {
  /** systemd's {@code ActiveState} of a unit that failed and was not started again. */
  public static final String FAILED = "failed";
  /** systemd's {@code ActiveState} of a unit that is up (started, not starting or stopping). */
  public static final String ACTIVE = "active";
  /** systemd's {@code ActiveState} of a unit stopped cleanly, or never started. */
  public static final String INACTIVE = "inactive";

  /** True only when systemd answered and said {@code failed}: anything else is not a failure to report. */
  public boolean failed() {
    return error == null && FAILED.equals(activeState);
  }

  /** True only when systemd answered and said {@code active}. */
  public boolean active() {
    return error == null && ACTIVE.equals(activeState);
  }

  /** {@code ActiveState=failed, SubState=failed}, or the error. */
  public String describe() {
    return error != null ? error : "ActiveState=" + activeState + ", SubState=" + subState;
  }
}
