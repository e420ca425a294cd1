package io.healguard.engine.testing;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import com.tngtech.archunit.lang.syntax.ArchRuleDefinition;

/**
 * The package rules both modules' architecture tests apply, with no exception list: a package
 * cycle is a design bug, and {@code internal} is its owner's machinery (the owner's subpackages
 * may use it, nobody else).
 */
public final class ArchRules {
  private ArchRules() {}

  /** No cycle between the top-level packages under {@code root} (a package with its subpackages is one slice). */
  public static ArchRule noCycles(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles();
  }

  /**
   * No class depends on one of our {@code internal} packages outside the package that owns it
   * (libraries' own {@code internal} packages, such as Drools' {@code org.kie.internal} builder
   * API, are theirs to name).
   */
  public static ArchRule noReachIntoInternal() {
    return ArchRuleDefinition.classes().should(new ArchCondition<JavaClass>("not depend on another package's internal") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          String target = d.getTargetClass().getPackageName();
          if (!target.startsWith("io.healguard.")) {
            continue;
          }
          int at = (target + ".").indexOf(".internal.");
          if (at < 0) {
            continue;
          }
          String owner = target.substring(0, at);
          String from = origin.getPackageName();
          if (!from.equals(owner) && !from.startsWith(owner + ".")) {
            events.add(SimpleConditionEvent.violated(d, d.getDescription()));
          }
        }
      }
    });
  }
}
