package org.rec4j.loss;

import org.rec4j.tensor.CustomOp;
import org.rec4j.tensor.Tensor;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.tensor.kernel.Kernels;

/**
 * Softmax cross-entropy over a whole catalog scored against a (tied) item table, fused into one op:
 * for hidden rows {@code h [R, d]}, a table {@code E [n, d]}, an optional bias {@code b [n]} and
 * class labels {@code y}, row r has logits {@code z_r = h_r·Eᵀ + b} and loss {@code ℓ_r =
 * logsumexp(z_r) − z_{r, y_r}}; the result is the mean of {@code ℓ_r} over the first {@code count}
 * rows (rows from {@code count} on are padding: no loss, no gradient). This is the output softmax
 * of BERT4Rec's cloze objective (Sun et al., CIKM 2019: eq. 7 and the masked-item loss) and of any
 * full-softmax next-item model.
 *
 * <p><b>Cost and memory.</b> The logits are never a graph tensor: the forward computes them chunk
 * by chunk into a scratch buffer owned by this object (at most {@code logitBudget} floats, so a
 * chunk has {@code ⌊budget / n⌋} rows) with the engine's gemm, keeping only {@code logsumexp} per
 * row (and, for the reuse below, {@code e^{z − max}} in place of the logits). The backward forms
 * {@code G = (softmax(z) − onehot(y)) · g / count} chunk by chunk and adds {@code G·E} into the
 * hidden rows' gradient, {@code Gᵀ·h} into the table's and the column sums of {@code G} into the
 * bias's — three gemm-shaped passes. When every row fits one chunk the forward's exponentials are
 * reused; otherwise the backward recomputes each chunk's logits (one more gemm). The scratch buffer
 * grows to its largest use and is reused, so steady-state steps allocate only the arena's gradient
 * buffers.
 *
 * <p>The table's gradient is dense (every item's logit takes part): use a dense (not {@code
 * sparse}) table. One computation at a time: the op keeps its per-row state (labels, {@code
 * logsumexp}) in this object until its backward has run, so a loss object serves one training
 * thread and one pending step. Gradient-checked against a double-precision reference.
 */
public final class CatalogSoftmaxLoss implements CustomOp.Backward {
  private static final Kernels K = KernelProvider.get();

  /**
   * Default bound on the logits held at once: 16M floats (64 MB), so a BERT4Rec batch of 256 Amazon
   * Games users (some 500 masked rows × 23,715 items) runs in one chunk, without recomputation.
   */
  public static final int DEFAULT_LOGIT_BUDGET = 1 << 24;

  private final int budget;
  private float[] scratch = new float[0];
  private double[] lse = new double[0];
  private double[] inv = new double[0];
  private int[] labels = new int[0];
  private int count;
  private int chunkRows;
  private boolean cached;

  /** With {@link #DEFAULT_LOGIT_BUDGET}. */
  public CatalogSoftmaxLoss() {
    this(DEFAULT_LOGIT_BUDGET);
  }

  /**
   * With at most {@code logitBudget} logits in the scratch buffer at once (at least one row is
   * always held, whatever the budget).
   */
  public CatalogSoftmaxLoss(int logitBudget) {
    if (logitBudget < 1)
      throw new IllegalArgumentException(
          "CatalogSoftmaxLoss: logit budget must be >= 1, got " + logitBudget);
    this.budget = logitBudget;
  }

