package org.rec4j.eval;

/** Mean absolute percentage error: mean |ŷ − y| / |y|, over targets that are not zero. */
public final class Mape implements PointwiseMetric {
  @Override
  public String name() {
    return "mape";
  }

  @Override
  public double compute(float[] predicted, float[] actual) {
    PointwiseMetric.check(predicted, actual);
    double s = 0;
    int n = 0;
    for (int i = 0; i < predicted.length; i++) {
      if (actual[i] == 0f) continue;
      s += Math.abs(((double) predicted[i] - actual[i]) / actual[i]);
      n++;
    }
    if (n == 0) throw new IllegalArgumentException("MAPE is undefined: every target is zero");
    return s / n;
  }
}
