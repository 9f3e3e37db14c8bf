package org.rec4j.loss;

import java.util.Objects;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Tensor;

/**
 * ListNet (Cao et al. 2007, "Learning to Rank: From Pairwise Approach to Listwise Approach"): the cross-entropy
 * between the top-one probabilities induced by relevance and by scores,
 * {@code l = −Σ_j P_y(j)·log softmax(s)_j}.
 *
 * <p>The paper's top-one probability uses {@code φ = exp}, so {@code P_y = softmax(relevance)} ({@link
 * Target#SOFTMAX}, the default). {@link Target#LINEAR} uses {@code P_y(j) = y_j / Σ y} instead (a departure some
 * implementations take), for which one-hot relevance makes ListNet exactly {@link SoftmaxCrossEntropyLoss}; a list
 * with no relevant item then has loss 0. Relevance receives no gradient.
 */
public final class ListNetLoss implements ListwiseLoss {
  /** How relevance becomes the target top-one distribution. */
  public enum Target {
    /** {@code softmax(y)}: the paper's {@code φ = exp}. */
    SOFTMAX,
    /** {@code y / Σ y}: relevance normalized to sum 1 (non-negative relevance). */
    LINEAR
  }

  private final Target target;
  private final Reduction reduction;

  /** With the given target distribution and reduction over lists. */
  public ListNetLoss(Target target, Reduction reduction) {
    this.target = Objects.requireNonNull(target, "target");
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  /** The paper's form with {@link Reduction#MEAN}. */
  public ListNetLoss() {
    this(Target.SOFTMAX, Reduction.MEAN);
  }

  @Override
  public Reduction reduction() {
    return reduction;
  }

  @Override
  public Tensor compute(Tensor scores, Tensor relevance, Tensor weights) {
    Shapes.requireRank("ListNetLoss", "scores", scores, 2, "[B, n]");
    Shapes.requireSame("ListNetLoss", "scores", scores, "relevance", relevance);
    Shapes.requireRange("ListNetLoss", "relevance", relevance, 0f, Float.MAX_VALUE);
    Tensor p;
    try (var ignored = Autograd.noGrad()) {
      p = target == Target.SOFTMAX ? ReduceOps.softmax(relevance.detach(), 1) : normalizeRows(relevance);
    }
    return reduction.reduce(SoftmaxCrossEntropyLoss.perRowSoft(scores, p), weights);
  }

  private static Tensor normalizeRows(Tensor relevance) {
    int b = relevance.dim(0), n = relevance.dim(1);
    float[] y = relevance.data();
    Tensor p = Tensor.zeros(b, n);
    float[] o = p.data();
    for (int r = 0; r < b; r++) {
      double s = 0;
      for (int j = 0; j < n; j++) s += y[r * n + j];
      if (s > 0) for (int j = 0; j < n; j++) o[r * n + j] = (float) (y[r * n + j] / s);
    }
    return p;
  }
}
