package org.rec4j.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rec4j-core's dependency rules, checked on the compiled classes (ArchUnit): no package cycles, and metrics never
 * depend on layers (STYLE.md). The engine's own rules are in rec4j-engine, serve's in rec4j-serve.
 */
class CoreArchitectureTest {
  private static final String[] CORE = {"org.rec4j.data", "org.rec4j.eval", "org.rec4j.train", "org.rec4j.model",
      "org.rec4j.ctr", "org.rec4j.experiment", "org.rec4j.artifact"};
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages(CORE);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.rec4j.(**)").should().beFreeOfCycles().check(core);
  }

  @Test
  void metricsDoNotDependOnLayersOrTraining() {
    noClasses().that().resideInAPackage("org.rec4j.eval..").should().dependOnClassesThat()
        .resideInAnyPackage("org.rec4j.nn..", "org.rec4j.optim..", "org.rec4j.loss..", "org.rec4j.train..")
        .because("a metric is a function of scores and relevance, whatever computed them")
        .check(core);
  }
}
