package org.rec4j.optim;

/**
 * An elastic-net penalty {@code R(w) = l1·Σ|w| + (l2/2)·Σw²} added to the loss through its
 * (sub)gradient {@code l1·sign(w) + l2·w}, with {@code sign(0) = 0}. {@link Optimizer#step()} adds
 * this term to the raw gradient of every coordinate it updates — the whole tensor for dense
 * parameters, the touched rows only for sparse ones (the usual "lazy" convention: an embedding row
 * is penalized only in the batches that use it).
 *
 * <p>With {@code l2 = λ} this is the coupled weight decay of SGD and Adam ({@code weight_decay} in
 * PyTorch); for AdamW's decoupled decay use {@link AdamW}. Subgradient L1 makes weights small, not
 * exactly zero; for exact zeros use {@link Ftrl}.
 *
 * @param l1 L1 strength, {@code >= 0}
 * @param l2 L2 strength, {@code >= 0}
 */
public record Regularizer(float l1, float l2) {
  private static final Regularizer NONE = new Regularizer(0f, 0f);

  /** Validates both strengths. */
  public Regularizer {
    requireStrength("l1", l1);
    requireStrength("l2", l2);
  }

  /** No penalty. */
  public static Regularizer none() {
    return NONE;
  }

  /** Lasso: {@code l1·Σ|w|}. */
  public static Regularizer l1(float l1) {
    return new Regularizer(l1, 0f);
  }

  /** Ridge: {@code (l2/2)·Σw²}. */
  public static Regularizer l2(float l2) {
    return new Regularizer(0f, l2);
  }

  /** Elastic net: {@code l1·Σ|w| + (l2/2)·Σw²}. */
  public static Regularizer elasticNet(float l1, float l2) {
    return new Regularizer(l1, l2);
  }

  /** The penalty's (sub)gradient at {@code w}. */
  public float gradient(float w) {
    return l1 * Math.signum(w) + l2 * w;
  }

  /** The penalty value over {@code w}, for logging the regularized loss. */
  public double penalty(float[] w) {
    double a = 0, s = 0;
    for (float x : w) {
      a += Math.abs(x);
      s += (double) x * x;
    }
    return l1 * a + 0.5 * l2 * s;
  }

  private static void requireStrength(String key, float v) {
    if (!(v >= 0 && v < Float.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException(key + " must be finite and >= 0, got " + v);
    }
  }
}
