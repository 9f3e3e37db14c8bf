package org.rec4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class JarABTest {
  @TempDir Path dir;

  @Test
  void parsesOptionsAndJars() throws Exception {
    Path a = Files.writeString(dir.resolve("a.jar"), "x");
    Path b = Files.writeString(dir.resolve("b.jar"), "x");
    JarAB.Options o =
        JarAB.parse(
            new String[] {
              "--workload",
              "gemm-neumf",
              "--rounds",
              "3",
              "--warmup",
              "0",
              a.toString(),
              b.toString()
            });
    assertEquals(new JarAB.Options("gemm-neumf", 3, 0, List.of(a, b)), o);
    assertEquals(
        new JarAB.Options("train-step", 8, 2, List.of(a)),
        JarAB.parse(new String[] {a.toString()}));
  }

  @Test
  void badArgumentsNameTheOptionOrJar() throws Exception {
    Path a = Files.writeString(dir.resolve("a.jar"), "x");
    assertTrue(
        message("--rounds", "0", a.toString())
            .contains("--rounds: expected an integer >= 1, got '0'"));
    assertTrue(message("--warmup", "x", a.toString()).contains("--warmup"));
    assertTrue(message("--workload", "nope", a.toString()).contains("--workload: unknown 'nope'"));
    assertTrue(message("--frobnicate", a.toString()).contains("unknown option '--frobnicate'"));
    assertTrue(message(dir.resolve("missing.jar").toString()).contains("missing.jar' not found"));
    assertTrue(message().contains("at least one jar"));
    assertTrue(message("--rounds").contains("--rounds needs a value"));
  }

  @Test
  void medianOfOddAndEvenCounts() {
    assertEquals(2.0, JarAB.median(new double[] {3, 1, 2}));
    assertEquals(2.5, JarAB.median(new double[] {4, 1, 3, 2}));
  }

  @Test
  void probeMeasuresTheGemmWorkloadAndRejectsUnknownOnes() {
    assertTrue(AbProbe.run("gemm-neumf") > 0);
    assertThrows(IllegalArgumentException.class, () -> AbProbe.run("nope"));
  }

  private static String message(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> JarAB.parse(args)).getMessage();
  }
}
