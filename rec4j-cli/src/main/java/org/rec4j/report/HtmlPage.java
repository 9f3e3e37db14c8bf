package org.rec4j.report;

import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;

/**
 * The report's {@code index.html}: one file with inline CSS, a summary table (size, time, epochs
 * and the headline metrics of every run, best value of each column in bold), every metric in a
 * collapsible table, and every panel's PNG embedded as a base64 data URI with its caption.
 */
final class HtmlPage {
  private static final String CSS =
      """
      body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;margin:2rem auto;max-width:1100px;\
      padding:0 1rem;color:#222;line-height:1.45}
      h1{font-size:1.7rem;margin-bottom:.2rem}h2{font-size:1.3rem;margin-top:2.2rem;border-bottom:1px solid #ddd}
      .meta{color:#666;margin-top:0}
      table{border-collapse:collapse;margin:.8rem 0;font-size:.92rem}
      th,td{padding:.35rem .7rem;border-bottom:1px solid #e4e4e4;text-align:right;white-space:nowrap}
      th{background:#f4f5f7;position:sticky;top:0}th:first-child,td:first-child{text-align:left}
      td.best{font-weight:700}
      .swatch{display:inline-block;width:.8rem;height:.8rem;border-radius:2px;margin-right:.45rem;vertical-align:-1px}
      .scroll{overflow-x:auto}
      nav ul{columns:2;padding-left:1.2rem}
      figure{margin:1.6rem 0}figure img{max-width:100%;height:auto;border:1px solid #e4e4e4}
      figcaption{color:#444;max-width:800px;font-size:.92rem}
      details{margin:.6rem 0}summary{cursor:pointer;color:#335}
      """;

  private HtmlPage() {}

  /**
   * The page for {@code runs} with {@code panels}, whose PNG bytes are {@code images} (same order).
   */
  static String render(String title, List<ModelRun> runs, List<Panel> panels, List<byte[]> images) {
    StringBuilder h = new StringBuilder(1 << 16);
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<title>")
        .append(esc(title))
        .append("</title>\n<style>\n")
        .append(CSS)
        .append("</style>\n</head>\n<body>\n")
        .append("<h1>")
        .append(esc(title))
        .append("</h1>\n<p class=\"meta\">")
        .append(runs.size())
        .append(runs.size() == 1 ? " model: " : " models: ")
        .append(esc(String.join(", ", runs.stream().map(ModelRun::name).toList())))
        .append(" · ")
        .append(panels.size())
        .append(" charts</p>\n");
    summary(h, runs);
    allMetrics(h, runs);
    if (!panels.isEmpty()) {
      h.append("<h2>Charts</h2>\n<nav><ul>\n");
      for (Panel p : panels)
        h.append("<li><a href=\"#")
            .append(anchor(p))
            .append("\">")
            .append(esc(p.title()))
            .append("</a></li>\n");
      h.append("</ul></nav>\n");
      for (int i = 0; i < panels.size(); i++) {
        Panel p = panels.get(i);
        h.append("<figure id=\"")
            .append(anchor(p))
            .append("\">\n<img src=\"data:image/png;base64,")
            .append(Base64.getEncoder().encodeToString(images.get(i)))
            .append("\" alt=\"")
            .append(esc(p.title()))
            .append("\" width=\"")
            .append(ChartStyle.WIDTH)
            .append("\" height=\"")
            .append(ChartStyle.HEIGHT)
            .append("\">\n")
            .append("<figcaption><b>")
            .append(esc(p.title()))
            .append(".</b> ")
            .append(esc(p.caption()))
            .append(" <a href=\"")
            .append(p.file())
            .append("\">")
            .append(p.file())
            .append("</a></figcaption>\n</figure>\n");
      }
    }
    return h.append("</body>\n</html>\n").toString();
  }

