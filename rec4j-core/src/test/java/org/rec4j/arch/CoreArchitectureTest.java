package org.rec4j.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.rec4j.model.DotProductModel;
import org.rec4j.model.Factorization;
import org.rec4j.model.GMF;
import org.rec4j.model.ItemEmbeddingTables;
import org.rec4j.model.MF;
import org.rec4j.model.NCF;
import org.rec4j.model.NeuMF;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.model.OnnxExportable;
import org.rec4j.model.Recommendation;
import org.rec4j.model.Recommender;
import org.rec4j.model.ScoringGraph;
import org.rec4j.model.SeenItems;
import org.rec4j.model.WideDeep;

/**
 * rec4j-core's dependency rules, checked on the compiled classes (ArchUnit): no package cycles,
 * metrics never depend on layers (STYLE.md), the serving contract carries no training types and the
 * ONNX export asks models for capabilities instead of knowing their classes (issue 17). The
 * engine's own rules are in rec4j-engine, serve's in rec4j-serve.
 */
class CoreArchitectureTest {
  private static final String[] CORE = {
    "org.rec4j.data",
    "org.rec4j.eval",
    "org.rec4j.train",
    "org.rec4j.model",
    "org.rec4j.ctr",
    "org.rec4j.experiment",
    "org.rec4j.artifact"
  };
  private static JavaClasses core;

  @BeforeAll
  static void importCore() {
    core =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(CORE);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.rec4j.(**)").should().beFreeOfCycles().check(core);
  }

  @Test
  void metricsDoNotDependOnLayersOrTraining() {
    noClasses()
        .that()
        .resideInAPackage("org.rec4j.eval..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.rec4j.nn..", "org.rec4j.optim..", "org.rec4j.loss..", "org.rec4j.train..")
        .because("a metric is a function of scores and relevance, whatever computed them")
        .check(core);
  }

  @Test
  void servingContractCarriesNoTrainingTypes() {
    noClasses()
        .that()
        .belongToAnyOf(
            Recommender.class,
            Recommendation.class,
            DotProductModel.class,
            Factorization.class,
            ItemEmbeddingTables.class,
            SeenItems.class,
            OnnxExportable.class,
            ScoringGraph.class)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.rec4j.train..")
        .because(
            "what serving sees (score, recommend, state, capabilities) carries no training types; training lives in the trainer")
        .check(core);
  }

  @Test
  void onnxExportKnowsNoConcreteModel() {
    noClasses()
        .that()
        .resideInAPackage("org.rec4j.artifact.onnx..")
        .should()
        .dependOnClassesThat()
        .belongToAnyOf(
            MF.class, GMF.class, NCF.class, NeuMF.class, WideDeep.class, NeuralRecommender.class)
        .because(
            "the export asks a model for its OnnxExportable capability and never switches on its class (STYLE.md 13)")
        .check(core);
  }

  @Test
  void onnxExportKnowsNoCtrModel() {
    noClasses()
        .that()
        .resideInAPackage("org.rec4j.artifact.onnx..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.rec4j.ctr..")
        .because(
            "CTR models describe their scoring through the same OnnxExportable capability; the export knows no network")
        .check(core);
  }
}
