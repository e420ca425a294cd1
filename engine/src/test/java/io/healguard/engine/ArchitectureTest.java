package io.healguard.engine;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.healguard.engine.testing.ArchRules;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The engine's package boundaries, with no exception list: no cycle between its packages, no
 * reach into another package's {@code internal}, no Vert.x type, and nothing the assembly
 * ({@link Healguard}) is built from depending on it. The last two tests run the same rules on small fixtures with
 * a cycle and a reach-in, so a rule that stopped finding anything would fail here.
 */
class ArchitectureTest {
  private static final JavaClasses ENGINE = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.healguard.engine");

  @Test
  void shouldHaveNoCycleBetweenEnginePackages() {
    ArchRules.noCycles("io.healguard.engine").check(ENGINE);
  }

  @Test
  void shouldNotDependOnAnotherPackagesInternal() {
    ArchRules.noReachIntoInternal().check(ENGINE);
  }

  @Test
  void shouldUseNoVertxType() {
    noClasses().should().dependOnClassesThat().resideInAPackage("io.vertx..").check(ENGINE);
  }

  @Test
  void shouldKeepTheAssemblyOnTop() {
    // the root package is in no slice, so the cycle rule cannot see a cycle through it: nothing the
    // assembly is built from may use the assembly (tools above it, such as what-if, may)
    JavaClass assembly = ENGINE.get(Healguard.class);
    Set<JavaClass> below = assembly.getTransitiveDependenciesFromSelf().stream()
        .map(Dependency::getTargetClass)
        .filter(c -> c.getPackageName().startsWith("io.healguard.engine."))
        .collect(Collectors.toSet());
    List<String> usesAssembly = below.stream()
        .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
        .filter(d -> d.getTargetClass().getPackageName().equals("io.healguard.engine")
            && !d.getTargetClass().isAssignableTo(InvalidInputException.class))
        .map(Dependency::getDescription)
        .toList();

    assertThat(below).extracting(JavaClass::getPackageName).contains("io.healguard.engine.policy");
    assertThat(usesAssembly).isEmpty();
  }

  @Test
  void shouldFindACycleWhenOneIsAdded() {
    JavaClasses withCycle = new ClassFileImporter().importPackages("io.healguard.archfixture.cycle");

    assertThatThrownBy(() -> ArchRules.noCycles("io.healguard.archfixture.cycle").check(withCycle))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("Cycle detected");
  }

  @Test
  void shouldFindAReachIntoAnotherPackagesInternal() {
    JavaClasses reach = new ClassFileImporter().importPackages("io.healguard.archfixture.reach");

    assertThatThrownBy(() -> ArchRules.noReachIntoInternal().check(reach))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("archfixture.reach.other.ReachesIn")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("owner.Owner "));
  }
}
