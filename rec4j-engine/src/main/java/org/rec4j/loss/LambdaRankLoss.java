package org.rec4j.loss;

import java.util.Objects;
import org.rec4j.tensor.Activations;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Pairwise logistic loss weighted by the NDCG change of each swap, the loss whose gradients are
 * LambdaRank's lambdas (Burges 2010, "From RankNet to LambdaRank to LambdaMART: An Overview", eq.
 * 3–4 with {@code |ΔNDCG|}): per list, {@code l = Σ_{(i, j): y_i > y_j} |ΔNDCG_ij|·log(1 +
 * e^{−σ(s_i − s_j)})}.
 *
 * <p>{@code |ΔNDCG_ij|} is the change of NDCG if items i and j swapped places in the ranking by the
 * current scores: {@code |2^{y_i} − 2^{y_j}|·|1/log₂(2 + r_i) − 1/log₂(2 + r_j)| / IDCG}, where
 * {@code r} is the 0-based rank (ties broken by position in the list) and IDCG the DCG of the ideal
 * order, so the weights are already normalized by IDCG. The weights are constants (no gradient
 * flows through the sort); pairs of equal relevance, padded slots (see {@link ListwiseLoss}) and
 * lists without relevant items contribute nothing.
 *
 * <p>Composed from engine ops over the {@code [B, n, n]} score differences, so memory is {@code
 * O(B·n²)}: meant for re-ranking lists of tens to a few hundred items.
 */
public final class LambdaRankLoss implements ListwiseLoss {
  private final float sigma;
  private final Reduction reduction;

  /** With logistic scale {@code sigma > 0} and the given reduction over lists. */
  public LambdaRankLoss(float sigma, Reduction reduction) {
    if (!(sigma > 0) || Float.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and > 0, got " + sigma);
    }
    this.sigma = sigma;
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  /** With {@code σ = 1} and {@link Reduction#MEAN}. */
  public LambdaRankLoss() {
    this(1f, Reduction.MEAN);
  }

  @Override
  public Reduction reduction() {
    return reduction;
  }

  @Override
  public Tensor compute(Tensor scores, Tensor relevance, Tensor weights) {
    Shapes.requireLists("LambdaRankLoss", scores, relevance);
    int b = scores.dim(0), n = scores.dim(1);
    Tensor w = Tensor.wrap(deltaNdcg(scores.data(), relevance.data(), b, n), b, n, n);
    Tensor padding = Shapes.paddingMask(relevance);
    if (padding != null) scores = IndexOps.maskedFill(scores, padding, 0f);
    Tensor diff = MathOps.sub(ShapeOps.reshape(scores, b, n, 1), ShapeOps.reshape(scores, b, 1, n));
    Tensor pair = Activations.softplus(MathOps.mulScalar(diff, -sigma));
    Tensor perList = ReduceOps.sum(ReduceOps.sum(MathOps.mul(pair, w), 2, false), 1, false);
    return reduction.reduce(perList, weights);
  }

  /**
   * The {@code [B, n, n]} pair weights, row-major: entry {@code (b, i, j)} is {@code |ΔNDCG_ij|} of
   * list b when {@code y_i > y_j ≥ 0}, else 0. Padded slots ({@code y < 0}) have no gain and rank
   * after every real item.
   */
  static float[] deltaNdcg(float[] scores, float[] relevance, int b, int n) {
    float[] w = new float[b * n * n];
    double[] gain = new double[n];
    double[] discount = new double[n];
    for (int r = 0; r < b; r++) {
      int off = r * n;
      // Gains 2^y − 1 scaled by 2^−max y: ΔNDCG is a ratio of gains, and large grades cannot
      // overflow.
      float top = 0;
      for (int i = 0; i < n; i++) top = Math.max(top, relevance[off + i]);
      for (int i = 0; i < n; i++) {
        float y = relevance[off + i];
        gain[i] = y < 0 ? 0 : Math.pow(2, y - top) - Math.pow(2, -top);
      }
      int[] rank = ranks(scores, relevance, off, n);
      double idcg = idealDcg(gain);
      if (idcg == 0) continue;
      for (int i = 0; i < n; i++) discount[i] = 1 / log2(2 + rank[i]);
      for (int i = 0; i < n; i++) {
        for (int j = 0; j < n; j++) {
          if (relevance[off + i] > relevance[off + j] && relevance[off + j] >= 0) {
            double d = (gain[i] - gain[j]) * Math.abs(discount[i] - discount[j]) / idcg;
            w[(off + i) * n + j] = (float) d;
          }
        }
      }
    }
    return w;
  }

  /**
   * 0-based rank of each item by descending score (earlier items win ties; padded slots come last).
   */
  private static int[] ranks(float[] scores, float[] relevance, int off, int n) {
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    java.util.Arrays.sort(
        order,
        (p, q) -> {
          boolean padP = relevance[off + p] < 0, padQ = relevance[off + q] < 0;
          if (padP != padQ) return padP ? 1 : -1;
          return Float.compare(scores[off + q], scores[off + p]);
        });
    int[] rank = new int[n];
    for (int pos = 0; pos < n; pos++) rank[order[pos]] = pos;
    return rank;
  }

  private static double idealDcg(double[] gain) {
    double[] sorted = gain.clone();
    java.util.Arrays.sort(sorted);
    double dcg = 0;
    for (int pos = 0; pos < sorted.length; pos++)
      dcg += sorted[sorted.length - 1 - pos] / log2(2 + pos);
    return dcg;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
