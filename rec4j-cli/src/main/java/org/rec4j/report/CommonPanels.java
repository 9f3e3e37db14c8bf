package org.rec4j.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.rec4j.train.EpochStats;

/**
 * Panels every kind of run has data for: training loss per epoch, the validation metric per epoch
 * and against cumulative training seconds (convergence), and bars of per-model numbers (parameter
 * counts, training time, and the rating panels' MAE and RMSE).
 */
final class CommonPanels {
  private CommonPanels() {}

  /** Training loss per epoch, one line per run with a history. */
  static List<Panel> trainingLoss(List<ModelRun> runs) {
    XYChart c = ChartStyle.xy("Training loss per epoch", "epoch", "mean training loss");
    int drawn = 0;
    for (int i = 0; i < runs.size(); i++) {
      ModelRun r = runs.get(i);
      if (r.history() == null || r.history().epochs().isEmpty()) continue;
      List<EpochStats> ep = r.history().epochs();
      double[] x = ep.stream().mapToDouble(EpochStats::epoch).toArray();
      double[] y = ep.stream().mapToDouble(EpochStats::trainLoss).toArray();
      ChartStyle.paint(c.addSeries(r.name(), x, y), ChartStyle.color(i));
      drawn++;
    }
    if (drawn == 0) return List.of();
    c.getStyler().setXAxisDecimalPattern("#");
    // a loss falling by more than 10× in the first epochs flattens everything after them on a
    // linear axis
    double lo = Double.POSITIVE_INFINITY, hi = 0;
    for (XYSeries s : c.getSeriesCollection()) {
      lo = Math.min(lo, s.getYMin());
      hi = Math.max(hi, s.getYMax());
    }
    boolean log = lo > 0 && hi / lo > 10;
    if (log) {
      ChartStyle.logY(c);
      c.setYAxisTitle("mean training loss (log scale)");
    } else {
      c.getStyler().setYAxisMin(0.0);
    }
    return List.of(
        new Panel(
            "training-loss.png",
            "Mean training loss of each epoch (the model's own objective, "
                + "e.g. MSE for ratings, BCE for implicit feedback)"
                + (log ? ", on a log scale" : "")
                + ".",
            ChartStyle.finish(c)));
  }

  /**
   * The validation metric each run monitored, per epoch; one chart per metric when runs validated
   * different ones.
   */
  static List<Panel> validation(List<ModelRun> runs) {
    return curves(runs, false);
  }

  /** The validation metric against cumulative training seconds: which model gets good fastest. */
  static List<Panel> convergence(List<ModelRun> runs) {
    return curves(runs, true);
  }

