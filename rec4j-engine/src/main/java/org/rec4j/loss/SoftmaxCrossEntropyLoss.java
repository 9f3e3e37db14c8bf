package org.rec4j.loss;

import java.util.Objects;
import org.rec4j.tensor.CustomOp;
import org.rec4j.tensor.Tensor;

/**
 * Softmax cross-entropy over the last axis of {@code [B, C]} logits: for a class label {@code y},
 * {@code l = −log softmax(x)_y = logsumexp(x) − x_y}; for a target distribution {@code t}
 * (non-negative rows, usually summing to 1), {@code l = −Σ_j t_j·log softmax(x)_j = Σ_j
 * t_j·(logsumexp(x) − x_j)}. Used for next-item prediction over the full catalog (e.g. SASRec with
 * full softmax, YouTube DNN) and by {@link ListNetLoss} and {@link SampledSoftmaxLoss}.
 *
 * <p>Fused: the forward subtracts the row maximum before exponentiating (finite for every finite
 * logit; logits of {@code −∞} act as masked classes) and keeps only {@code logsumexp} per row; the
 * backward recomputes {@code softmax(x)} from it, {@code ∂l/∂x = softmax(x)·Σt − t} (with {@code t}
 * one-hot for labels), and for soft targets {@code ∂l/∂t_j = logsumexp(x) − x_j}. Tests compare it
 * with {@code logSoftmax} + gather.
 */
public final class SoftmaxCrossEntropyLoss {
  private final Reduction reduction;

  /** With the given reduction over the B rows. */
  public SoftmaxCrossEntropyLoss(Reduction reduction) {
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  /** With {@link Reduction#MEAN}. */
  public SoftmaxCrossEntropyLoss() {
    this(Reduction.MEAN);
  }

  /** How per-row losses are combined. */
  public Reduction reduction() {
    return reduction;
  }

  /**
   * The loss of {@code [B, C]} logits against class {@code labels[b] ∈ [0, C)}, with optional
   * {@code [B]} weights.
   */
  public Tensor compute(Tensor logits, int[] labels, Tensor weights) {
    return reduction.reduce(perRow(logits, labels), weights);
  }

  /** The unweighted loss against class labels. */
  public Tensor compute(Tensor logits, int[] labels) {
    return compute(logits, labels, null);
  }

  /**
   * The loss of {@code [B, C]} logits against {@code [B, C]} non-negative target weights per class.
   */
  public Tensor computeSoft(Tensor logits, Tensor targets, Tensor weights) {
    return reduction.reduce(perRowSoft(logits, targets), weights);
  }

  /** The unreduced {@code [B]} losses against class labels. */
  static Tensor perRow(Tensor logits, int[] labels) {
    Shapes.requireRank("SoftmaxCrossEntropyLoss", "logits", logits, 2, "[B, C]");
    int b = logits.dim(0), c = logits.dim(1);
    if (labels.length != b) {
      throw new IllegalArgumentException(
          "SoftmaxCrossEntropyLoss: "
              + labels.length
              + " labels for logits "
              + logits.shape()
              + ", expected "
              + b);
    }
    float[] x = logits.data();
    double[] lse = logSumExp(x, b, c);
    Tensor out = CustomOp.output(b);
    float[] o = out.data();
    for (int r = 0; r < b; r++) {
      if (labels[r] < 0 || labels[r] >= c) {
        throw new IndexOutOfBoundsException(
            "label " + labels[r] + " of row " + r + " out of range [0, " + c + ")");
      }
      o[r] = (float) (lse[r] - x[r * c + labels[r]]);
    }
    int[] y = labels.clone();
    return CustomOp.record(
        out,
        (output, g, in) -> {
          if (!in[0].requiresGrad()) return;
          float[] gx = in[0].gradBuffer();
          for (int r = 0; r < b; r++) {
            for (int j = 0; j < c; j++)
              gx[r * c + j] += g[r] * (float) Math.exp(x[r * c + j] - lse[r]);
            gx[r * c + y[r]] -= g[r];
          }
        },
        logits);
  }

  /** The unreduced {@code [B]} losses against target weights. */
  static Tensor perRowSoft(Tensor logits, Tensor targets) {
    Shapes.requireRank("SoftmaxCrossEntropyLoss", "logits", logits, 2, "[B, C]");
    Shapes.requireSame("SoftmaxCrossEntropyLoss", "logits", logits, "targets", targets);
    Shapes.requireRange("SoftmaxCrossEntropyLoss", "targets", targets, 0f, Float.MAX_VALUE);
    int b = logits.dim(0), c = logits.dim(1);
    float[] x = logits.data(), t = targets.data();
    double[] lse = logSumExp(x, b, c);
    Tensor out = CustomOp.output(b);
    float[] o = out.data();
    for (int r = 0; r < b; r++) {
      double s = 0;
      for (int j = 0; j < c; j++)
        if (t[r * c + j] != 0f) s += t[r * c + j] * (lse[r] - x[r * c + j]);
      o[r] = (float) s;
    }
    return CustomOp.record(
        out,
        (output, g, in) -> {
          if (in[0].requiresGrad()) {
            float[] gx = in[0].gradBuffer();
            for (int r = 0; r < b; r++) {
              double total = 0;
              for (int j = 0; j < c; j++) total += t[r * c + j];
              if (total == 0)
                continue; // no target mass: the row's loss is 0 whatever the logits (even all −∞)
              for (int j = 0; j < c; j++) {
                int k = r * c + j;
                gx[k] += g[r] * (float) (Math.exp(x[k] - lse[r]) * total - t[k]);
              }
            }
          }
          if (in[1].requiresGrad()) {
            float[] gt = in[1].gradBuffer();
            for (int k = 0; k < gt.length; k++) gt[k] += g[k / c] * (float) (lse[k / c] - x[k]);
          }
        },
        logits,
        targets);
  }

  /** log Σ_j e<sup>x[r, j]</sup> per row, computed after subtracting the row maximum. */
  private static double[] logSumExp(float[] x, int b, int c) {
    double[] lse = new double[b];
    for (int r = 0; r < b; r++) {
      float m = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < c; j++) m = Math.max(m, x[r * c + j]);
      double s = 0;
      for (int j = 0; j < c; j++) s += Math.exp(x[r * c + j] - m);
      lse[r] = m + Math.log(s);
    }
    return lse;
  }
}
