package org.rec4j.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The harness on a tiny generated NCF folder: no shared data needed, a few seconds at most. */
class WorkloadTest {
  @TempDir Path root;

  @Test
  void parsesOptionsAndDefaults() {
    Workload.Options o =
        Workload.parse(
            new String[] {"--workload", "rating-ml100k", "--threads=2", "--models", "ncf"});
    assertEquals(Workload.Name.RATING_ML100K, o.workload());
    assertEquals(2, o.threads());
    assertEquals(50, o.epochs());
    assertEquals(List.of("ncf"), o.models());
    assertEquals(Path.of("../shared/data"), o.dataRoot());
    assertEquals(20, Workload.parse(new String[] {"--workload", "neumf-ml1m"}).epochs());
  }

  @Test
  void badOptionsFailNamingTheKey() {
    assertTrue(fails("--workload", "nope").contains("neumf-ml1m"));
    assertTrue(fails("--workload", "mf-ml1m", "--threads", "0").startsWith("--threads"));
    assertTrue(fails("--workload", "mf-ml1m", "--bogus", "1").contains("--bogus"));
    assertTrue(fails("--workload", "mf-ml1m", "--models", "neumf").contains("--models"));
    assertTrue(fails("--epochs", "2").contains("--workload is required"));
  }

  @Test
  void missingDataNamesThePath() {
    Workload.Options o =
        Workload.parse(new String[] {"--workload", "mf-ml1m", "--data-root", root.toString()});
    var e = assertThrows(IllegalArgumentException.class, () -> Workload.run(o, sink(), sink()));
    assertTrue(
        e.getMessage().contains(root.resolve("ml-1m/ncf/ml-1m.train.rating").toString()),
        e.getMessage());
  }

  @Test
  void trainingWorkloadPrintsOneJsonLine() throws IOException {
    writeTinyNcf(root.resolve("ml-1m/ncf"));
    String out = run("--workload", "neumf-ml1m", "--epochs", "2", "--data-root", root.toString());
    String[] lines = out.strip().split("\n");
    assertEquals(1, lines.length, out);
    String l = lines[0];
    assertTrue(
        l.startsWith(
            "{\"workload\":\"neumf-ml1m\",\"model\":\"neumf\",\"threads\":1,\"epochs\":2,"),
        l);
    for (String key :
        List.of(
            "seconds_per_epoch",
            "train_samples_per_s",
            "eval_seconds",
            "peak_rss_mb",
            "alloc_bytes_per_batch",
            "foreign_cores",
            "\"quality\":{\"hr@10\":",
            "\"ndcg@10\":")) {
      assertTrue(l.contains(key), key + " missing in " + l);
    }
    // 40 users x 6 positives x (1 + 4 negatives) training examples per epoch
    assertTrue(l.contains("\"samples_per_epoch\":1200,"), l);
  }

  @Test
  void evaluationWorkloadTimesEachModel() throws IOException {
    writeTinyNcf(root.resolve("ml-1m/ncf"));
    String out =
        run("--workload", "eval-full-ml1m", "--repeat", "2", "--data-root", root.toString());
    String[] lines = out.strip().split("\n");
    assertEquals(2, lines.length, out);
    assertTrue(lines[0].startsWith("{\"workload\":\"eval-full-ml1m\",\"model\":\"mf\""), lines[0]);
    assertTrue(
        lines[1].contains("\"model\":\"neumf\"") && lines[1].contains("\"users\":40,"), lines[1]);
    assertTrue(lines[1].contains("\"eval_seconds_runs\":["), lines[1]);
  }

  @Test
  void ratingWorkloadPrintsOneLinePerModel() throws IOException {
    writeTinyMl100k(root.resolve("ml-100k"));
    String[] lines =
        run("--workload", "rating-ml100k", "--epochs", "2", "--data-root", root.toString())
            .strip()
            .split("\n");
    assertEquals(3, lines.length);
    List<String> models = List.of("ncf", "widedeep", "neumf");
    for (int k = 0; k < 3; k++) {
      assertTrue(
          lines[k].startsWith(
              "{\"workload\":\"rating-ml100k\",\"model\":\"" + models.get(k) + "\""),
          lines[k]);
      assertTrue(
          lines[k].contains("\"samples_per_epoch\":240,")
              && lines[k].contains("\"quality\":{\"rmse\":"),
          lines[k]);
    }
  }

  private String run(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Workload.run(Workload.parse(args), new PrintStream(out, true, StandardCharsets.UTF_8), sink());
    return out.toString(StandardCharsets.UTF_8);
  }

  private static String fails(String... args) {
    return assertThrows(IllegalArgumentException.class, () -> Workload.parse(args)).getMessage();
  }

  private static PrintStream sink() {
    return new PrintStream(PrintStream.nullOutputStream());
  }

  /** u.data of 30 users x 10 rated items each; fold u1 holds out 2 of each user's ratings. */
  private static void writeTinyMl100k(Path dir) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(11);
    StringBuilder all = new StringBuilder(), base = new StringBuilder(), test = new StringBuilder();
    for (int u = 1; u <= 30; u++) {
      for (int k = 0; k < 10; k++) {
        int item = 1 + (u * 7 + k * 3) % 25;
        String line = u + "\t" + item + "\t" + (1 + r.nextInt(5)) + "\t" + (880000000 + k) + "\n";
        all.append(line);
        (k < 8 ? base : test).append(line);
      }
    }
    Files.writeString(dir.resolve("u.data"), all);
    Files.writeString(dir.resolve("u1.base"), base);
    Files.writeString(dir.resolve("u1.test"), test);
  }

  /**
   * 40 users, 30 items: 6 training items and 1 held-out item per user, 10 negatives per test row.
   */
  private static void writeTinyNcf(Path dir) throws IOException {
    Files.createDirectories(dir);
    Random r = new Random(7);
    StringBuilder train = new StringBuilder(),
        test = new StringBuilder(),
        neg = new StringBuilder();
    for (int u = 0; u < 40; u++) {
      List<Integer> items =
          new java.util.ArrayList<>(java.util.stream.IntStream.range(0, 30).boxed().toList());
      java.util.Collections.shuffle(items, r);
      for (int k = 0; k < 6; k++)
        train
            .append(u)
            .append('\t')
            .append(items.get(k))
            .append("\t4\t")
            .append(1000 + k)
            .append('\n');
      test.append(u).append('\t').append(items.get(6)).append("\t5\t2000\n");
      neg.append('(').append(u).append(',').append(items.get(6)).append(')');
      for (int k = 7; k < 17; k++) neg.append('\t').append(items.get(k));
      neg.append('\n');
    }
    Files.writeString(dir.resolve("ml-1m.train.rating"), train);
    Files.writeString(dir.resolve("ml-1m.test.rating"), test);
    Files.writeString(dir.resolve("ml-1m.test.negative"), neg);
  }
}