  /** Model, size, time, epochs and the headline metrics, one row per run. */
  private static void summary(StringBuilder h, List<ModelRun> runs) {
    List<String> keys = headline(metricKeys(runs));
    h.append(
            "<h2>Summary</h2>\n<div class=\"scroll\"><table class=\"summary\">\n<tr><th>model</th><th>parameters</th>")
        .append("<th>train seconds</th><th>epochs</th>");
    for (String k : keys) h.append("<th>").append(esc(Labels.metric(k))).append("</th>");
    h.append("</tr>\n");
    Double bestTime =
        best(runs, r -> Double.isFinite(r.trainSeconds()) ? r.trainSeconds() : null, true);
    for (int i = 0; i < runs.size(); i++) {
      ModelRun r = runs.get(i);
      String color = String.format(Locale.ROOT, "#%06x", ChartStyle.color(i).getRGB() & 0xFFFFFF);
      h.append("<tr><td><span class=\"swatch\" style=\"background:")
          .append(color)
          .append("\"></span>")
          .append(esc(r.name()))
          .append("</td><td>")
          .append(r.parameters() > 0 ? String.format(Locale.ROOT, "%,d", r.parameters()) : "–")
          .append("</td>");
      cell(h, Double.isFinite(r.trainSeconds()) ? r.trainSeconds() : null, bestTime, "%.1f");
      h.append("<td>")
          .append(r.history() == null ? "–" : String.valueOf(r.history().epochs().size()))
          .append("</td>");
      for (String k : keys) cell(h, r.metrics().get(k), bestOf(runs, k), format(k));
      h.append("</tr>\n");
    }
    h.append("</table></div>\n");
  }

  /** Every metric of every run: one row per metric, one column per run. */
  private static void allMetrics(StringBuilder h, List<ModelRun> runs) {
    Set<String> keys = metricKeys(runs);
    if (keys.isEmpty()) return;
    h.append("<details><summary>All ")
        .append(keys.size())
        .append(" metrics</summary>\n")
        .append("<div class=\"scroll\"><table class=\"all\">\n<tr><th>metric</th>");
    for (ModelRun r : runs) h.append("<th>").append(esc(r.name())).append("</th>");
    h.append("</tr>\n");
    for (String k : keys) {
      h.append("<tr><td>").append(esc(k)).append("</td>");
      Double best = bestOf(runs, k);
      for (ModelRun r : runs) cell(h, r.metrics().get(k), best, format(k));
      h.append("</tr>\n");
    }
    h.append("</table></div>\n</details>\n");
  }

  private static void cell(StringBuilder h, Double v, Double best, String fmt) {
    if (v == null) {
      h.append("<td>–</td>");
      return;
    }
    h.append(best != null && v.equals(best) ? "<td class=\"best\">" : "<td>")
        .append(String.format(Locale.ROOT, fmt, v))
        .append("</td>");
  }

  private static String format(String key) {
    return key.startsWith("best_epoch") ? "%.0f" : "%.4f";
  }

  /**
   * The best value of metric {@code key} over the runs, or null when fewer than two runs have a
   * finite one.
   */
  private static Double bestOf(List<ModelRun> runs, String key) {
    if (!Labels.comparable(key)) return null;
    return best(runs, r -> r.metrics().get(key), Labels.lowerIsBetter(key));
  }

  private static Double best(List<ModelRun> runs, Function<ModelRun, Double> value, boolean lower) {
    List<Double> v = new ArrayList<>();
    for (ModelRun r : runs) {
      Double x = value.apply(r);
      if (x != null && Double.isFinite(x)) v.add(x);
    }
    if (v.size() < 2) return null;
    return lower ? v.stream().min(Double::compare).get() : v.stream().max(Double::compare).get();
  }

  private static Set<String> metricKeys(List<ModelRun> runs) {
    Set<String> keys = new LinkedHashSet<>();
    for (ModelRun r : runs) keys.addAll(r.metrics().keySet());
    return keys;
  }

  /**
   * The metrics worth a summary column: those without a cut-off, and per family the cut-off 10 when
   * any run has it, else the largest.
   */
  static List<String> headline(Set<String> keys) {
    List<String> out = new ArrayList<>();
    for (String k : keys) {
      String family = Labels.family(k);
      if (family.equals(k)) {
        out.add(k);
        continue;
      }
      String pick = keys.contains(family + "@10") ? family + "@10" : Labels.largestK(keys, family);
      if (k.equals(pick)) out.add(k);
    }
    return out;
  }

  private static String anchor(Panel p) {
    return p.file().substring(0, p.file().length() - 4);
  }

  /** HTML-escapes text for element content and attribute values. */
  static String esc(String s) {
    StringBuilder b = new StringBuilder(s.length());
    for (char c : s.toCharArray()) {
      switch (c) {
        case '<' -> b.append("&lt;");
        case '>' -> b.append("&gt;");
        case '&' -> b.append("&amp;");
        case '"' -> b.append("&quot;");
        case '\'' -> b.append("&#39;");
        default -> b.append(c);
      }
    }
    return b.toString();
  }
}
