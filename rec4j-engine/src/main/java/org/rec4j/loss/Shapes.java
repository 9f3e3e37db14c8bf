package org.rec4j.loss;

import org.rec4j.tensor.Tensor;

/** Argument checks shared by the losses; messages name the loss and print both shapes. */
final class Shapes {
  private Shapes() {}

  /** Throws unless {@code a} and {@code b} have equal shapes. */
  static void requireSame(String loss, String aName, Tensor a, String bName, Tensor b) {
    if (!a.shape().equals(b.shape())) {
      throw new IllegalArgumentException(
          loss
              + ": "
              + aName
              + " shape "
              + a.shape()
              + " and "
              + bName
              + " shape "
              + b.shape()
              + " must be equal");
    }
  }

  /** Throws unless {@code t} has the given rank. */
  static void requireRank(String loss, String name, Tensor t, int rank, String expected) {
    if (t.rank() != rank) {
      throw new IllegalArgumentException(
          loss + ": " + name + " must be " + expected + ", shape is " + t.shape());
    }
  }

  /** Throws unless every value of {@code t} lies in [lo, hi]. */
  static void requireRange(String loss, String name, Tensor t, float lo, float hi) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      if (!(d[i] >= lo && d[i] <= hi)) {
        throw new IllegalArgumentException(
            loss
                + ": "
                + name
                + " must lie in ["
                + lo
                + ", "
                + hi
                + "], element "
                + i
                + " is "
                + d[i]);
      }
    }
  }

  /**
   * Throws unless {@code scores} is {@code [B, n]}, {@code relevance} has its shape and no NaN or
   * infinity.
   */
  static void requireLists(String loss, Tensor scores, Tensor relevance) {
    requireRank(loss, "scores", scores, 2, "[B, n]");
    requireSame(loss, "scores", scores, "relevance", relevance);
    float[] y = relevance.data();
    for (int i = 0; i < y.length; i++) {
      if (!Float.isFinite(y[i])) {
        throw new IllegalArgumentException(
            loss + ": relevance must be finite, element " + i + " is " + y[i]);
      }
    }
  }

  /**
   * A mask with 1 at the padded slots (negative relevance) of the lists, or {@code null} if nothing
   * is padded.
   */
  static Tensor paddingMask(Tensor relevance) {
    float[] y = relevance.data();
    Tensor mask = null;
    for (int i = 0; i < y.length; i++) {
      if (y[i] < 0) {
        if (mask == null) mask = Tensor.zeros(relevance.dims());
        mask.data()[i] = 1f;
      }
    }
    return mask;
  }
}
