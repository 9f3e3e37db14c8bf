package org.rec4j.eval;

/** Root mean squared error: √(mean (ŷ − y)²). */
public final class Rmse implements PointwiseMetric {
  @Override
  public String name() {
    return "rmse";
  }

  @Override
  public double compute(float[] predicted, float[] actual) {
    PointwiseMetric.check(predicted, actual);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      double d = (double) predicted[i] - actual[i];
      s += d * d;
    }
    return Math.sqrt(s / predicted.length);
  }
}
