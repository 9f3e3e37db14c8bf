package org.rec4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The provider's choice rule, its fallback, and the rule that only {@code Simd*} classes use the Vector API. */
class KernelProviderTest {
  @Test
  void forcedScalarWinsOverSimd() {
    Kernels simd = KernelProvider.simdOrNull();
    Kernels some = simd != null ? simd : ScalarKernels.INSTANCE;
    assertSame(ScalarKernels.INSTANCE, KernelProvider.choose("scalar", some));
  }

  @Test
  void fallsBackToScalarWithoutVectorApi() {
    assertSame(ScalarKernels.INSTANCE, KernelProvider.choose(null, null));
    assertSame(ScalarKernels.INSTANCE, KernelProvider.choose("simd", null));
  }

  @Test
  void choosesSimdWhenAvailable() {
    Kernels simd = KernelProvider.simdOrNull();
    assertSame(simd == null ? ScalarKernels.INSTANCE : simd, KernelProvider.choose(null, simd));
    assertNotNull(KernelProvider.get());
    assertEquals("scalar", KernelProvider.scalar().name());
  }

  @Test
  void onlySimdClassesImportTheVectorApi() throws IOException {
    Path main = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      List<Path> offenders = files.filter(p -> p.toString().endsWith(".java"))
          .filter(p -> !p.getFileName().toString().startsWith("Simd"))
          .filter(KernelProviderTest::importsVectorApi)
          .toList();
      assertFalse(!offenders.isEmpty(), "only Simd* classes may import jdk.incubator.vector: " + offenders);
    }
  }

  private static boolean importsVectorApi(Path p) {
    try {
      return Files.readString(p).contains("import jdk.incubator.vector");
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + p, e);
    }
  }
}
