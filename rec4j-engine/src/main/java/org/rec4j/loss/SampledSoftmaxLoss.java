package org.rec4j.loss;

import java.util.Objects;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Sampled softmax (Bengio &amp; Senécal 2008; Jean et al. 2015, "On Using Very Large Target
 * Vocabulary for Neural Machine Translation"): softmax cross-entropy over the positive item and k
 * sampled negatives instead of the whole catalog. Row b has logits {@code [s⁺_b, s⁻_b1, …, s⁻_bk]}
 * and the positive is the class: {@code l_b = −log(e^{s⁺_b} / (e^{s⁺_b} + Σ_j e^{s⁻_bj}))}.
 *
 * <p>Options:
 *
 * <ul>
 *   <li><b>log-Q correction</b>: every logit {@code s} of an item drawn with probability {@code Q}
 *       becomes {@code s − log Q}, which makes the sampled softmax an unbiased estimate of the full
 *       one (also used for in-batch negatives, Yi et al. 2019). Needs the sampling probabilities of
 *       the positives and negatives.
 *   <li><b>accidental-hit removal</b>: a sampled negative with the positive's id gets logit {@code
 *       −∞} (it is not a negative), so it drops out of the softmax and receives no gradient. Needs
 *       the ids.
 * </ul>
 *
 * <p>Both are composed from engine ops, then {@link SoftmaxCrossEntropyLoss}'s fused kernel scores
 * the rows.
 */
public final class SampledSoftmaxLoss {
  /**
   * What the sampler drew: ids and sampling probabilities of the {@code [B]} positives and of the
   * negatives. The negatives are shared by the batch ({@code k} entries) or drawn per row ({@code
   * B·k} entries, row-major). Fields the configured options do not use may be {@code null}.
   */
  public record Sample(
      int[] positiveIds,
      int[] negativeIds,
      float[] positiveProbability,
      float[] negativeProbability) {
    /** Ids only (for accidental-hit removal without log-Q correction). */
    public static Sample ids(int[] positiveIds, int[] negativeIds) {
      return new Sample(positiveIds, negativeIds, null, null);
    }

    /** Probabilities only (for log-Q correction without accidental-hit removal). */
    public static Sample probabilities(float[] positiveProbability, float[] negativeProbability) {
      return new Sample(null, null, positiveProbability, negativeProbability);
    }
  }

  private final boolean logQCorrection;
  private final boolean removeAccidentalHits;
  private final Reduction reduction;

  /** With the given options and reduction over the B rows. */
  public SampledSoftmaxLoss(
      boolean logQCorrection, boolean removeAccidentalHits, Reduction reduction) {
    this.logQCorrection = logQCorrection;
    this.removeAccidentalHits = removeAccidentalHits;
    this.reduction = Objects.requireNonNull(reduction, "reduction");
  }

  /** Plain sampled softmax (no correction, no hit removal) with {@link Reduction#MEAN}. */
  public SampledSoftmaxLoss() {
    this(false, false, Reduction.MEAN);
  }

  /** How per-row losses are combined. */
  public Reduction reduction() {
    return reduction;
  }

  /** The loss without sampler information (valid only when both options are off). */
  public Tensor compute(Tensor positive, Tensor negatives, Tensor weights) {
    return compute(positive, negatives, null, weights);
  }

  /**
   * The loss of {@code [B]} positive scores against {@code [B, k]} negative scores, using {@code
   * sample} for the enabled options, with optional {@code [B]} weights.
   */
  public Tensor compute(Tensor positive, Tensor negatives, Sample sample, Tensor weights) {
    Shapes.requireRank("SampledSoftmaxLoss", "positive scores", positive, 1, "[B]");
    int b = positive.dim(0);
    if (negatives.rank() != 2 || negatives.dim(0) != b) {
      throw new IllegalArgumentException(
          "SampledSoftmaxLoss: negative scores must be ["
              + b
              + ", k] for positive"
              + " scores "
              + positive.shape()
              + ", shape is "
              + negatives.shape());
    }
    int k = negatives.dim(1);
    Tensor logits = ShapeOps.concat(1, ShapeOps.reshape(positive, b, 1), negatives);
    if (logQCorrection) {
      require(
          sample != null
              && sample.positiveProbability() != null
              && sample.negativeProbability() != null,
          "log-Q correction needs the sampling probabilities of positives and negatives");
      logits = MathOps.sub(logits, logQ(sample, b, k));
    }
    if (removeAccidentalHits) {
      require(
          sample != null && sample.positiveIds() != null && sample.negativeIds() != null,
          "accidental-hit removal needs the ids of positives and negatives");
      logits = IndexOps.maskedFill(logits, hits(sample, b, k), Float.NEGATIVE_INFINITY);
    }
    return reduction.reduce(SoftmaxCrossEntropyLoss.perRow(logits, new int[b]), weights);
  }

  /** {@code [B, 1 + k]} log sampling probabilities, positive first. */
  private static Tensor logQ(Sample s, int b, int k) {
    float[] pos = s.positiveProbability(), neg = s.negativeProbability();
    checkLength("positive probabilities", pos.length, b, b);
    boolean shared = checkLength("negative probabilities", neg.length, k, b * k);
    Tensor out = Tensor.zeros(b, 1 + k);
    float[] o = out.data();
    for (int r = 0; r < b; r++) {
      o[r * (k + 1)] = log(pos[r], "positive", r);
      for (int j = 0; j < k; j++)
        o[r * (k + 1) + 1 + j] = log(neg[shared ? j : r * k + j], "negative", j);
    }
    return out;
  }

  /** {@code [B, 1 + k]} mask, 1 where a negative has its row's positive id. */
  private static Tensor hits(Sample s, int b, int k) {
    int[] pos = s.positiveIds(), neg = s.negativeIds();
    checkLength("positive ids", pos.length, b, b);
    boolean shared = checkLength("negative ids", neg.length, k, b * k);
    Tensor mask = Tensor.zeros(b, 1 + k);
    float[] m = mask.data();
    for (int r = 0; r < b; r++) {
      for (int j = 0; j < k; j++)
        if (neg[shared ? j : r * k + j] == pos[r]) m[r * (k + 1) + 1 + j] = 1f;
    }
    return mask;
  }

  private static float log(float q, String what, int i) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException(
          "SampledSoftmaxLoss: "
              + what
              + " sampling probability "
              + i
              + " must lie in"
              + " (0, 1], got "
              + q);
    }
    return (float) Math.log(q);
  }

  /**
   * Returns whether the array has the shared length {@code k}; throws unless it has {@code k} or
   * {@code perRow}.
   */
  private static boolean checkLength(String what, int length, int shared, int perRow) {
    if (length == shared) return true;
    if (length == perRow) return false;
    throw new IllegalArgumentException(
        "SampledSoftmaxLoss: "
            + what
            + " has "
            + length
            + " entries, expected "
            + (shared == perRow
                ? String.valueOf(shared)
                : shared + " (shared) or " + perRow + " (per row)"));
  }

  private static void require(boolean ok, String message) {
    if (!ok) throw new IllegalArgumentException("SampledSoftmaxLoss: " + message);
  }
}
