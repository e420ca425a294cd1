package io.healguard.engine.health;

import java.util.List;

/** Static facts about a unit: its tier and the units it depends on. */
public record UnitProfile(String name, Tier tier, List<String> dependsOn) {
  public UnitProfile {
    UnitNames.require("unit name", name);
    tier = tier == null ? Tier.STANDARD : tier;
    dependsOn = dependsOn == null ? List.of() : List.copyOf(dependsOn);
    for (String d : dependsOn) {
      UnitNames.require("depends_on of " + name, d);
      if (d.equals(name)) {
        throw new io.healguard.engine.InvalidInputException(
            "depends_on of " + name + " must not name the unit itself");
      }
    }
  }

  public static UnitProfile standard(String name) {
    return new UnitProfile(name, Tier.STANDARD, List.of());
  }
}
