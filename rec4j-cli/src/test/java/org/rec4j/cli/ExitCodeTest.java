package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.rec4j.model.ModelOptions;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.Tensor;

/**
 * Which failures are usage errors and which are bugs (internal errors), by where they come from.
 */
class ExitCodeTest {
  @Test
  void anArgumentErrorInsideTheEngineIsAnInternalError() {
    IllegalArgumentException shapeBug =
        assertThrows(
            IllegalArgumentException.class,
            () -> LinAlg.matmul(Tensor.zeros(2, 3), Tensor.zeros(2, 3)));
    assertEquals(ExitCode.INTERNAL, Main.exitCode(shapeBug));
  }

  @Test
  void anArgumentErrorFromValidationIsAUsageError() {
    IllegalArgumentException bad =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelOptions.implicit(10, 10, 8).withArchitecture(0, 16, 8));
    assertEquals(ExitCode.USAGE, Main.exitCode(bad));
    assertEquals(ExitCode.INTERNAL, Main.exitCode(new NullPointerException()));
    assertEquals(ExitCode.DATA, Main.exitCode(new java.io.IOException("x")));
  }

  @Test
  void badValuesOnTheCommandLineAreUsageErrorsNotEngineErrors() {
    for (String[] args :
        new String[][] {
          {"train", "--model", "mf", "--data", "synthetic:", "--epochs", "1", "--lr", "-1"},
          {"train", "--model", "ncf", "--data", "synthetic:", "--epochs", "1", "--dropout", "1.5"},
          {"train", "--model", "mf", "--data", "synthetic:", "--epochs", "1", "--factors", "0"},
          {"train", "--model", "mf", "--data", "synthetic:", "--epochs", "1", "--l2", "-1"},
          {"train", "--model", "mf", "--data", "synthetic:", "--epochs", "1", "--batch", "0"}
        }) {
      StringWriter err = new StringWriter();
      int code =
          Main.run(args, new PrintWriter(new StringWriter(), true), new PrintWriter(err, true));
      assertEquals(ExitCode.USAGE, code, String.join(" ", args) + " -> " + err);
      assertTrue(
          err.toString().startsWith("rec4j: error: ")
              && err.toString().strip().lines().count() == 1,
          err.toString());
    }
  }
}
