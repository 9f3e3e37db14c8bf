package org.rec4j.tensor;

import org.rec4j.tensor.kernel.Kernels;

/**
 * Matrix products: dense matmul (optionally transposed operands; leading axes of the left operand
 * are flattened), batched matmul, sparse CSR × dense (graph propagation), the fused linear layer
 * {@code act(x·W + b)} and cosine similarity.
 */
public final class LinAlg {
  private static final Kernels K = MathOps.K;

  private LinAlg() {}

  /** a·b for rank-2 operands. */
  public static Tensor matmul(Tensor a, Tensor b) {
    return matmul(a, b, false, false);
  }

  /**
   * op(a)·op(b) where op transposes the last two axes when its flag is set. {@code b} must be rank
   * 2; {@code a} may have leading axes (only without {@code transA}), which are flattened into
   * rows.
   */
  public static Tensor matmul(Tensor a, Tensor b, boolean transA, boolean transB) {
    if (b.rank() != 2 || a.rank() < 2 || (transA && a.rank() != 2)) {
      throw new IllegalArgumentException(
          "matmul needs a [..., m, k] and b [k, n]; got " + a.shape + " and " + b.shape);
    }
    int m = transA ? a.dim(1) : a.size() / a.dim(-1);
    int k = transA ? a.dim(0) : a.dim(-1);
    int kb = transB ? b.dim(1) : b.dim(0);
    int n = transB ? b.dim(0) : b.dim(1);
    if (k != kb) {
      throw new IllegalArgumentException(
          "matmul inner dimensions differ: "
              + a.shape
              + (transA ? "ᵀ" : "")
              + " · "
              + b.shape
              + (transB ? "ᵀ" : ""));
    }
    Shape os = transA ? Shape.of(m, n) : a.shape.with(-1, n);
    Tensor out = Tensor.empty(os);
    K.gemm(
        transA, transB, m, n, k, 1f, a.data, 0, a.dim(-1), b.data, 0, b.dim(1), 0f, out.data, 0, n);
    Node node = Autograd.record(out, Op.MATMUL, a, b);
    if (node != null) {
      int[] at = node.attrs(5);
      at[0] = m;
      at[1] = n;
      at[2] = k;
      at[3] = transA ? 1 : 0;
      at[4] = transB ? 1 : 0;
    }
    return out;
  }

  /** Batched op(a)·op(b) over {@code [B, ·, ·]} operands. */
  public static Tensor bmm(Tensor a, Tensor b, boolean transA, boolean transB) {
    if (a.rank() != 3 || b.rank() != 3 || a.dim(0) != b.dim(0)) {
      throw new IllegalArgumentException(
          "bmm needs [B, m, k] and [B, k, n]; got " + a.shape + " and " + b.shape);
    }
    int batch = a.dim(0);
    int m = transA ? a.dim(2) : a.dim(1), k = transA ? a.dim(1) : a.dim(2);
    int kb = transB ? b.dim(2) : b.dim(1), n = transB ? b.dim(1) : b.dim(2);
    if (k != kb) {
      throw new IllegalArgumentException(
          "bmm inner dimensions differ: "
              + a.shape
              + (transA ? "ᵀ" : "")
              + " · "
              + b.shape
              + (transB ? "ᵀ" : ""));
    }
    Tensor out = Tensor.empty(Shape.of(batch, m, n));
    int sa = a.dim(1) * a.dim(2), sb = b.dim(1) * b.dim(2);
    for (int i = 0; i < batch; i++) {
      K.gemm(
          transA, transB, m, n, k, 1f, a.data, i * sa, a.dim(2), b.data, i * sb, b.dim(2), 0f,
          out.data, i * m * n, n);
    }
    Node node = Autograd.record(out, Op.BMM, a, b);
    if (node != null) {
      int[] at = node.attrs(6);
      at[0] = batch;
      at[1] = m;
      at[2] = n;
      at[3] = k;
      at[4] = transA ? 1 : 0;
      at[5] = transB ? 1 : 0;
    }
    return out;
  }