  private static List<Panel> curves(List<ModelRun> runs, boolean bySeconds) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      String key = validationKey(runs.get(i));
      if (key != null) byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    List<Panel> out = new ArrayList<>();
    for (var e : byKey.entrySet()) {
      String key = e.getKey(), label = Labels.metric(key);
      XYChart c =
          bySeconds
              ? ChartStyle.xy(
                  "Convergence: validation " + label + " against training time",
                  "cumulative training seconds",
                  label)
              : ChartStyle.xy("Validation " + label + " per epoch", "epoch", label);
      for (int i : e.getValue()) {
        ModelRun r = runs.get(i);
        double[][] curve = r.validationCurve(key);
        double[] x = new double[curve.length], y = new double[curve.length];
        Map<Integer, Double> cumulative = cumulativeSeconds(r);
        for (int j = 0; j < curve.length; j++) {
          x[j] = bySeconds ? cumulative.get((int) curve[j][0]) : curve[j][0];
          y[j] = curve[j][1];
        }
        ChartStyle.paint(c.addSeries(r.name(), x, y), ChartStyle.color(i));
      }
      String slug = Labels.slug(key), better = Labels.lowerIsBetter(key) ? "lower" : "higher";
      if (bySeconds) {
        c.getStyler().setXAxisMin(0.0);
        out.add(
            new Panel(
                "convergence-" + slug + ".png",
                "Validation "
                    + label
                    + " against the training seconds spent "
                    + "so far ("
                    + better
                    + " is better): which model gets good fastest.",
                ChartStyle.finish(c)));
      } else {
        c.getStyler().setXAxisDecimalPattern("#");
        out.add(
            new Panel(
                "validation-" + slug + ".png",
                label
                    + " after each validated epoch, on the run's validation "
                    + "part (or its test part when the split has none, as the NCF protocol does; "
                    + better
                    + " is better).",
                ChartStyle.finish(c)));
      }
    }
    return out;
  }

  /**
   * The metric a run's history validated: {@code rmse} when present, else {@code ndcg@10}, else the
   * NDCG at the largest k, else the first one recorded; null without any validated epoch.
   */
  static String validationKey(ModelRun r) {
    if (r.history() == null) return null;
    List<String> keys = new ArrayList<>();
    for (EpochStats e : r.history().epochs())
      for (String k : e.validation().keySet()) if (!keys.contains(k)) keys.add(k);
    if (keys.isEmpty()) return null;
    if (keys.contains("rmse")) return "rmse";
    if (keys.contains("ndcg@10")) return "ndcg@10";
    String ndcg = Labels.largestK(keys, "ndcg");
    return ndcg != null ? ndcg : keys.get(0);
  }

  private static Map<Integer, Double> cumulativeSeconds(ModelRun r) {
    Map<Integer, Double> m = new LinkedHashMap<>();
    double t = 0;
    for (EpochStats e : r.history().epochs()) {
      t += e.trainSeconds();
      m.put(e.epoch(), t);
    }
    return m;
  }

  /** Parameter counts and training seconds as bars. */
  static List<Panel> size(List<ModelRun> runs) {
    List<Panel> out = new ArrayList<>();
    List<Integer> withParams = new ArrayList<>(), withTime = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      if (runs.get(i).parameters() > 0) withParams.add(i);
      if (Double.isFinite(runs.get(i).trainSeconds())) withTime.add(i);
    }
    if (!withParams.isEmpty()) {
      out.add(
          new Panel(
              "parameters.png",
              "Number of trainable scalar parameters (embeddings included).",
              bars(
                  "Model size",
                  "parameters",
                  runs,
                  withParams,
                  r -> (double) r.parameters(),
                  "#,##0")));
    }
    if (!withTime.isEmpty()) {
      out.add(
          new Panel(
              "train-time.png",
              "Measured wall-clock seconds of the training loops, summed over epochs "
                  + "(validation and data preparation excluded).",
              bars("Training time", "seconds", runs, withTime, ModelRun::trainSeconds, "#,##0.0")));
    }
    return out;
  }

  /** One bar per run in {@code which}, in the run's colour, with its value written on top. */
  static CategoryChart bars(
      String title,
      String yTitle,
      List<ModelRun> runs,
      List<Integer> which,
      java.util.function.ToDoubleFunction<ModelRun> value,
      String pattern) {
    CategoryChart c = ChartStyle.bars(title, "model", yTitle);
    List<String> names = which.stream().map(i -> runs.get(i).name()).toList();
    for (int j = 0; j < which.size(); j++) {
      List<Double> y = new ArrayList<>();
      for (int k = 0; k < which.size(); k++)
        y.add(k == j ? value.applyAsDouble(runs.get(which.get(k))) : null);
      CategorySeries s = c.addSeries(runs.get(which.get(j)).name(), names, y);
      Color col = ChartStyle.color(which.get(j));
      ChartStyle.paint(s, col);
    }
    c.getStyler().setStacked(true);
    c.getStyler().setAvailableSpaceFill(0.55);
    c.getStyler().setLabelsVisible(true);
    c.getStyler()
        .setLabelsFont(new java.awt.Font(java.awt.Font.SANS_SERIF, java.awt.Font.BOLD, 13));
    c.getStyler().setYAxisDecimalPattern(pattern);
    c.getStyler().setYAxisMin(0.0);
    c.getStyler().setLegendVisible(false);
    return c;
  }

  static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4f", v);
  }
}
