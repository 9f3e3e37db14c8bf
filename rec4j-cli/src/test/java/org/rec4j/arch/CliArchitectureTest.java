package org.rec4j.arch;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * rec4j-cli's packages (commands, config, reports) have no cycles (ArchUnit, on the compiled
 * classes).
 */
class CliArchitectureTest {
  @Test
  void noPackageCycles() {
    JavaClasses cli =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rec4j.cli", "org.rec4j.report");
    slices().matching("org.rec4j.(**)").should().beFreeOfCycles().check(cli);
  }
}
