package org.rec4j.report;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.util.Locale;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.AxesChartSeries;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The one look of every report chart: 800×500 px, white background with a light grid, sans-serif
 * fonts readable at the image's own size, the legend below the plot (only when there is more than
 * one series), and a fixed colour per model (by its position in the report's run list, so a model
 * has the same colour in every chart).
 */
final class ChartStyle {
  static final int WIDTH = 800;
  static final int HEIGHT = 500;

  /** Tableau 10: distinct, colour-blind tolerant, and legible on white. */
  private static final Color[] PALETTE = {
    new Color(0x4E79A7),
    new Color(0xF28E2B),
    new Color(0xE15759),
    new Color(0x76B7B2),
    new Color(0x59A14F),
    new Color(0xEDC948),
    new Color(0xB07AA1),
    new Color(0xFF9DA7),
    new Color(0x9C755F),
    new Color(0xBAB0AC)
  };

  static final Color NEUTRAL = new Color(0x6B6B6B);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 18);
  private static final Font AXIS_TITLE = new Font(Font.SANS_SERIF, Font.PLAIN, 14);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 12);
  private static final Font LEGEND = new Font(Font.SANS_SERIF, Font.PLAIN, 13);

  private ChartStyle() {}

  /** The colour of the run at {@code index} in the report's run list. */
  static Color color(int index) {
    return PALETTE[index % PALETTE.length];
  }

  /** {@code c} with the given opacity (0–255). */
  static Color alpha(Color c, int alpha) {
    return new Color(c.getRed(), c.getGreen(), c.getBlue(), alpha);
  }

  /** An empty line chart with title and axis titles. */
  static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart c = new XYChart(WIDTH, HEIGHT);
    c.setTitle(title);
    c.setXAxisTitle(xTitle);
    c.setYAxisTitle(yTitle);
    common(c.getStyler());
    c.getStyler().setDefaultSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    c.getStyler().setMarkerSize(6);
    return c;
  }

  /** An empty bar chart with title and axis titles. */
  static CategoryChart bars(String title, String xTitle, String yTitle) {
    CategoryChart c = new CategoryChart(WIDTH, HEIGHT);
    c.setTitle(title);
    c.setXAxisTitle(xTitle);
    c.setYAxisTitle(yTitle);
    common(c.getStyler());
    c.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Bar);
    c.getStyler().setPlotGridVerticalLinesVisible(false);
    return c;
  }

  private static void common(AxesChartStyler s) {
    s.setLocale(Locale.ROOT);
    s.setChartBackgroundColor(Color.WHITE);
    s.setPlotBackgroundColor(Color.WHITE);
    s.setPlotBorderVisible(true);
    s.setPlotBorderColor(new Color(0xB0B0B0));
    s.setPlotGridLinesColor(new Color(0xE3E3E3));
    s.setPlotGridLinesStroke(new BasicStroke(1f));
    s.setChartFontColor(new Color(0x222222));
    s.setAxisTickLabelsColor(new Color(0x333333));
    s.setChartTitleFont(TITLE);
    s.setChartTitleBoxVisible(false);
    s.setAxisTitleFont(AXIS_TITLE);
    s.setAxisTickLabelsFont(TICKS);
    s.setLegendFont(LEGEND);
    s.setLegendPosition(Styler.LegendPosition.OutsideS);
    s.setLegendLayout(Styler.LegendLayout.Horizontal);
    s.setLegendBorderColor(Color.WHITE);
    s.setLegendPadding(10);
    s.setLegendSeriesLineLength(30);
    s.setChartPadding(12);
    s.setPlotMargin(6);
    s.setAntiAlias(true);
    s.setTextAntiAlias(true);
  }

  /** Colours a line series (and its markers) like run {@code index}. */
  static void paint(XYSeries s, Color c) {
    s.setLineColor(c);
    s.setMarkerColor(c);
    s.setFillColor(c);
    s.setLineWidth(2.2f);
  }

  /** Colours any axes-chart series' fill and line. */
  static void paint(AxesChartSeries s, Color c) {
    s.setFillColor(c);
    s.setLineColor(c);
  }

  /** A dashed stroke of the given width. */
  static BasicStroke dashed(float width) {
    return new BasicStroke(
        width, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 10f, new float[] {7f, 5f}, 0f);
  }

  /** No markers on {@code s}. */
  static void noMarkers(XYSeries s) {
    s.setMarker(SeriesMarkers.NONE);
  }

  /**
   * Finishes a chart: shows the legend only when more than one series is listed in it, and gives
   * every numeric axis without an explicit pattern one that suits its span (XChart's default mixes
   * "2" with "2.2" and ".05").
   */
  static <C extends Chart<?, ?>> C finish(C chart) {
    long shown = chart.getSeriesCollection().stream().filter(s -> s.isShowInLegend()).count();
    chart.getStyler().setLegendVisible(shown > 1);
    if (chart.getStyler() instanceof AxesChartStyler s) {
      double[] y = range(chart, false), x = range(chart, true);
      if (s.getYAxisDecimalPattern() == null && y != null)
        s.setYAxisDecimalPattern(pattern(y[1] - y[0]));
      if (chart instanceof XYChart && s.getXAxisDecimalPattern() == null && x != null)
        s.setXAxisDecimalPattern(pattern(x[1] - x[0]));
    }
    return chart;
  }

  /**
   * A decimal pattern for ticks over {@code span}: as many digits as the finest round tick step
   * needs, on every label.
   */
  static String pattern(double span) {
    if (!(span > 0) || !Double.isFinite(span)) return "0.###";
    // XChart puts 6 to 10 ticks on an axis of this size: take the digits of the finest round step
    // it may choose
    double step = Bins.niceStep(span / 12);
    int d =
        Math.max(
            0,
            java.math.BigDecimal.valueOf(step)
                .round(new java.math.MathContext(3))
                .stripTrailingZeros()
                .scale());
    return d == 0 ? "#,##0" : "0." + "0".repeat(d);
  }

  /**
   * Logarithmic y axis labelled at 1, 2 and 5 times powers of ten only (grid lines stay at every
   * integer multiple): XChart's own labels at every multiple overlap near each decade.
   */
  static void logY(XYChart c) {
    c.getStyler().setYAxisLogarithmic(true);
    c.getStyler().setYAxisLogarithmicDecadeOnly(false);
    java.text.DecimalFormat f =
        new java.text.DecimalFormat(
            "0.####", java.text.DecimalFormatSymbols.getInstance(Locale.ROOT));
    c.getStyler()
        .setYAxisTickLabelsFormattingFunction(v -> {
          double m = v / Math.pow(10, Math.floor(Math.log10(v) + 1e-9));
          boolean keep = Math.abs(m - 1) < 1e-6 || Math.abs(m - 2) < 1e-6 || Math.abs(m - 5) < 1e-6;
          return keep ? f.format(v) : "";
        });
  }

  /** A percentage pattern for shares up to {@code max}. */
  static String percent(double max) {
    return max >= 0.05 ? "0%" : "0.0%";
  }

  /** The smallest and largest finite data value on the x or y axis over all series, or null. */
  private static double[] range(Chart<?, ?> chart, boolean x) {
    double lo = Double.POSITIVE_INFINITY, hi = Double.NEGATIVE_INFINITY;
    for (Object o : chart.getSeriesCollection()) {
      if (!(o instanceof AxesChartSeries s)) continue;
      if (x && !(s instanceof XYSeries)) continue;
      double a = x ? s.getXMin() : s.getYMin(), b = x ? s.getXMax() : s.getYMax();
      if (Double.isFinite(a)) lo = Math.min(lo, a);
      if (Double.isFinite(b)) hi = Math.max(hi, b);
    }
    return lo <= hi ? new double[] {lo, hi} : null;
  }
}