  /**
   * Row-wise outer products, flattened: for {@code a [..., p]} and {@code b [..., q]} with the same
   * leading dimensions, {@code out[..., i·q + j] = a[..., i] · b[..., j]}, shape {@code [...,
   * p·q]}. This is the Hadamard-product tensor of xDeepFM's CIN in one op; it equals {@code
   * reshape(unsqueeze(a, -1) * unsqueeze(b, -2))} without the broadcast index maps.
   */
  public static Tensor batchedOuter(Tensor a, Tensor b) {
    if (a.rank() != b.rank()
        || a.rank() < 1
        || a.size() / a.dim(-1) != b.size() / b.dim(-1)
        || !a.shape.with(-1, 1).equals(b.shape.with(-1, 1))) {
      throw new IllegalArgumentException(
          "batchedOuter needs [..., p] and [..., q] with equal leading dimensions; got "
              + a.shape
              + " and "
              + b.shape);
    }
    int p = a.dim(-1), q = b.dim(-1), rows = a.size() / p;
    Tensor out = Tensor.empty(a.shape.with(-1, p * q));
    float[] x = a.data, y = b.data, o = out.data;
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < p; i++) {
        float xi = x[r * p + i];
        int base = (r * p + i) * q;
        for (int j = 0; j < q; j++) o[base + j] = xi * y[r * q + j];
      }
    }
    Node node = Autograd.record(out, Op.BATCHED_OUTER, a, b);
    if (node != null) setDims(node, rows, p, q);
    return out;
  }

  /**
   * Sparse {@code [r, c]} CSR matrix times dense {@code [c, d]}; the gradient flows to the dense
   * operand only.
   */
  public static Tensor spmm(CsrMatrix s, Tensor x) {
    if (x.rank() != 2 || x.dim(0) != s.cols()) {
      throw new IllegalArgumentException(
          "spmm needs a dense [" + s.cols() + ", d] operand; got " + x.shape);
    }
    Tensor out = Tensor.empty(Shape.of(s.rows(), x.dim(1)));
    spmmInto(s, x.data, out.data, x.dim(1));
    Node node = Autograd.record(out, Op.SPMM, x);
    if (node != null) node.aux = s;
    return out;
  }

  static void spmmInto(CsrMatrix s, float[] x, float[] out, int d) {
    int[] ptr = s.rowPtr(), col = s.colIdx();
    float[] v = s.values();
    for (int r = 0; r < s.rows(); r++) K.spmmRow(v, col, ptr[r], ptr[r + 1], x, d, out, r * d);
  }

  /**
   * The fused dense layer {@code act(x·W + b)}: x {@code [..., in]}, W {@code [in, out]}, b {@code
   * [out]} or {@code null}. Its backward (in {@link Gradients}) is one pass through the activation
   * derivative and two gemms.
   */
  public static Tensor linear(Tensor x, Tensor w, Tensor b, Activations.Kind act) {
    if (w.rank() != 2
        || x.dim(-1) != w.dim(0)
        || (b != null && (b.rank() != 1 || b.dim(0) != w.dim(1)))) {
      throw new IllegalArgumentException(
          "linear needs x [..., in], W [in, out], b [out]; got "
              + x.shape
              + ", "
              + w.shape
              + ", "
              + (b == null ? "none" : b.shape));
    }
    int in = w.dim(0), outDim = w.dim(1), rows = x.size() / in;
    Tensor out = Tensor.empty(x.shape.with(-1, outDim));
    float[] y = out.data;
    K.gemm(false, false, rows, outDim, in, 1f, x.data, 0, in, w.data, 0, outDim, 0f, y, 0, outDim);
    if (b != null && act == Activations.Kind.RELU) {
      K.addBiasRelu(
          y, 0, rows, outDim, b.data, 0, y, 0); // bias and ReLU in one pass over the output
    } else {
      if (b != null) K.addBias(y, 0, rows, outDim, outDim, b.data, 0);
      Activations.applyInPlace(act, y, y.length);
    }
    Node node =
        b == null
            ? Autograd.record(out, Op.LINEAR, x, w)
            : Autograd.record(out, Op.LINEAR, x, w, b);
    if (node != null) {
      setDims(node, rows, in, outDim);
      node.aux = act;
    }
    return out;
  }

  /** Saves three integer attributes (e.g. rows, in, out) for the backward rule. */
  private static void setDims(Node node, int a, int b, int c) {
    int[] at = node.attrs(3);
    at[0] = a;
    at[1] = b;
    at[2] = c;
  }

  /** Cosine similarity along the last axis, composed from primitives: Σab / max(‖a‖‖b‖, eps). */
  public static Tensor cosineSimilarity(Tensor a, Tensor b, float eps) {
    Tensor dot = ReduceOps.sum(MathOps.mul(a, b), -1, false);
    Tensor na = ReduceOps.sum(MathOps.mul(a, a), -1, false);
    Tensor nb = ReduceOps.sum(MathOps.mul(b, b), -1, false);
    Tensor denom = MathOps.clamp(MathOps.sqrt(MathOps.mul(na, nb)), eps, Float.MAX_VALUE);
    return MathOps.div(dot, denom);
  }
}
