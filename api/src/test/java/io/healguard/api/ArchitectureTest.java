package io.healguard.api;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.healguard.engine.testing.ArchRules;
import org.junit.jupiter.api.Test;

/**
 * The api module's package boundaries, with no exception list: no cycle between its packages, and
 * no class depending on another package's {@code internal} (the engine's included). The rules and
 * the fixtures that prove they still find something are the engine's ({@code ArchRules},
 * {@code io.healguard.engine.ArchitectureTest}).
 */
class ArchitectureTest {
  private static final JavaClasses API = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .importPackages("io.healguard.api");

  @Test
  void shouldHaveNoCycleBetweenApiPackages() {
    ArchRules.noCycles("io.healguard.api").check(API);
  }

  @Test
  void shouldNotDependOnAnotherPackagesInternal() {
    ArchRules.noReachIntoInternal().check(API);
  }
}
