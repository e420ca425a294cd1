package io.healguard.api;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchCondition;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.lang.ConditionEvents;
import com.tngtech.archunit.lang.SimpleConditionEvent;
import org.junit.jupiter.api.Test;

/**
 * The api module's package boundaries, with no exception list: no cycle between its packages,
 * and no class depending on another package's {@code internal} (the engine's included). The last
 * two tests run the same rules on small fixtures with a cycle and a reach-in, so a rule that
 * stopped finding anything would fail here.
 */
class ArchitectureTest {
  private static final JavaClasses API = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.healguard.api");

  static ArchRule noCycles(String root) {
    return slices().matching(root + ".(*)..").should().beFreeOfCycles();
  }

  static ArchRule noReachIntoInternal() {
    return classes().should(new ArchCondition<JavaClass>("not depend on another package's internal") {
      @Override
      public void check(JavaClass origin, ConditionEvents events) {
        for (Dependency d : origin.getDirectDependenciesFromSelf()) {
          String target = d.getTargetClass().getPackageName();
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

  @Test
  void shouldHaveNoCycleBetweenApiPackages() {
    noCycles("io.healguard.api").check(API);
  }

  @Test
  void shouldNotDependOnAnotherPackagesInternal() {
    noReachIntoInternal().check(API);
  }

  @Test
  void shouldFindACycleWhenOneIsAdded() {
    JavaClasses withCycle = new ClassFileImporter().importPackages("io.healguard.archfixture.cycle");

    assertThatThrownBy(() -> noCycles("io.healguard.archfixture.cycle").check(withCycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }

  @Test
  void shouldFindAReachIntoAnotherPackagesInternal() {
    JavaClasses reach = new ClassFileImporter().importPackages("io.healguard.archfixture.reach");

    assertThatThrownBy(() -> noReachIntoInternal().check(reach))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.reach.other.ReachesIn")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("owner.Owner "));
  }
}
