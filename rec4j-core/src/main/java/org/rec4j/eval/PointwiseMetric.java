package org.rec4j.eval;

/**
 * A metric over aligned arrays of predictions and targets (ratings or binary labels), e.g. RMSE or
 * AUC.
 */
public interface PointwiseMetric {
  /** A short name used in reports and JSON keys. */
  String name();

  /** The metric of {@code predicted} against {@code actual} (same length, at least one element). */
  double compute(float[] predicted, float[] actual);

  /** Rejects empty or misaligned inputs. */
  static void check(float[] predicted, float[] actual) {
    if (predicted.length != actual.length) {
      throw new IllegalArgumentException(
          predicted.length + " predictions but " + actual.length + " targets");
    }
    if (predicted.length == 0) throw new IllegalArgumentException("no predictions to evaluate");
  }
}
