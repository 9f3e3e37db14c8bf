package org.rec4j.nn;

import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * The fixed sinusoidal position encoding of Vaswani et al. ("Attention Is All You Need", NeurIPS
 * 2017): {@code PE(p, 2i) = sin(p / 10000^(2i/d))}, {@code PE(p, 2i+1) = cos(p / 10000^(2i/d))}.
 *
 * <ul>
 *   <li>input {@code x [B, L, d]} or {@code [L, d]} with {@code L ≤ maxLen}
 *   <li>no parameters; the table {@code [maxLen, d]} is a constant computed once
 *   <li>output {@code x + PE[0:L]}, the shape of {@code x}
 * </ul>
 */
public final class SinusoidalPositionalEncoding extends Module {
  private final int maxLen;
  private final int d;
  private final Tensor table;

  /** The encoding of positions 0..maxLen−1 at width {@code d}. */
  public SinusoidalPositionalEncoding(int maxLen, int d) {
    if (maxLen <= 0 || d <= 0)
      throw new IllegalArgumentException(
          "positional encoding needs maxLen > 0 and d > 0, got " + maxLen + " and " + d);
    this.maxLen = maxLen;
    this.d = d;
    this.table = Tensor.wrap(new float[maxLen * d], maxLen, d);
    float[] t = table.data();
    for (int p = 0; p < maxLen; p++) {
      for (int j = 0; j < d; j++) {
        double angle = p / Math.pow(10000, (double) (j - (j & 1)) / d);
        t[p * d + j] = (float) ((j & 1) == 0 ? Math.sin(angle) : Math.cos(angle));
      }
    }
  }

  /** {@code x [..., L, d]} plus the first L encodings. */
  public Tensor forward(Tensor x) {
    return MathOps.add(x, encoding(length(x, maxLen, d)));
  }

  /** The first {@code len} encodings {@code [len, d]} (a constant). */
  public Tensor encoding(int len) {
    if (len <= 0 || len > maxLen)
      throw new IllegalArgumentException(
          "sequence length must be in [1, " + maxLen + "], got " + len);
    return len == maxLen ? table : ShapeOps.slice(table, 0, 0, len);
  }

  /**
   * The sequence length L of {@code x [..., L, d]}, checked against {@code maxLen} and {@code d}.
   */
  static int length(Tensor x, int maxLen, int d) {
    if (x.rank() < 2 || x.dim(-1) != d || x.dim(-2) > maxLen) {
      throw new IllegalArgumentException(
          "positions expect input [..., L <= " + maxLen + ", " + d + "], got " + x.shape());
    }
    return x.dim(-2);
  }
}
