package org.rec4j.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rec4j.data.Dataset;
import org.rec4j.eval.Statistics;
import org.rec4j.experiment.Experiment;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.train.TrainingListener;

/**
 * Several models trained and evaluated on the same data and split, one after the other, with a
 * results table: the engine behind {@code rec4j compare} and {@code rec4j quickstart}. Ranking runs
 * also get a paired t-test of each model's per-user NDCG against the first model's (same users,
 * same candidates), so a table row says whether its difference is more than noise.
 */
final class Comparison {
  /** One trained model of the comparison. */
  record Row(ExperimentConfig config, ExperimentResult result) {
    String model() {
      return config.model();
    }
  }

  private Comparison() {}

  /**
   * Runs every config on {@code ds} in order; {@code listeners} are made per model (progress bar,
   * log).
   */
  static List<Row> run(
      List<ExperimentConfig> configs,
      Dataset ds,
      java.util.function.Function<String, TrainingListener[]> listeners) {
    List<Row> rows = new ArrayList<>();
    for (ExperimentConfig c : configs)
      rows.add(new Row(c, Experiment.run(c, ds, listeners.apply(c.model()))));
    return rows;
  }

  /**
   * The table's metric columns: MAE/RMSE for ratings, AUC/log loss for the ctr task, HR/NDCG at the
   * first cut-off otherwise.
   */
  static List<String> metricColumns(ExperimentConfig c) {
    if (c.trainer().objective().isRating()) return List.of("mae", "rmse");
    if (c.protocol() == org.rec4j.experiment.Protocol.CTR) return List.of("auc", "logloss");
    int k = c.ks()[0];
    return List.of("hr@" + k, "ndcg@" + k);
  }

  /**
   * Prints the results table (metrics, parameters, training seconds, and the t-test p-value for
   * ranking runs).
   */
  static void printTable(PrintWriter out, List<Row> rows) {
    if (rows.isEmpty()) return;
    List<String> cols = metricColumns(rows.get(0).config());
    org.rec4j.experiment.Protocol task = rows.get(0).config().protocol();
    boolean ranking =
        task == org.rec4j.experiment.Protocol.SAMPLED || task == org.rec4j.experiment.Protocol.FULL;
    StringBuilder head = new StringBuilder(String.format(Locale.ROOT, "%-12s", "model"));
    for (String c : cols)
      head.append(String.format(Locale.ROOT, " %9s", c.toUpperCase(Locale.ROOT)));
    head.append(String.format(Locale.ROOT, " %11s %9s", "parameters", "seconds"));
    if (ranking) head.append(String.format(Locale.ROOT, " %12s", "p vs " + rows.get(0).model()));
    out.println(head);
    out.println("-".repeat(head.length()));
    for (Row r : rows) {
      StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-12s", r.model()));
      for (String c : cols) {
        Double v = r.result().metrics().get(c);
        line.append(
            v == null
                ? String.format(Locale.ROOT, " %9s", "-")
                : String.format(Locale.ROOT, " %9.4f", v));
      }
      line.append(
          String.format(
              Locale.ROOT,
              " %,11d %9.1f",
              r.result().model().parameterCount(),
              r.result().history().trainSeconds()));
      if (ranking) {
        Double p = pValue(rows.get(0), r, cols.get(1));
        line.append(
            p == null
                ? String.format(Locale.ROOT, " %12s", "-")
                : String.format(Locale.ROOT, " %12.3g", p));
      }
      out.println(line);
    }
    out.flush();
  }

  /**
   * The paired t-test p-value of {@code metric} per user between two ranking runs, or null when not
   * comparable.
   */
  static Double pValue(Row base, Row other, String metric) {
    if (base == other || base.result().ranking() == null || other.result().ranking() == null)
      return null;
    double[] a = base.result().ranking().perUser().get(metric),
        b = other.result().ranking().perUser().get(metric);
    if (a == null || b == null || a.length != b.length || a.length < 2) return null;
    return Statistics.pairedTTest(b, a).pValue();
  }

  /** The JSON summary: per model its metrics, parameters and seconds. */
  static Map<String, Object> json(List<Row> rows) {
    Map<String, Object> f = new LinkedHashMap<>();
    List<Map<String, Object>> models = new ArrayList<>();
    for (Row r : rows) {
      Map<String, Object> m = TrainCommand.summary(r.config(), r.result());
      Double p = pValue(rows.get(0), r, metricColumns(r.config()).get(1));
      if (p != null) m.put("p_value_vs_" + rows.get(0).model(), p);
      models.add(m);
    }
    f.put("models", models);
    return f;
  }

  /**
   * Writes the report for {@code rows} into {@code dir} (PNG charts and index.html); returns the
   * files written.
   */
  static List<java.nio.file.Path> writeReport(
      java.nio.file.Path dir, String title, List<Row> rows) {
    List<org.rec4j.report.ModelRun> runs = new ArrayList<>();
    for (Row r : rows) runs.add(org.rec4j.report.ModelRun.of(r.model(), r.result()));
    try {
      return org.rec4j.report.Report.write(dir, title, runs);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(
          "cannot write report to " + dir + ": " + e.getMessage(), e);
    }
  }
}
