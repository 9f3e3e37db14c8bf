package org.rec4j.tensor;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;

/**
 * Slow, obvious double-precision implementations of the engine's ops, written from their formulas,
 * as the reference forward of the gradient checks ({@link GradCheck}). Nothing here calls engine
 * code: each function loops over indices in the most direct way. Axes split a tensor into {@code
 * outer × n × inner} as in {@link ReduceOps}.
 */
public final class Ref {
  private Ref() {}

  // ---- elementwise
  // ---------------------------------------------------------------------------------------------

  /** f applied to every element. */
  public static DTensor map(DTensor a, DoubleUnaryOperator f) {
    double[] o = new double[a.v.length];
    for (int i = 0; i < o.length; i++) o[i] = f.applyAsDouble(a.v[i]);
    return new DTensor(o, a.dims);
  }

  /**
   * f(a, b) elementwise with NumPy broadcasting (dimensions aligned from the right, extent 1
   * repeats).
   */
  public static DTensor zip(DTensor a, DTensor b, DoubleBinaryOperator f) {
    int r = Math.max(a.rank(), b.rank());
    int[] od = new int[r];
    for (int i = 0; i < r; i++) {
      int da = extent(a, i - r + a.rank()), db = extent(b, i - r + b.rank());
      if (da != db && da != 1 && db != 1) {
        throw new IllegalArgumentException(
            "cannot broadcast " + Arrays.toString(a.dims) + " with " + Arrays.toString(b.dims));
      }
      od[i] = Math.max(da, db);
    }
    DTensor out = DTensor.zeros(od);
    int[] idx = new int[r];
    for (int k = 0; k < out.v.length; k++) {
      unravel(k, od, idx);
      out.v[k] = f.applyAsDouble(a.v[offset(a, idx)], b.v[offset(b, idx)]);
    }
    return out;
  }

  private static int extent(DTensor t, int axis) {
    return axis < 0 ? 1 : t.dims[axis];
  }

  private static void unravel(int k, int[] dims, int[] idx) {
    for (int i = dims.length - 1; i >= 0; i--) {
      idx[i] = k % dims[i];
      k /= dims[i];
    }
  }

  /**
   * Offset in {@code t} of the broadcast output index {@code idx} (t's axes aligned to the right).
   */
  private static int offset(DTensor t, int[] idx) {
    int off = 0, shift = idx.length - t.rank();
    for (int i = 0; i < t.rank(); i++)
      off = off * t.dims[i] + (t.dims[i] == 1 ? 0 : idx[i + shift]);
    return off;
  }

  public static DTensor add(DTensor a, DTensor b) {
    return zip(a, b, Double::sum);
  }

  public static DTensor sub(DTensor a, DTensor b) {
    return zip(a, b, (x, y) -> x - y);
  }

  public static DTensor mul(DTensor a, DTensor b) {
    return zip(a, b, (x, y) -> x * y);
  }

  public static DTensor div(DTensor a, DTensor b) {
    return zip(a, b, (x, y) -> x / y);
  }

  public static DTensor addScalar(DTensor a, double s) {
    return map(a, x -> x + s);
  }

  public static DTensor mulScalar(DTensor a, double s) {
    return map(a, x -> x * s);
  }

  public static DTensor pow(DTensor a, double p) {
    return map(a, x -> Math.pow(x, p));
  }

  public static DTensor exp(DTensor a) {
    return map(a, Math::exp);
  }

  public static DTensor log(DTensor a) {
    return map(a, Math::log);
  }

  public static DTensor sqrt(DTensor a) {
    return map(a, Math::sqrt);
  }

  public static DTensor abs(DTensor a) {
    return map(a, Math::abs);
  }

  public static DTensor clamp(DTensor a, double lo, double hi) {
    return map(a, x -> Math.min(Math.max(x, lo), hi));
  }

  public static double relu(double x) {
    return x > 0 ? x : 0;
  }

  public static double leakyRelu(double x, double slope) {
    return x > 0 ? x : slope * x;
  }

  public static double elu(double x, double alpha) {
    return x > 0 ? x : alpha * (Math.exp(x) - 1);
  }

