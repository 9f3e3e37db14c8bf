package org.rec4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.cli.TrainCommandTest.Run;

/**
 * {@code rec4j train} with the sequential models: a SASRec-format file trains with the papers'
 * protocol by default (leave-one-out with validation, full ranking first and the sampled figures
 * beside it), saves, and serves its histories; data without a time order and the rating task are
 * refused with one line.
 */
class SequentialCommandTest {
  /** 40 users walking a cycle of 60 items, 6–9 steps each, one "user item" line per step. */
  static Path sequences(Path dir) throws Exception {
    StringBuilder b = new StringBuilder();
    for (int u = 1; u <= 40; u++) {
      int start = (u * 7) % 60;
      for (int t = 0; t < 6 + u % 4; t++)
        b.append(u).append(' ').append(1 + (start + t) % 60).append('\n');
    }
    Path f = dir.resolve("seq.txt");
    Files.writeString(f, b);
    return f;
  }

  @Test
  void sasrecTrainsOnASequenceFileWithBothProtocols(@TempDir Path tmp) throws Exception {
    Path f = sequences(tmp);
    for (String model : new String[] {"sasrec", "gru4rec", "bert4rec"}) {
      Run r =
          TrainCommandTest.run(
              "train",
              "--model",
              model,
              "--data",
              "sasrec:" + f,
              "--epochs",
              "2",
              "--set",
              "max_length=8",
              "--set",
              "factors=8",
              "--eval-negatives",
              "20",
              "--save",
              tmp.resolve(model).toString(),
              "--quiet",
              "--json");
      assertEquals(ExitCode.OK, r.code(), model + ": " + r.err());
      JsonNode j = r.lastJson();
      for (String k : new String[] {"hr@10", "ndcg@10", "sampled_hr@10", "sampled_ndcg@10"})
        assertTrue(j.has(k), model + " reports " + k + ": " + r.out());
      assertTrue(
          j.path("sampled_hr@10").asDouble() >= j.path("hr@10").asDouble(),
          "101 candidates are easier than the whole catalog: " + r.out());
      assertTrue(Files.exists(tmp.resolve(model).resolve("model.json")));
    }
  }

  @Test
  void dataWithoutTimeOrderAndTheRatingTaskAreRefused(@TempDir Path tmp) throws Exception {
    Path csv = tmp.resolve("no-time.csv");
    StringBuilder rows = new StringBuilder("user,item,rating\n");
    for (int u = 0; u < 20; u++)
      for (int i = 0; i < 5; i++) rows.append(u).append(',').append((u + i) % 15).append(",1\n");
    Files.writeString(csv, rows);
    Run noOrder =
        TrainCommandTest.run(
            "train",
            "--model",
            "sasrec",
            "--data",
            "csv:" + csv + "?header=true",
            "--epochs",
            "1",
            "--quiet");
    assertEquals(ExitCode.USAGE, noOrder.code(), noOrder.out() + noOrder.err());
    assertTrue(noOrder.err().contains("ordered user histories"), noOrder.err());
    assertEquals(1, noOrder.err().strip().lines().count(), noOrder.err());
    Run rating =
        TrainCommandTest.run(
            "train",
            "--model",
            "sasrec",
            "--data",
            "sasrec:" + sequences(tmp),
            "--task",
            "rating",
            "--quiet");
    assertEquals(ExitCode.USAGE, rating.code(), rating.err());
    assertTrue(rating.err().contains("predicts the next item"), rating.err());
  }
}