  /**
   * The mean loss of rows {@code [0, count)} of {@code hidden}; a scalar recorded for backward.
   *
   * @param hidden {@code [R, d]} rows, {@code R >= count}
   * @param table {@code [n, d]} class (item) vectors
   * @param bias {@code [n]} per-class bias, or null
   * @param labels at least {@code count} classes in {@code [0, n)} (copied)
   * @param count the rows that count; 0 gives a loss of 0
   */
  public Tensor compute(Tensor hidden, Tensor table, Tensor bias, int[] labels, int count) {
    if (hidden.rank() != 2 || table.rank() != 2 || hidden.dim(1) != table.dim(1))
      throw new IllegalArgumentException(
          "CatalogSoftmaxLoss: hidden must be [R, d] and table [n, d], got "
              + hidden.shape()
              + " and "
              + table.shape());
    int n = table.dim(0), d = table.dim(1);
    if (bias != null && (bias.rank() != 1 || bias.dim(0) != n))
      throw new IllegalArgumentException(
          "CatalogSoftmaxLoss: bias must be [" + n + "], got " + bias.shape());
    if (count < 0 || count > hidden.dim(0) || count > labels.length)
      throw new IllegalArgumentException(
          "CatalogSoftmaxLoss: count "
              + count
              + " must be in [0, min(rows "
              + hidden.dim(0)
              + ", labels "
              + labels.length
              + ")]");
    if (this.labels.length < count) {
      this.labels = new int[Math.max(count, 2 * this.labels.length)];
      this.lse = new double[this.labels.length];
      this.inv = new double[this.labels.length];
    }
    for (int r = 0; r < count; r++) {
      if (labels[r] < 0 || labels[r] >= n)
        throw new IndexOutOfBoundsException(
            "CatalogSoftmaxLoss: label " + labels[r] + " of row " + r + " outside [0, " + n + ")");
      this.labels[r] = labels[r];
    }
    this.count = count;
    chunkRows = (int) Math.max(1, Math.min(Math.max(count, 1), budget / (long) n));
    long need = (long) chunkRows * n;
    if (scratch.length < need) // grow geometrically (within the budget) as batches vary
    scratch = new float[(int) Math.max(need, Math.min(2L * scratch.length, budget))];
    cached = count <= chunkRows;
    float[] h = hidden.data(), e = table.data(), b = bias == null ? null : bias.data();
    double sum = 0;
    for (int r0 = 0; r0 < count; r0 += chunkRows) {
      int rc = Math.min(chunkRows, count - r0);
      logits(h, e, b, r0, rc, n, d);
      for (int i = 0; i < rc; i++) {
        int o = i * n;
        float max = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < n; j++) max = Math.max(max, scratch[o + j]);
        float zy = scratch[o + this.labels[r0 + i]];
        double s = 0;
        for (int j = 0; j < n; j++) { // keep e^(z − max): the backward's softmax when cached
          float x = (float) Math.exp(scratch[o + j] - max);
          scratch[o + j] = x;
          s += x;
        }
        double l = max + Math.log(s);
        lse[r0 + i] = l;
        inv[r0 + i] = 1 / s;
        sum += l - zy;
      }
    }
    Tensor out = CustomOp.output(1);
    out.data()[0] = count == 0 ? 0f : (float) (sum / count);
    return bias == null
        ? CustomOp.record(out, this, hidden, table)
        : CustomOp.record(out, this, hidden, table, bias);
  }

  /** Logits of rows {@code [r0, r0 + rc)} into {@code scratch[0 .. rc·n)}. */
  private void logits(float[] h, float[] e, float[] b, int r0, int rc, int n, int d) {
    K.gemm(false, true, rc, n, d, 1f, h, r0 * d, d, e, 0, d, 0f, scratch, 0, n);
    if (b != null) K.addBias(scratch, 0, rc, n, n, b, 0);
  }

  @Override
  public void backward(Tensor output, float[] g, Tensor[] in) {
    if (count == 0) return;
    Tensor hidden = in[0], table = in[1], bias = in.length > 2 ? in[2] : null;
    int n = table.dim(0), d = table.dim(1);
    float[] h = hidden.data(), e = table.data(), b = bias == null ? null : bias.data();
    float[] gh = hidden.requiresGrad() ? hidden.gradBuffer() : null;
    float[] ge = table.requiresGrad() ? table.gradBuffer() : null;
    float[] gb = bias != null && bias.requiresGrad() ? bias.gradBuffer() : null;
    float scale = g[0] / count;
    for (int r0 = 0; r0 < count; r0 += chunkRows) {
      int rc = Math.min(chunkRows, count - r0);
      if (!cached) logits(h, e, b, r0, rc, n, d);
      for (int i = 0; i < rc; i++) {
        int o = i * n;
        if (cached) {
          float f = (float) (inv[r0 + i] * scale);
          for (int j = 0; j < n; j++) scratch[o + j] *= f;
        } else {
          double l = lse[r0 + i];
          for (int j = 0; j < n; j++) scratch[o + j] = (float) Math.exp(scratch[o + j] - l) * scale;
        }
        scratch[o + labels[r0 + i]] -= scale;
      }
      if (gh != null) K.gemm(false, false, rc, d, n, 1f, scratch, 0, n, e, 0, d, 1f, gh, r0 * d, d);
      if (ge != null) K.gemm(true, false, n, d, rc, 1f, scratch, 0, n, h, r0 * d, d, 1f, ge, 0, d);
      if (gb != null) K.addColumnSums(scratch, 0, rc, n, n, gb, 0);
    }
    // the scratch now holds gradients, not logits: a second backward must recompute
    cached = false;
  }

  /** The rows per chunk of the last computation (for tests). */
  int chunkRows() {
    return chunkRows;
  }
}
