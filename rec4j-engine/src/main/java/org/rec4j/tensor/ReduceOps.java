package org.rec4j.tensor;

/**
 * Reductions along an axis (sum, mean, max) and the normalizations that reduce internally (softmax
 * and log-softmax, both computed stably by subtracting the maximum). An axis splits a tensor into
 * {@code outer × n × inner} where element (o, j, i) lives at {@code (o·n + j)·inner + i}.
 */
public final class ReduceOps {
  private ReduceOps() {}

  /** Sum of all elements, as a scalar tensor. */
  public static Tensor sum(Tensor a) {
    Tensor out = Tensor.empty(Shape.scalar());
    double s = 0;
    for (float v : a.data) s += v;
    out.data[0] = (float) s;
    Autograd.record(out, Op.SUM_ALL, a);
    return out;
  }

  /** Mean of all elements, as a scalar tensor. */
  public static Tensor mean(Tensor a) {
    return MathOps.mulScalar(sum(a), 1f / a.size());
  }

  /** Sum along {@code axis}; the axis is kept with extent 1 when {@code keepDim}. */
  public static Tensor sum(Tensor a, int axis, boolean keepDim) {
    return reduce(Op.SUM_AXIS, a, axis, keepDim);
  }

  /** Mean along {@code axis}. */
  public static Tensor mean(Tensor a, int axis, boolean keepDim) {
    return reduce(Op.MEAN_AXIS, a, axis, keepDim);
  }

  /** Maximum along {@code axis}; the gradient flows to the (first) arg-max. */
  public static Tensor max(Tensor a, int axis, boolean keepDim) {
    return reduce(Op.MAX_AXIS, a, axis, keepDim);
  }

  private static Tensor reduce(Op op, Tensor a, int axis, boolean keepDim) {
    int ax = a.shape.axis(axis);
    int outer = a.shape.outer(ax), n = a.shape.dim(ax), inner = a.shape.inner(ax);
    Shape os = keepDim ? a.shape.with(ax, 1) : a.shape.without(ax);
    Tensor out = Tensor.empty(os);
    float[] x = a.data, y = out.data;
    int[] arg = op == Op.MAX_AXIS ? new int[y.length] : null;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        if (op == Op.MAX_AXIS) {
          float m = Float.NEGATIVE_INFINITY;
          int best = 0;
          for (int j = 0; j < n; j++) {
            float v = x[base + j * inner];
            if (v > m || (j == 0)) {
              m = v;
              best = j;
            }
          }
          y[o * inner + i] = m;
          arg[o * inner + i] = best;
        } else {
          double s = 0;
          for (int j = 0; j < n; j++) s += x[base + j * inner];
          y[o * inner + i] = (float) (op == Op.MEAN_AXIS ? s / n : s);
        }
      }
    }
    Node node = Autograd.record(out, op, a);
    if (node != null) {
      setGeometry(node, outer, n, inner);
      node.aux = arg;
    }
    return out;
  }

  /** Saves the {@code outer × n × inner} split of the reduced axis for the backward rule. */
  private static void setGeometry(Node node, int outer, int n, int inner) {
    int[] at = node.attrs(3);
    at[0] = outer;
    at[1] = n;
    at[2] = inner;
  }

  /** Softmax along {@code axis}. */
  public static Tensor softmax(Tensor a, int axis) {
    return normalize(Op.SOFTMAX, a, axis);
  }

  /** Log-softmax along {@code axis}: x − log Σ e<sup>x</sup>. */
  public static Tensor logSoftmax(Tensor a, int axis) {
    return normalize(Op.LOG_SOFTMAX, a, axis);
  }

  private static Tensor normalize(Op op, Tensor a, int axis) {
    int ax = a.shape.axis(axis);
    int outer = a.shape.outer(ax), n = a.shape.dim(ax), inner = a.shape.inner(ax);
    Tensor out = Tensor.empty(a.shape);
    float[] x = a.data, y = out.data;
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        int base = o * n * inner + i;
        float m = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, x[base + j * inner]);
        double s = 0;
        for (int j = 0; j < n; j++) s += Math.exp(x[base + j * inner] - m);
        if (op == Op.SOFTMAX) {
          double inv = 1 / s;
          for (int j = 0; j < n; j++)
            y[base + j * inner] = (float) (Math.exp(x[base + j * inner] - m) * inv);
        } else {
          float logS = (float) Math.log(s);
          for (int j = 0; j < n; j++) y[base + j * inner] = (x[base + j * inner] - m) - logS;
        }
      }
    }
    Node node = Autograd.record(out, op, a);
    if (node != null) setGeometry(node, outer, n, inner);
    return out;
  }
}