  /** GELU, tanh approximation: ½x(1 + tanh(√(2/π)(x + 0.044715x³))). */
  public static double gelu(double x) {
    return 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x * x * x)));
  }

  public static double sigmoid(double x) {
    return 1 / (1 + Math.exp(-x));
  }

  /** log(1 + e<sup>x</sup>), written so that it does not overflow. */
  public static double softplus(double x) {
    return x > 0 ? x + Math.log1p(Math.exp(-x)) : Math.log1p(Math.exp(x));
  }

  /** The scalar function of a fused activation. */
  public static double activation(Activations.Kind kind, double x) {
    return switch (kind) {
      case IDENTITY -> x;
      case RELU -> relu(x);
      case SIGMOID -> sigmoid(x);
      case TANH -> Math.tanh(x);
    };
  }

  // ---- reductions
  // ------------------------------------------------------------------------------------------------

  /** Σ of all elements, as a scalar. */
  public static DTensor sum(DTensor a) {
    double s = 0;
    for (double x : a.v) s += x;
    return DTensor.scalar(s);
  }

  /** Mean of all elements, as a scalar. */
  public static DTensor mean(DTensor a) {
    return DTensor.scalar(sum(a).v[0] / a.size());
  }

  private static int ax(DTensor a, int axis) {
    return axis < 0 ? axis + a.rank() : axis;
  }

  private static int outer(DTensor a, int ax) {
    int o = 1;
    for (int i = 0; i < ax; i++) o *= a.dims[i];
    return o;
  }

  private static int inner(DTensor a, int ax) {
    int o = 1;
    for (int i = ax + 1; i < a.rank(); i++) o *= a.dims[i];
    return o;
  }

  private static int[] reducedDims(DTensor a, int ax, boolean keep) {
    int[] d = new int[keep ? a.rank() : a.rank() - 1];
    for (int i = 0, j = 0; i < a.rank(); i++) {
      if (i == ax) {
        if (keep) d[j++] = 1;
      } else {
        d[j++] = a.dims[i];
      }
    }
    return d;
  }

  /** Σ along an axis. */
  public static DTensor sum(DTensor a, int axis, boolean keep) {
    return reduce(a, axis, keep, 0);
  }

  /** Mean along an axis. */
  public static DTensor mean(DTensor a, int axis, boolean keep) {
    return reduce(a, axis, keep, 1);
  }

  /** Maximum along an axis. */
  public static DTensor max(DTensor a, int axis, boolean keep) {
    return reduce(a, axis, keep, 2);
  }

  private static DTensor reduce(DTensor a, int axis, boolean keep, int kind) {
    int x = ax(a, axis), outer = outer(a, x), n = a.dims[x], inner = inner(a, x);
    DTensor out = DTensor.zeros(reducedDims(a, x, keep));
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double s = kind == 2 ? Double.NEGATIVE_INFINITY : 0;
        for (int j = 0; j < n; j++) {
          double v = a.v[(o * n + j) * inner + i];
          s = kind == 2 ? Math.max(s, v) : s + v;
        }
        out.v[o * inner + i] = kind == 1 ? s / n : s;
      }
    }
    return out;
  }

  /** Softmax along an axis: e<sup>x_j</sup> / Σ_k e<sup>x_k</sup> (shifted by the maximum). */
  public static DTensor softmax(DTensor a, int axis) {
    return normalize(a, axis, false);
  }

  /** Log-softmax along an axis: x_j − log Σ_k e<sup>x_k</sup>. */
  public static DTensor logSoftmax(DTensor a, int axis) {
    return normalize(a, axis, true);
  }

  private static DTensor normalize(DTensor a, int axis, boolean log) {
    int x = ax(a, axis), outer = outer(a, x), n = a.dims[x], inner = inner(a, x);
    DTensor out = DTensor.zeros(a.dims);
    for (int o = 0; o < outer; o++) {
      for (int i = 0; i < inner; i++) {
        double m = Double.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) m = Math.max(m, a.v[(o * n + j) * inner + i]);
        double s = 0;
        for (int j = 0; j < n; j++) s += Math.exp(a.v[(o * n + j) * inner + i] - m);
        for (int j = 0; j < n; j++) {
          int p = (o * n + j) * inner + i;
          out.v[p] = log ? a.v[p] - m - Math.log(s) : Math.exp(a.v[p] - m) / s;
        }
      }
    }
    return out;
  }

  // ---- shape and index
  // -----------------------------------------------------------------------------------------------

  /** The same values with new dimensions (one may be −1). */
  public static DTensor reshape(DTensor a, int... dims) {
    int[] d = dims.clone();
    int known = 1, infer = -1;
    for (int i = 0; i < d.length; i++) {
      if (d[i] == -1) infer = i;
      else known *= d[i];
    }
    if (infer >= 0) d[infer] = a.size() / known;
    return new DTensor(a.v.clone(), d);
  }

  /** Output axis i is input axis {@code perm[i]}. */
  public static DTensor permute(DTensor a, int... perm) {
    int r = a.rank();
    int[] od = new int[r];
    for (int i = 0; i < r; i++) od[i] = a.dims[perm[i]];
    DTensor out = DTensor.zeros(od);
    int[] oi = new int[r], ii = new int[r];
    for (int k = 0; k < out.v.length; k++) {
      unravel(k, od, oi);
      for (int i = 0; i < r; i++) ii[perm[i]] = oi[i];
      int off = 0;
      for (int i = 0; i < r; i++) off = off * a.dims[i] + ii[i];
      out.v[k] = a.v[off];
    }
    return out;
  }

  /** Swaps two axes. */
  public static DTensor transpose(DTensor a, int i, int j) {
    int[] perm = new int[a.rank()];
    for (int k = 0; k < perm.length; k++) perm[k] = k;
    i = ax(a, i);
    j = ax(a, j);
    perm[i] = j;
    perm[j] = i;
    return permute(a, perm);
  }

  /** Concatenation along an axis. */
  public static DTensor concat(int axis, DTensor... parts) {
    int x = ax(parts[0], axis);
    int total = 0;
    for (DTensor p : parts) total += p.dims[x];
    int[] od = parts[0].dims.clone();
    od[x] = total;
    DTensor out = DTensor.zeros(od);
    int outer = outer(out, x), inner = inner(out, x);
    for (int o = 0; o < outer; o++) {
      int j0 = 0;
      for (DTensor p : parts) {
        int n = p.dims[x];
        for (int j = 0; j < n; j++) {
          for (int i = 0; i < inner; i++)
            out.v[(o * total + j0 + j) * inner + i] = p.v[(o * n + j) * inner + i];
        }
        j0 += n;
      }
    }
    return out;
  }

  /** Indices [start, end) of an axis. */
  public static DTensor slice(DTensor a, int axis, int start, int end) {
    int[] idx = new int[end - start];
    for (int j = 0; j < idx.length; j++) idx[j] = start + j;
    return indexSelect(a, axis, idx);
  }

  /** The slices {@code idx} of an axis. */
  public static DTensor indexSelect(DTensor a, int axis, int[] idx) {
    int x = ax(a, axis), outer = outer(a, x), n = a.dims[x], inner = inner(a, x);
    int[] od = a.dims.clone();
    od[x] = idx.length;
    DTensor out = DTensor.zeros(od);
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < idx.length; j++) {
        for (int i = 0; i < inner; i++)
          out.v[(o * idx.length + j) * inner + i] = a.v[(o * n + idx[j]) * inner + i];
      }
    }
    return out;
  }

  /** out[o, j, i] = a[o, index[o, j, i], i] with {@code m} entries along the axis. */
  public static DTensor gather(DTensor a, int axis, int[] index, int m) {
    int x = ax(a, axis), outer = outer(a, x), n = a.dims[x], inner = inner(a, x);
    int[] od = a.dims.clone();
    od[x] = m;
    DTensor out = DTensor.zeros(od);
    for (int o = 0; o < outer; o++) {
      for (int j = 0; j < m; j++) {
        for (int i = 0; i < inner; i++) {
          int p = (o * m + j) * inner + i;
          out.v[p] = a.v[(o * n + index[p]) * inner + i];
        }
      }
    }
    return out;
  }

  /** Rows {@code ids} of a [rows, dim] table, shaped [leading..., dim]. */
  public static DTensor embedding(DTensor table, int[] ids, int... leading) {
    DTensor rows = indexSelect(table, 0, ids);
    if (leading.length == 0) return rows;
    int[] d = Arrays.copyOf(leading, leading.length + 1);
    d[leading.length] = table.dims[1];
    return reshape(rows, d);
  }

  /** Bag b = Σ_{j ∈ [offsets[b], offsets[b+1])} weights[j] · table[ids[j]]. */
  public static DTensor embeddingBag(DTensor table, int[] ids, float[] weights, int[] offsets) {
    int dim = table.dims[1], bags = offsets.length - 1;
    DTensor out = DTensor.zeros(bags, dim);
    for (int b = 0; b < bags; b++) {
      for (int j = offsets[b]; j < offsets[b + 1]; j++) {
        for (int c = 0; c < dim; c++) out.v[b * dim + c] += weights[j] * table.v[ids[j] * dim + c];
      }
    }
    return out;
  }

  /** out[idx[i]] += src[i] into {@code rows} rows of zeros. */
  public static DTensor scatterAdd(DTensor src, int[] idx, int rows) {
    int[] od = src.dims.clone();
    od[0] = rows;
    DTensor out = DTensor.zeros(od);
    int w = src.size() / src.dims[0];
    for (int i = 0; i < idx.length; i++) {
      for (int c = 0; c < w; c++) out.v[idx[i] * w + c] += src.v[i * w + c];
    }
    return out;
  }

  /** {@code a} with {@code value} wherever the (trailing-shaped, repeating) mask is non-zero. */
  public static DTensor maskedFill(DTensor a, Tensor mask, double value) {
    float[] m = mask.data();
    DTensor out = DTensor.zeros(a.dims);
    for (int i = 0; i < out.v.length; i++) out.v[i] = m[i % m.length] != 0f ? value : a.v[i];
    return out;
  }

  // ---- products
  // ------------------------------------------------------------------------------------------------------

  /** op(a)·op(b) for a [..., m, k] (leading axes flattened) or aᵀ (rank 2), and b [k, n] or bᵀ. */
  public static DTensor matmul(DTensor a, DTensor b, boolean ta, boolean tb) {
    DTensor a2 = ta ? transpose(a, 0, 1) : reshape(a, -1, a.dim(-1));
    DTensor b2 = tb ? transpose(b, 0, 1) : b;
    int m = a2.dims[0], k = a2.dims[1], n = b2.dims[1];
    DTensor out = DTensor.zeros(m, n);
    for (int i = 0; i < m; i++) {
      for (int j = 0; j < n; j++) {
        double s = 0;
        for (int p = 0; p < k; p++) s += a2.v[i * k + p] * b2.v[p * n + j];
        out.v[i * n + j] = s;
      }
    }
    if (ta || a.rank() == 2) return out;
    int[] od = a.dims.clone();
    od[od.length - 1] = n;
    return reshape(out, od);
  }

  /** Batched op(a)·op(b) over [B, ·, ·]. */
  public static DTensor bmm(DTensor a, DTensor b, boolean ta, boolean tb) {
    int batch = a.dims[0];
    DTensor[] parts = new DTensor[batch];
    for (int i = 0; i < batch; i++) {
      DTensor ai = reshape(slice(a, 0, i, i + 1), a.dims[1], a.dims[2]);
      DTensor bi = reshape(slice(b, 0, i, i + 1), b.dims[1], b.dims[2]);
      DTensor c = matmul(ai, bi, ta, tb);
      parts[i] = reshape(c, 1, c.dims[0], c.dims[1]);
    }
    return concat(0, parts);
  }

  /** out[..., i·q + j] = a[..., i]·b[..., j]. */
  public static DTensor batchedOuter(DTensor a, DTensor b) {
    int p = a.dim(-1), q = b.dim(-1), rows = a.size() / p;
    int[] od = a.dims.clone();
    od[od.length - 1] = p * q;
    DTensor out = DTensor.zeros(od);
    for (int r = 0; r < rows; r++) {
      for (int i = 0; i < p; i++) {
        for (int j = 0; j < q; j++) out.v[(r * p + i) * q + j] = a.v[r * p + i] * b.v[r * q + j];
      }
    }
    return out;
  }

  /** Sparse [r, c] times dense [c, d], with the sparse matrix expanded to its dense form. */
  public static DTensor spmm(CsrMatrix s, DTensor x) {
    DTensor dense = DTensor.zeros(s.rows(), s.cols());
    int[] ptr = s.rowPtr(), col = s.colIdx();
    float[] val = s.values();
    for (int r = 0; r < s.rows(); r++) {
      for (int p = ptr[r]; p < ptr[r + 1]; p++) dense.v[r * s.cols() + col[p]] += val[p];
    }
    return matmul(dense, x, false, false);
  }

  /** act(x·W + b) with b possibly null. */
  public static DTensor linear(DTensor x, DTensor w, DTensor b, Activations.Kind act) {
    DTensor y = matmul(x, w, false, false);
    if (b != null) y = add(y, b);
    return map(y, v -> activation(act, v));
  }

  // ---- recurrence
  // ----------------------------------------------------------------------------------------------

  /**
   * The GRU of Cho et al. (2014) in the cuDNN/PyTorch form over packed sequences (sequence b is
   * rows {@code offsets[b] .. offsets[b+1] − 1} of {@code x [T, in]}), from h = 0, one token at a
   * time: r = σ(x·W_ir + b_ir + h·W_hr + b_hr), z = σ(x·W_iz + b_iz + h·W_hz + b_hz), n =
   * tanh(x·W_in + b_in + r·(h·W_hn + b_hn)), h' = (1 − z)·n + z·h; gate blocks r, z, n in that
   * order along the 3h columns of {@code wi [in, 3h]}, {@code wh [h, 3h]}, {@code bi}, {@code bh
   * [3h]}. Output {@code [T, h]}.
   */
  public static DTensor gru(
      DTensor x, int[] offsets, DTensor wi, DTensor wh, DTensor bi, DTensor bh) {
    int in = x.dims[1], h = wh.dims[0], g3 = 3 * h;
    DTensor out = DTensor.zeros(x.dims[0], h);
    for (int b = 0; b + 1 < offsets.length; b++) {
      double[] prev = new double[h];
      for (int row = offsets[b]; row < offsets[b + 1]; row++) {
        double[] next = new double[h];
        for (int j = 0; j < h; j++) {
          double[] a = new double[3], c = new double[3];
          for (int gate = 0; gate < 3; gate++) {
            int col = gate * h + j;
            a[gate] = bi.v[col];
            for (int p = 0; p < in; p++) a[gate] += x.v[row * in + p] * wi.v[p * g3 + col];
            c[gate] = bh.v[col];
            for (int q = 0; q < h; q++) c[gate] += prev[q] * wh.v[q * g3 + col];
          }
          double r = sigmoid(a[0] + c[0]), z = sigmoid(a[1] + c[1]);
          double n = Math.tanh(a[2] + r * c[2]);
          next[j] = (1 - z) * n + z * prev[j];
        }
        System.arraycopy(next, 0, out.v, row * h, h);
        prev = next;
      }
    }
    return out;
  }

  /** Row {@code offsets[b+1] − 1} of {@code packed [T, d]} for each sequence b, zeros if empty. */
  public static DTensor sequenceLast(DTensor packed, int[] offsets) {
    int d = packed.dims[1], sequences = offsets.length - 1;
    DTensor out = DTensor.zeros(sequences, d);
    for (int b = 0; b < sequences; b++) {
      if (offsets[b + 1] > offsets[b])
        System.arraycopy(packed.v, (offsets[b + 1] - 1) * d, out.v, b * d, d);
    }
    return out;
  }

  // ---- normalization and composites
  // ---------------------------------------------------------------------------------

  /** (x − μ)/√(σ² + eps)·γ + β over the last axis, biased variance. */
  public static DTensor layerNorm(DTensor x, DTensor gamma, DTensor beta, double eps) {
    int d = x.dim(-1), rows = x.size() / d;
    DTensor out = DTensor.zeros(x.dims);
    for (int r = 0; r < rows; r++) {
      double mu = 0, var = 0;
      for (int j = 0; j < d; j++) mu += x.v[r * d + j] / d;
      for (int j = 0; j < d; j++) var += (x.v[r * d + j] - mu) * (x.v[r * d + j] - mu) / d;
      for (int j = 0; j < d; j++)
        out.v[r * d + j] = (x.v[r * d + j] - mu) / Math.sqrt(var + eps) * gamma.v[j] + beta.v[j];
    }
    return out;
  }

  /**
   * Batch norm of x [n, c] per column: with batch statistics (biased variance) in training, else
   * with the given running mean and variance.
   */
  public static DTensor batchNorm(
      DTensor x,
      DTensor gamma,
      DTensor beta,
      double[] runningMean,
      double[] runningVar,
      double eps,
      boolean training) {
    int n = x.dims[0], c = x.dims[1];
    DTensor out = DTensor.zeros(x.dims);
    for (int j = 0; j < c; j++) {
      double mu = 0, var = 0;
      if (training) {
        for (int r = 0; r < n; r++) mu += x.v[r * c + j] / n;
        for (int r = 0; r < n; r++) var += (x.v[r * c + j] - mu) * (x.v[r * c + j] - mu) / n;
      } else {
        mu = runningMean[j];
        var = runningVar[j];
      }
      for (int r = 0; r < n; r++)
        out.v[r * c + j] = (x.v[r * c + j] - mu) / Math.sqrt(var + eps) * gamma.v[j] + beta.v[j];
    }
    return out;
  }

  /** softmax(q·kᵀ/√d + mask)·v with masked scores set to −1e9. */
  public static DTensor attention(DTensor q, DTensor k, DTensor v, Tensor mask) {
    DTensor scores = mulScalar(bmm(q, k, false, true), 1 / Math.sqrt(q.dim(-1)));
    if (mask != null) scores = maskedFill(scores, mask, -1e9);
    return bmm(softmax(scores, -1), v, false, false);
  }

  /** Σab / max(‖a‖‖b‖, eps) along the last axis. */
  public static DTensor cosineSimilarity(DTensor a, DTensor b, double eps) {
    DTensor dot = sum(mul(a, b), -1, false);
    DTensor norms = sqrt(mul(sum(mul(a, a), -1, false), sum(mul(b, b), -1, false)));
    return div(dot, clamp(norms, eps, Double.MAX_VALUE));
  }

  /**
   * Packed-sequence attention in double, written from its definition (see {@code
   * SequenceOps.attention}) without dropout: per sequence, head and query, softmax over the visible
   * keys of (q·k + q·a_{clip(j−i)})/√d_h, then the weighted sum of values.
   */
  public static DTensor sequenceAttention(
      DTensor q,
      DTensor k,
      DTensor v,
      DTensor rel,
      int[] offsets,
      int heads,
      boolean causal,
      int window,
      int stride) {
    int t = q.dims[0], d = q.dims[1], dh = d / heads;
    int relK = rel == null ? 0 : rel.dims[0] / 2;
    DTensor out = DTensor.zeros(t, d);
    for (int b = 0; b + 1 < offsets.length; b++) {
      int s0 = offsets[b], n = offsets[b + 1] - s0;
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < n; i++) {
          double[] s = new double[n];
          boolean[] vis = new boolean[n];
          double max = Double.NEGATIVE_INFINITY;
          for (int j = 0; j < n; j++) {
            int dist = Math.abs(i - j);
            vis[j] =
                !(causal && j > i)
                    && (window > 0
                        ? dist < window
                        : stride <= 0 || dist < stride || dist % stride == 0);
            if (!vis[j]) continue;
            double dot = 0;
            int r = Math.max(-relK, Math.min(relK, j - i)) + relK;
            for (int c = 0; c < dh; c++) {
              double qc = q.v[(s0 + i) * d + h * dh + c];
              dot += qc * k.v[(s0 + j) * d + h * dh + c];
              if (rel != null) dot += qc * rel.v[r * dh + c];
            }
            s[j] = dot / Math.sqrt(dh);
            max = Math.max(max, s[j]);
          }
          double sum = 0;
          for (int j = 0; j < n; j++) if (vis[j]) sum += Math.exp(s[j] - max);
          for (int j = 0; j < n; j++) {
            if (!vis[j]) continue;
            double p = Math.exp(s[j] - max) / sum;
            for (int c = 0; c < dh; c++)
              out.v[(s0 + i) * d + h * dh + c] += p * v.v[(s0 + j) * d + h * dh + c];
          }
        }
      }
    }
    return out;
  }
}
