package org.rec4j.loss;

/** Numerically stable scalar functions of logits, in double, shared by the fused binary losses. */
final class LogitMath {
  private LogitMath() {}

  /** σ(x) = 1 / (1 + e<sup>−x</sup>) without overflow. */
  static double sigmoid(double x) {
    if (x >= 0) return 1 / (1 + Math.exp(-x));
    double e = Math.exp(x);
    return e / (1 + e);
  }

  /**
   * Binary cross-entropy of logit {@code x} against target {@code y}, {@code −[y·log σ(x) + (1 −
   * y)·log(1 − σ(x))]}, as {@code max(x, 0) − x·y + log1p(e<sup>−|x|</sup>)}, finite for every
   * finite {@code x}.
   */
  static double bce(double x, double y) {
    return Math.max(x, 0) - x * y + Math.log1p(Math.exp(-Math.abs(x)));
  }
}
