package org.rec4j.eval;

/**
 * Binary cross-entropy of probabilities: −mean(y·log p + (1 − y)·log(1 − p)), with p clipped to
 * [1e−7, 1 − 1e−7] so a confident mistake costs a large but finite amount.
 */
public final class LogLoss implements PointwiseMetric {
  private static final double EPS = 1e-7;

  @Override
  public String name() {
    return "logloss";
  }

  @Override
  public double compute(float[] predicted, float[] actual) {
    PointwiseMetric.check(predicted, actual);
    double s = 0;
    for (int i = 0; i < predicted.length; i++) {
      double p = Math.min(Math.max(predicted[i], EPS), 1 - EPS);
      double y = actual[i];
      s -= y * Math.log(p) + (1 - y) * Math.log(1 - p);
    }
    return s / predicted.length;
  }
}
