package org.rec4j.arch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The engine's dependency rules, checked on the compiled classes (ArchUnit): {@code
 * org.rec4j.tensor}, {@code nn}, {@code optim} and {@code loss} use only the JDK and each other;
 * only the SIMD kernels ({@code org.rec4j.tensor.kernel.Simd*}) touch {@code jdk.incubator.vector};
 * no package cycles.
 */
class EngineArchitectureTest {
  private static JavaClasses engine;

  @BeforeAll
  static void importEngine() {
    engine =
        new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(
                "org.rec4j.tensor", "org.rec4j.nn", "org.rec4j.optim", "org.rec4j.loss");
  }

  @Test
  void engineUsesOnlyTheJdkAndItself() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "jdk.incubator.vector..",
            "org.rec4j.tensor..",
            "org.rec4j.nn..",
            "org.rec4j.optim..",
            "org.rec4j.loss..")
        .because("rec4j-engine is pure Java with no dependencies (STYLE.md)")
        .check(engine);
  }

  @Test
  void onlyTheSimdKernelsTouchTheVectorApi() {
    DescribedPredicate<JavaClass> outsideSimdKernels =
        DescribedPredicate.describe(
            "are not SIMD kernels", c -> !c.getName().startsWith("org.rec4j.tensor.kernel.Simd"));
    noClasses()
        .that(outsideSimdKernels)
        .should()
        .dependOnClassesThat()
        .resideInAPackage("jdk.incubator.vector..")
        .because(
            "the kernel provider falls back to the scalar kernels when the Vector API is missing")
        .check(engine);
  }

  @Test
  void noPackageCycles() {
    slices().matching("org.rec4j.(**)").should().beFreeOfCycles().check(engine);
  }
}
