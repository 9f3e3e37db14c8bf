package org.rec4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The provider's choice rule; its real fallback in child JVMs with and without the Vector API
 * module (and with {@code -Drec4j.kernels=scalar}); and the rule that only {@code Simd*} classes
 * use the Vector API.
 */
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
  void childJvmWithoutVectorModuleFallsBackAndWarnsOnce() throws Exception {
    String out = runProbe();
    assertTrue(out.contains("chosen=scalar"), out);
    assertEquals(
        1, out.split("Vector API \\(jdk.incubator.vector\\) unavailable", -1).length - 1, out);
  }

  @Test
  void childJvmForcedToScalarUsesScalarWithoutWarning() throws Exception {
    String out = runProbe("--add-modules", "jdk.incubator.vector", "-Drec4j.kernels=scalar");
    assertTrue(out.contains("chosen=scalar"), out);
    assertFalse(out.contains("unavailable"), out);
  }

  @Test
  void childJvmWithVectorModuleUsesSimd() throws Exception {
    assumeTrue(KernelProvider.simdOrNull() != null, "Vector API unavailable in this JVM");
    String out = runProbe("--add-modules", "jdk.incubator.vector");
    assertTrue(out.contains("chosen=simd-"), out);
  }

  /**
   * Runs {@link ProviderProbe} in a fresh JVM with the given flags; returns its stdout and stderr.
   */
  private static String runProbe(String... jvmArgs) throws IOException, InterruptedException {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(List.of(jvmArgs));
    cmd.add("-cp");
    cmd.add("target/classes" + File.pathSeparator + "target/test-classes");
    cmd.add(ProviderProbe.class.getName());
    Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(p.waitFor(60, TimeUnit.SECONDS), "probe JVM did not finish: " + out);
    assertEquals(0, p.exitValue(), out);
    return out;
  }

  @Test
  void onlySimdClassesImportTheVectorApi() throws IOException {
    Path main = Path.of("src/main/java");
    try (Stream<Path> files = Files.walk(main)) {
      List<Path> offenders =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(p -> !p.getFileName().toString().startsWith("Simd"))
              .filter(KernelProviderTest::importsVectorApi)
              .toList();
      assertFalse(
          !offenders.isEmpty(), "only Simd* classes may import jdk.incubator.vector: " + offenders);
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
