package org.rec4j.report;

import org.knowm.xchart.internal.chartpart.Chart;

/**
 * One chart of a report.
 *
 * @param file the PNG file name, e.g. {@code rmse.png}
 * @param caption one sentence under the image in the HTML page: what is drawn and anything left out
 * @param chart the chart (its title is the panel's heading)
 */
record Panel(String file, String caption, Chart<?, ?> chart) {
  Panel {
    if (!file.matches("[a-z0-9][a-z0-9._-]*\\.png")) {
      throw new IllegalArgumentException(
          "panel file name must be a plain lower-case .png name, got '" + file + "'");
    }
  }

  /** The chart's title. */
  String title() {
    return chart.getTitle();
  }
}
