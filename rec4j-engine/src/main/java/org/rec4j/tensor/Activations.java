package org.rec4j.tensor;

/**
 * Elementwise activation functions. Backward rules are in {@link Gradients}; most use the saved
 * output.
 */
public final class Activations {
  /** Fused activations accepted by {@link LinAlg#linear}. */
  public enum Kind {
    IDENTITY,
    RELU,
    SIGMOID,
    TANH
  }

  private static final float GELU_C = (float) Math.sqrt(2 / Math.PI);

  private Activations() {}

  /** max(a, 0). */
  public static Tensor relu(Tensor a) {
    Tensor out = Tensor.empty(a.shape);
    MathOps.K.relu(a.data, 0, out.data, 0, a.data.length);
    Autograd.record(out, Op.RELU, a);
    return out;
  }

  /** a for a &gt; 0, slope·a otherwise. */
  public static Tensor leakyRelu(Tensor a, float slope) {
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < a.data.length; i++)
      out.data[i] = a.data[i] > 0 ? a.data[i] : slope * a.data[i];
    Node n = Autograd.record(out, Op.LEAKY_RELU, a);
    if (n != null) n.f0 = slope;
    return out;
  }

  /** a for a &gt; 0, alpha·(e<sup>a</sup> − 1) otherwise (Clevert et al. 2016). */
  public static Tensor elu(Tensor a, float alpha) {
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < a.data.length; i++) {
      float x = a.data[i];
      out.data[i] = x > 0 ? x : (float) (alpha * Math.expm1(x));
    }
    Node n = Autograd.record(out, Op.ELU, a);
    if (n != null) n.f0 = alpha;
    return out;
  }

  /**
   * GELU with the tanh approximation of Hendrycks &amp; Gimpel (2016): ½x(1 + tanh(√(2/π)(x +
   * 0.044715x³))), as used by BERT.
   */
  public static Tensor gelu(Tensor a) {
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < a.data.length; i++) {
      float x = a.data[i];
      out.data[i] = 0.5f * x * (1f + (float) Math.tanh(GELU_C * (x + 0.044715f * x * x * x)));
    }
    Autograd.record(out, Op.GELU, a);
    return out;
  }

  /** d gelu / dx at x (tanh approximation). */
  static float geluGrad(float x) {
    double u = GELU_C * (x + 0.044715 * x * x * x);
    double t = Math.tanh(u);
    double du = GELU_C * (1 + 3 * 0.044715 * x * x);
    return (float) (0.5 * (1 + t) + 0.5 * x * (1 - t * t) * du);
  }

  /** 1 / (1 + e<sup>−a</sup>), computed without overflow. */
  public static Tensor sigmoid(Tensor a) {
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < a.data.length; i++) out.data[i] = sigmoid(a.data[i]);
    Autograd.record(out, Op.SIGMOID, a);
    return out;
  }

  /** Stable scalar sigmoid. */
  public static float sigmoid(float x) {
    if (x >= 0) return (float) (1 / (1 + Math.exp(-x)));
    double e = Math.exp(x);
    return (float) (e / (1 + e));
  }

  /** tanh(a). */
  public static Tensor tanh(Tensor a) {
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < a.data.length; i++) out.data[i] = (float) Math.tanh(a.data[i]);
    Autograd.record(out, Op.TANH, a);
    return out;
  }

  /** log(1 + e<sup>a</sup>), computed as max(a, 0) + log1p(e<sup>−|a|</sup>) to stay finite. */
  public static Tensor softplus(Tensor a) {
    Tensor out = Tensor.empty(a.shape);
    for (int i = 0; i < a.data.length; i++) out.data[i] = softplus(a.data[i]);
    Autograd.record(out, Op.SOFTPLUS, a);
    return out;
  }

  /** Stable scalar softplus. */
  public static float softplus(float x) {
    return (float) (Math.max(x, 0) + Math.log1p(Math.exp(-Math.abs(x))));
  }

  /** Applies a fused activation kind (forward only helper shared with {@link LinAlg#linear}). */
  static void applyInPlace(Kind kind, float[] y, int n) {
    switch (kind) {
      case IDENTITY -> {}
      case RELU -> MathOps.K.relu(y, 0, y, 0, n);
      case SIGMOID -> {
        for (int i = 0; i < n; i++) y[i] = sigmoid(y[i]);
      }
      case TANH -> {
        for (int i = 0; i < n; i++) y[i] = (float) Math.tanh(y[i]);
      }
    }
  }
}
