package io.healguard.api.drift;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The boundaries issue 11 asks of the drift side (engine {@code systemd}, {@code contract},
 * {@code drift}; api {@code drift}), checked on the compiled classes: one direction only, no
 * reach into another package's {@code internal}, and the service's drift scan free of the
 * service's own packages.
 */
class DriftBoundaryTest {
  // the engine's tests reach this classpath as a test jar, which DO_NOT_INCLUDE_TESTS does not recognise
  private static final JavaClasses CLASSES = new ClassFileImporter()
      .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
      .withImportOption(location -> !location.contains("-tests.jar"))
      .importPackages("io.healguard.engine", "io.healguard.api.drift");

  @Test
  void shouldKeepSystemdContractAndDriftFreeOfCycles() {
    slices().matching("io.healguard.engine.(systemd|contract|drift).(**)").namingSlices("$1")
        .should().beFreeOfCycles().check(CLASSES);
  }

  @Test
  void shouldLetNeitherTheHostModelNorTheContractDependOnDrift() {
    noClasses().that().resideInAnyPackage("io.healguard.engine.systemd..", "io.healguard.engine.contract..")
        .should().dependOnClassesThat().resideInAPackage("io.healguard.engine.drift..").check(CLASSES);
  }

  @Test
  void shouldKeepTheHostModelAtTheBottom() {
    noClasses().that().resideInAPackage("io.healguard.engine.systemd..")
        .should().dependOnClassesThat().resideInAnyPackage("io.healguard.engine.contract..", "io.healguard.engine.policy..")
        .check(CLASSES);
  }

  @Test
  void shouldLetNothingInThePolicyNeedDrift() {
    noClasses().that().resideInAPackage("io.healguard.engine.policy..")
        .should().dependOnClassesThat().resideInAnyPackage("io.healguard.engine.drift..", "io.healguard.engine.contract..")
        .check(CLASSES);
  }

  @Test
  void shouldNotReachIntoAnotherPackagesInternal() {
    noClasses().that().resideOutsideOfPackage("io.healguard.engine.drift..")
        .should().dependOnClassesThat().resideInAPackage("io.healguard.engine.drift.internal..").check(CLASSES);
    noClasses().that().resideOutsideOfPackage("io.healguard.engine.contract..")
        .should().dependOnClassesThat().resideInAPackage("io.healguard.engine.contract.internal..").check(CLASSES);
  }

  @Test
  void shouldKeepTheDriftScanFreeOfTheServicesPackages() {
    noClasses().that().resideInAPackage("io.healguard.api.drift..")
        .should().dependOnClassesThat().resideInAnyPackage("io.healguard.api.service..", "io.healguard.api.alerts..",
            "io.healguard.api.metrics..", "io.healguard.api.http..")
        .check(CLASSES);
  }
}
