package org.rec4j.eval;

/** Mean absolute error: mean |ŷ − y|. */
public final class Mae implements PointwiseMetric {
  @Override
  public String name() {
    return "mae";
  }

  @Override
  public double compute(float[] predicted, float[] actual) {
    PointwiseMetric.check(predicted, actual);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) s += Math.abs((double) predicted[i] - actual[i]);
    return s / predicted.length;
  }
}
