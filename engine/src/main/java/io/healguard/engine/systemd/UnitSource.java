package io.healguard.engine.systemd;

import java.util.List;

/**
 * Where a unit's configuration comes from: the fragment systemd picked and the drop-ins it
 * applies, in order. {@code dropIns} includes a drop-in linked to {@code /dev/null} (it masks the
 * same name lower down and reads as empty), as {@code systemd-analyze verify} lists it. When
 * {@code masked}, {@code fragment} is the masking entry and there are no drop-ins.
 */
public record UnitSource(String name, String fragment, List<String> dropIns, boolean masked) {
  public UnitSource {
    dropIns = List.copyOf(dropIns);
  }
}
