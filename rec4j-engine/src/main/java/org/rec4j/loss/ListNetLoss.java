package org.rec4j.loss;

import java.util.Objects;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.Tensor;

/**
 * ListNet (Cao et al. 2007, "Learning to Rank: From Pairwise Approach to Listwise Approach"): the
 * cross-entropy between the top-one probabilities induced by relevance and by scores, {@code l =
 * −Σ_j P_y(j)·log softmax(s)_j}.
 *
 * <p>The paper's top-one probability uses {@code φ = exp}, so {@code P_y = softmax(relevance)}
 * ({@link Target#SOFTMAX}, the default). {@link Target#LINEAR} uses {@code P_y(j) = y_j / Σ y}
 * instead (a departure some implementations take), for which one-hot relevance makes ListNet
 * exactly {@link SoftmaxCrossEntropyLoss}; a list with no relevant item then has loss 0. Relevance
 * receives no gradient; padded slots (negative relevance, see {@link ListwiseLoss}) leave the
 * softmax.
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
    Shapes.requireLists("ListNetLoss", scores, relevance);
    Tensor padding = Shapes.paddingMask(relevance);
    Tensor s =
        padding == null ? scores : IndexOps.maskedFill(scores, padding, Float.NEGATIVE_INFINITY);
    return reduction.reduce(SoftmaxCrossEntropyLoss.perRowSoft(s, topOne(relevance)), weights);
  }

  /**
   * The target top-one distribution of each list; padded slots get 0, a list without items is all
   * 0.
   */
  private Tensor topOne(Tensor relevance) {
    int b = relevance.dim(0), n = relevance.dim(1);
    float[] y = relevance.data();
    Tensor p = Tensor.zeros(b, n);
    float[] o = p.data();
    double[] phi = new double[n];
    for (int r = 0; r < b; r++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int j = 0; j < n; j++) if (y[r * n + j] >= 0) max = Math.max(max, y[r * n + j]);
      double total = 0;
      for (int j = 0; j < n; j++) {
        float v = y[r * n + j];
        phi[j] = v < 0 ? 0 : target == Target.SOFTMAX ? Math.exp(v - max) : v;
        total += phi[j];
      }
      if (total > 0) for (int j = 0; j < n; j++) o[r * n + j] = (float) (phi[j] / total);
    }
    return p;
  }
}
