package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.cli.TrainCommandTest.Run;

/**
 * What a new user hit (issue 16), each as the command they ran: the exit code and the one stderr line they get now.
 */
class NewUserPitfallsTest {
  static final String RATINGS = "synthetic:users=40,items=30,min=5,max=10";
  static final String IMPLICIT = "synthetic:kind=implicit,users=40,items=30,min=5,max=10";

  static void assertOneLineError(Run r, int code, String... parts) {
    assertEquals(code, r.code(), r.err() + r.out());
    assertEquals(1, r.err().strip().lines().filter(l -> !l.startsWith("WARNING")).count(), r.err());
    for (String p : parts) assertTrue(r.err().contains(p), "'" + p + "' in " + r.err());
  }

  @Test
  void aDivergedRunFailsWithAUsageErrorAndSavesNothing(@TempDir Path tmp) {
    for (String data : new String[] {RATINGS, IMPLICIT}) {
      Path save = tmp.resolve("m" + data.length());
      Run r = TrainCommandTest.run("train", "--model", "mf", "--data", data, "--lr", "1e30", "--epochs", "2", "--eval-negatives", "20", "--quiet",
          "--save", save.toString());
      assertOneLineError(r, ExitCode.USAGE, "rec4j: error: training diverged at epoch 1, batch ", "lower the learning rate (--lr, now 1.0E30)");
      assertFalse(Files.exists(save), "no artifact for a diverged run");
    }
  }
}
