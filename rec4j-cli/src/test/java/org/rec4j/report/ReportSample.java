package org.rec4j.report;

import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfSystemProperty;

/**
 * Writes sample reports of realistic runs for looking at, when {@code -Drec4j.report.sample=DIR} is
 * given (otherwise skipped): {@code DIR/rating} (ncf, widedeep, neumf on the synthetic ratings) and
 * {@code DIR/ranking} (mf, neumf on synthetic implicit feedback, k = 1…20), and with {@code
 * -Drec4j.report.ml100k=PATH} also {@code DIR/ml-100k} (mf, ncf on MovieLens 100K's whole-number
 * ratings). Its name keeps it out of the normal test run; run it with
 *
 * <pre>
 * ./mvnw -o test -pl rec4j-cli -am -Dtest=ReportSample -Dsurefire.failIfNoSpecifiedTests=false \
 *     -Drec4j.report.sample=/tmp/report-sample [-Drec4j.report.ml100k=../shared/data/ml-100k]</pre>
 */
class ReportSample {
  @Test
  @EnabledIfSystemProperty(named = "rec4j.report.sample", matches = ".+")
  void writeSampleReports() throws Exception {
    Path dir = Path.of(System.getProperty("rec4j.report.sample"));
    int[] tower = {20, 20, 10};
    List<ModelRun> rating =
        List.of(
            Runs.rating("ncf", "synthetic:", 30, 10, tower, 1e-3, 42),
            Runs.rating("widedeep", "synthetic:", 30, 10, tower, 1e-3, 42),
            Runs.rating("neumf", "synthetic:", 30, 10, tower, 1e-3, 42));
    System.out.println(
        Report.write(dir.resolve("rating"), "Rating prediction on synthetic ratings", rating));
    int[] ks = IntStream.rangeClosed(1, 20).toArray();
    List<ModelRun> ranking =
        List.of(
            Runs.ranking(
                "mf", "synthetic:kind=implicit", 10, 16, new int[] {64, 32, 16}, 99, ks, 1e-3, 42),
            Runs.ranking(
                "neumf",
                "synthetic:kind=implicit",
                10,
                16,
                new int[] {64, 32, 16},
                99,
                ks,
                1e-3,
                42));
    System.out.println(
        Report.write(
            dir.resolve("ranking"), "Top-k ranking on synthetic implicit feedback", ranking));
    String ml100k = System.getProperty("rec4j.report.ml100k");
    if (ml100k != null) { // whole-number ratings: jittered scatter, bins around the stars
      String data = "ml-100k:" + ml100k;
      List<ModelRun> stars =
          List.of(
              Runs.rating("mf", data, 5, 16, tower, 1e-3, 42),
              Runs.rating("ncf", data, 5, 16, new int[] {32, 16, 8}, 1e-3, 42));
      System.out.println(
          Report.write(dir.resolve("ml-100k"), "Rating prediction on MovieLens 100K", stars));
    }
  }
}
