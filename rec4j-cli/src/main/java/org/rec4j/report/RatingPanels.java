package org.rec4j.report;

import java.awt.Color;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Panels of rating-prediction runs: MAE and RMSE bars, predicted-vs-actual scatter per model, the
 * distribution of actual and predicted ratings, and the distribution of errors (predicted −
 * actual).
 */
final class RatingPanels {
  /** Most points drawn in one scatter plot. */
  static final int MAX_POINTS = 5_000;

  private RatingPanels() {}

  /** MAE and RMSE bars over the runs that report them. */
  static List<Panel> errorBars(List<ModelRun> runs) {
    List<Panel> out = new ArrayList<>();
    for (String key : List.of("mae", "rmse")) {
      List<Integer> which = new ArrayList<>();
      for (int i = 0; i < runs.size(); i++)
        if (runs.get(i).metrics().containsKey(key)) which.add(i);
      if (which.isEmpty()) continue;
      String label = Labels.metric(key);
      out.add(
          new Panel(
              key + ".png",
              label + " of the predicted test ratings (lower is better).",
              CommonPanels.bars(
                  label + " on the test ratings",
                  label,
                  runs,
                  which,
                  r -> r.metrics().get(key),
                  "0.000")));
    }
    return out;
  }

  /** One predicted-vs-actual scatter per run with predictions. */
  static List<Panel> scatter(List<ModelRun> runs) {
    List<Panel> out = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) {
      ModelRun r = runs.get(i);
      if (!r.hasPredictions()) continue;
      float[] a = r.actual(), p = r.predicted();
      int[] idx = Bins.sample(a.length, MAX_POINTS);
      boolean jitter = Bins.wholeNumbers(a);
      SplittableRandom rnd = new SplittableRandom(Bins.SEED + i);
      List<Double> xs = new ArrayList<>(), ys = new ArrayList<>();
      double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
      for (int j : idx) {
        if (!Float.isFinite(a[j]) || !Float.isFinite(p[j])) continue;
        xs.add(a[j] + (jitter ? (rnd.nextDouble() - 0.5) * 0.3 : 0));
        ys.add((double) p[j]);
        lo = Math.min(lo, Math.min(a[j], p[j]));
        hi = Math.max(hi, Math.max(a[j], p[j]));
      }
      if (xs.isEmpty()) continue;
      lo = Math.floor((lo - (jitter ? 0.15 : 0)) * 2) / 2;
      hi = Math.ceil((hi + (jitter ? 0.15 : 0)) * 2) / 2;
      XYChart c =
          ChartStyle.xy(
              "Predicted vs actual rating: " + r.name(),
              "actual rating" + (jitter ? " (jittered)" : ""),
              "predicted rating");
      String shown =
          xs.size() == a.length
              ? String.format(Locale.ROOT, "%,d test ratings", a.length)
              : String.format(Locale.ROOT, "%,d of %,d test ratings", xs.size(), a.length);
      XYSeries pts = c.addSeries(shown, xs, ys);
      pts.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      pts.setMarker(SeriesMarkers.CIRCLE);
      int opacity =
          xs.size() <= 1_000
              ? 150
              : xs.size() <= 3_000 ? 110 : 80; // denser clouds need lighter dots
      pts.setMarkerColor(ChartStyle.alpha(ChartStyle.color(i), opacity));
      XYSeries diag =
          c.addSeries("predicted = actual", new double[] {lo, hi}, new double[] {lo, hi});
      ChartStyle.paint(diag, ChartStyle.NEUTRAL);
      diag.setLineStyle(ChartStyle.dashed(1.8f));
      ChartStyle.noMarkers(diag);
      c.getStyler().setMarkerSize(4);
      c.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
      c.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
      c.getStyler().setLegendBorderColor(new Color(0xD0D0D0));
      c.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(lo).setYAxisMax(hi);
      int bad = Bins.nonFinite(p);
      String caption =
          "Each dot is one test rating: its true value against the model's prediction; dots on the "
              + "dashed line are exact."
              + (xs.size() < a.length ? " A seeded random sample is drawn." : "")
              + (jitter ? " Whole-number ratings are spread by ±0.15 to show density." : "")
              + (bad > 0 ? " " + bad + " non-finite predictions are left out." : "");
      out.add(
          new Panel("scatter-" + Labels.slug(r.name()) + ".png", caption, ChartStyle.finish(c)));
    }
    return out;
  }

  /** Histogram outlines of the actual test ratings and of each run's predictions. */
  static List<Panel> distribution(List<ModelRun> runs) {
    List<Integer> which = withPredictions(runs);
    if (which.isEmpty()) return List.of();
    float[] actual = runs.get(which.get(0)).actual();
    boolean sameTest =
        which.stream().allMatch(i -> java.util.Arrays.equals(runs.get(i).actual(), actual));
    // the range of the actual ratings, widened to hold all but the 0.5 % most extreme predictions
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (float x : actual) {
      if (!Float.isFinite(x)) continue;
      lo = Math.min(lo, x);
      hi = Math.max(hi, x);
    }
    for (int i : which) {
      double[] p = toDouble(runs.get(i).predicted());
      double qlo = Bins.quantile(p, 0.0025), qhi = Bins.quantile(p, 0.9975);
      if (Double.isFinite(qlo)) lo = Math.min(lo, qlo);
      if (Double.isFinite(qhi)) hi = Math.max(hi, qhi);
    }
    if (!(lo <= hi)) return List.of(); // nothing finite to draw
    if (hi - lo < 1) {
      lo -= 0.5;
      hi += 0.5;
    }
    // about √n bins (15 to 50), of a round width with edges on multiples of it
    // for whole-number ratings (stars) the bins are centred on the stars instead
    double w = Bins.niceStep((hi - lo) / Math.max(15, Math.min(50, Math.sqrt(actual.length))));
    boolean stars = Bins.wholeNumbers(actual);
    lo = Math.floor(lo / w) * w - (stars ? w / 2 : 0);
    hi = Math.ceil(hi / w - 1e-9) * w + (stars ? w / 2 : 0);
    int n = (int) Math.round((hi - lo) / w);
    XYChart c =
        ChartStyle.xy(
            "Distribution of test ratings: actual and predicted",
            "rating",
            "share of test ratings");
    double[][] act = Bins.outline(Bins.shares(actual, lo, hi, n), lo, hi);
    XYSeries a =
        c.addSeries(
            sameTest ? "actual" : "actual (" + runs.get(which.get(0)).name() + ")", act[0], act[1]);
    a.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
    a.setFillColor(new Color(0, 0, 0, 40));
    a.setLineColor(ChartStyle.NEUTRAL);
    a.setLineWidth(1.2f);
    ChartStyle.noMarkers(a);
    for (int i : which) {
      ModelRun r = runs.get(i);
      double[][] o = Bins.outline(Bins.shares(r.predicted(), lo, hi, n), lo, hi);
      XYSeries s = c.addSeries(r.name(), o[0], o[1]);
      ChartStyle.paint(s, ChartStyle.color(i));
      s.setLineWidth(1.8f);
      ChartStyle.noMarkers(s);
    }
    c.getStyler().setXAxisMin(lo).setXAxisMax(hi).setYAxisMin(0.0);
    c.getStyler().setYAxisDecimalPattern(ChartStyle.percent(maxY(c)));
    c.getStyler().setXAxisDecimalPattern(ChartStyle.pattern(hi - lo));
    String bins =
        stars
            ? "of width " + Labels.number(w) + " centred on the whole stars"
            : "[r, r + " + Labels.number(w) + ")";
    return List.of(
        new Panel(
            "rating-distribution.png",
            "Share of test ratings per bin "
                + bins
                + ": the actual ratings "
                + "(grey area) and each model's predictions; the few predictions beyond the range are counted in the outermost "
                + "bins. A model that predicts near the mean shows a narrow peak.",
            ChartStyle.finish(c)));
  }

  /**
   * Histogram outlines of predicted − actual per run, over a symmetric range holding 99.5 % of the
   * errors.
   */
  static List<Panel> errors(List<ModelRun> runs) {
    List<Integer> which = withPredictions(runs);
    if (which.isEmpty()) return List.of();
    List<Double> abs = new ArrayList<>();
    for (int i : which) {
      float[] a = runs.get(i).actual(), p = runs.get(i).predicted();
      for (int j = 0; j < a.length; j++) abs.add((double) Math.abs(p[j] - a[j]));
    }
    double range = Bins.quantile(abs.stream().mapToDouble(Double::doubleValue).toArray(), 0.995);
    if (!(range > 0)) range = 1;
    double w = Bins.niceStep(range / 20);
    range = Math.ceil(range / w - 1e-9) * w;
    int n = (int) Math.round(2 * range / w);
    XYChart c =
        ChartStyle.xy("Prediction errors", "predicted − actual rating", "share of test ratings");
    for (int i : which) {
      ModelRun r = runs.get(i);
      float[] e = new float[r.actual().length];
      double sum = 0, sq = 0;
      int finite = 0;
      for (int j = 0; j < e.length; j++) {
        e[j] = r.predicted()[j] - r.actual()[j];
        if (!Float.isFinite(e[j])) continue;
        sum += e[j];
        sq += (double) e[j] * e[j];
        finite++;
      }
      double mean = sum / Math.max(1, finite),
          sd = Math.sqrt(Math.max(0, sq / Math.max(1, finite) - mean * mean));
      double[][] o = Bins.outline(Bins.shares(e, -range, range, n), -range, range);
      XYSeries s = c.addSeries(r.name(), o[0], o[1]);
      int bad =
          e.length - finite; // NaN or infinite predictions: said in the legend, never averaged away
      s.setLabel(
          finite == 0
              ? r.name() + " (no finite predictions)"
              : String.format(
                  Locale.ROOT,
                  "%s (mean %+.2f, sd %.2f%s)",
                  r.name(),
                  mean,
                  sd,
                  bad > 0 ? ", " + bad + " non-finite" : ""));
      ChartStyle.paint(s, ChartStyle.color(i));
      s.setLineWidth(1.8f);
      ChartStyle.noMarkers(s);
    }
    AnnotationLine zero = new AnnotationLine(0, true, false);
    c.addAnnotation(zero);
    c.getStyler().setAnnotationLineColor(ChartStyle.NEUTRAL);
    c.getStyler().setAnnotationLineStroke(ChartStyle.dashed(1.2f));
    c.getStyler().setXAxisMin(-range).setXAxisMax(range).setYAxisMin(0.0);
    c.getStyler().setYAxisDecimalPattern(ChartStyle.percent(maxY(c)));
    c.getStyler().setXAxisDecimalPattern(ChartStyle.pattern(2 * range));
    return List.of(
        new Panel(
            "error-histogram.png",
            String.format(
                Locale.ROOT,
                "Share of test ratings per error bin "
                    + "of width %s over ±%s, which holds 99.5 %% of the errors; larger errors are counted in the outermost bins. "
                    + "Left of the dashed line the model predicts too low.",
                Labels.number(w),
                Labels.number(range)),
            ChartStyle.finish(c)));
  }

  private static double maxY(XYChart c) {
    return c.getSeriesCollection().stream().mapToDouble(XYSeries::getYMax).max().orElse(1);
  }

  private static double[] toDouble(float[] v) {
    double[] d = new double[v.length];
    for (int i = 0; i < v.length; i++) d[i] = v[i];
    return d;
  }

  private static List<Integer> withPredictions(List<ModelRun> runs) {
    List<Integer> which = new ArrayList<>();
    for (int i = 0; i < runs.size(); i++) if (runs.get(i).hasPredictions()) which.add(i);
    return which;
  }
}
