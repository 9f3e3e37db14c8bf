package org.rec4j.nn;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Learned absolute positions, as in BERT and SASRec (Kang &amp; McAuley, ICDM 2018): position p has
 * its own trained vector, added to the item embedding at p.
 *
 * <ul>
 *   <li>input {@code x [B, L, d]} or {@code [L, d]} with {@code L ≤ maxLen}
 *   <li>parameter {@code weight [maxLen, d]}, dense gradients, initialized N(0, std²) (default 0.02
 *       — BERT's)
 *   <li>output {@code x + weight[0:L]}, the shape of {@code x}
 * </ul>
 */
public final class LearnedPositionalEmbedding extends Module {
  private final int maxLen;
  private final int d;
  private final Parameter weight;

  /** Positions 0..maxLen−1 of width {@code d}, initialized N(0, 0.02²). */
  public LearnedPositionalEmbedding(int maxLen, int d, Rng rng) {
    this(maxLen, d, Initializer.normal(0.02f), rng);
  }

  /** Positions 0..maxLen−1 of width {@code d}, initialized by {@code init}. */
  public LearnedPositionalEmbedding(int maxLen, int d, Initializer init, Rng rng) {
    if (maxLen <= 0 || d <= 0)
      throw new IllegalArgumentException(
          "positional embedding needs maxLen > 0 and d > 0, got " + maxLen + " and " + d);
    this.maxLen = maxLen;
    this.d = d;
    this.weight = register(new Parameter("weight", init.create(rng, maxLen, d)));
  }

  /** {@code x [..., L, d]} plus the first L position vectors. */
  public Tensor forward(Tensor x) {
    return MathOps.add(x, encoding(SinusoidalPositionalEncoding.length(x, maxLen, d)));
  }

  /** The first {@code len} position vectors {@code [len, d]} (differentiable w.r.t. the table). */
  public Tensor encoding(int len) {
    if (len <= 0 || len > maxLen)
      throw new IllegalArgumentException(
          "sequence length must be in [1, " + maxLen + "], got " + len);
    return len == maxLen ? weight.value() : ShapeOps.slice(weight.value(), 0, 0, len);
  }

  /** The table {@code [maxLen, d]}. */
  public Parameter weight() {
    return weight;
  }
}
