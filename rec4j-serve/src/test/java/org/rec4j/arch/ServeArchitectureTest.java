package org.rec4j.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * rec4j-serve's dependency rules, checked on the compiled classes (ArchUnit): serving never depends
 * on training code (trainer, experiments, losses, optimizers), never on a concrete model class (it
 * asks models for capabilities, issue 17) and its packages have no cycles.
 */
class ServeArchitectureTest {
  private static JavaClasses serve;

  @BeforeAll
  static void importServe() {
    serve =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("org.rec4j.serve");
  }

  @Test
  void serveDependsOnNoTrainingCode() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.rec4j.train..", "org.rec4j.experiment..", "org.rec4j.loss..", "org.rec4j.optim..")
        .because("a served model answers requests; training lives in the trainer (STYLE.md)")
        .check(serve);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.rec4j.(**)").should().beFreeOfCycles().check(serve);
  }

  @Test
  void serveKnowsNoConcreteModel() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(
            org.rec4j.model.MF.class,
            org.rec4j.model.GMF.class,
            org.rec4j.model.NCF.class,
            org.rec4j.model.NeuMF.class,
            org.rec4j.model.WideDeep.class,
            org.rec4j.model.NeuralRecommender.class)
        .because(
            "serving asks a model what it can do (Recommender.capability), never what it is (STYLE.md 13)")
        .check(serve);
  }
}
