package org.rec4j.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * Panels of ranking runs: HR, NDCG and Recall against the cut-off k (from the {@code hr@k}, {@code
 * ndcg@k}, {@code recall@k} metrics present), and the distribution of per-user NDCG.
 */
final class RankingPanels {
  /** Bins of the per-user distribution: exactly 0 (a miss), then ten of width 0.1 over (0, 1]. */
  private static final int BINS = 10;

  private RankingPanels() {}

  /** One chart per metric family; a run is drawn when it has the metric at two or more cut-offs. */
  static List<Panel> atK(List<ModelRun> runs) {
    List<Panel> out = new ArrayList<>();
    for (String family : List.of("hr", "ndcg", "recall")) {
      String label = Labels.metric(family);
      XYChart c = ChartStyle.xy(label + "@k against the cut-off k", "cut-off k", label + "@k");
      int drawn = 0;
      for (int i = 0; i < runs.size(); i++) {
        TreeMap<Integer, Double> curve = new TreeMap<>();
        runs.get(i)
            .metrics()
            .forEach((key, v) -> {
              int k = Labels.k(key, family);
              if (k > 0) curve.put(k, v);
            });
        if (curve.size() < 2) continue;
        XYSeries s =
            c.addSeries(
                runs.get(i).name(),
                new ArrayList<>(curve.keySet()),
                new ArrayList<>(curve.values()));
        ChartStyle.paint(s, ChartStyle.color(i));
        drawn++;
      }
      if (drawn == 0) continue;
      c.getStyler().setXAxisDecimalPattern("#");
      c.getStyler().setYAxisMin(0.0);
      out.add(
          new Panel(
              family + "-at-k.png",
              label
                  + "@k of each model for every cut-off k it was evaluated at "
                  + "(higher is better).",
              ChartStyle.finish(c)));
    }
    return out;
  }

  /**
   * Grouped bars of the share of users per NDCG bin, one group of charts per NDCG key: {@code
   * ndcg@10} when a run has it per user, else its largest k.
   */
  static List<Panel> perUser(List<ModelRun> runs) {
    Map<String, List<Integer>> byKey = new LinkedHashMap<>();
    for (int i = 0; i < runs.size(); i++) {
      var pu = runs.get(i).perUser();
      String key = pu.containsKey("ndcg@10") ? "ndcg@10" : Labels.largestK(pu.keySet(), "ndcg");
      if (key != null && pu.get(key).length > 0)
        byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(i);
    }
    List<Panel> out = new ArrayList<>();
    for (var e : byKey.entrySet()) {
      String key = e.getKey(), label = Labels.metric(key);
      List<String> cats = new ArrayList<>();
      cats.add("0");
      for (int b = 0; b < BINS; b++)
        cats.add(
            String.format(Locale.ROOT, "%.1f–%.1f", b / (double) BINS, (b + 1) / (double) BINS));
      CategoryChart c =
          ChartStyle.bars(
              "Per-user " + label + " distribution", label + " of a user", "share of users");
      for (int i : e.getValue()) {
        double[] v = runs.get(i).perUser().get(key);
        double[] share = new double[BINS + 1];
        for (double x : v)
          share[x <= 0 ? 0 : 1 + Math.min(BINS - 1, (int) Math.ceil(x * BINS) - 1)]++;
        List<Double> ys = new ArrayList<>();
        for (double s : share) ys.add(s / v.length);
        CategorySeries s = c.addSeries(runs.get(i).name(), cats, ys);
        ChartStyle.paint(s, ChartStyle.color(i));
      }
      c.getStyler().setYAxisMin(0.0);
      c.getStyler().setYAxisDecimalPattern("0%");
      c.getStyler().setAvailableSpaceFill(0.8);
      c.getStyler()
          .setXAxisTickMarkSpacingHint(
              40); // eleven short bin labels fit; XChart would drop every other one
      out.add(
          new Panel(
              "per-user-" + Labels.slug(key) + ".png",
              "Share of evaluated users whose "
                  + label
                  + " falls in "
                  + "each bin; the first bar counts users whose held-out items are all outside the top k.",
              ChartStyle.finish(c)));
    }
    return out;
  }
}
