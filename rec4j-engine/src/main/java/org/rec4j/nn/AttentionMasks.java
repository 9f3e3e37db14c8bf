package org.rec4j.nn;

import org.rec4j.tensor.Tensor;

/**
 * Builders of the 0/1 masks taken by {@link MultiHeadAttention}, where a non-zero entry means "may
 * not be attended to". Masks are constants: they carry no gradient.
 */
public final class AttentionMasks {
  private AttentionMasks() {}

  /**
   * The key-padding mask {@code [batch, len]} of a batch of id sequences {@code ids} (row-major
   * {@code [batch, len]}): 1 where the id equals {@code padId}, 0 elsewhere.
   */
  public static Tensor padding(int[] ids, int batch, int len, int padId) {
    if (batch <= 0 || len <= 0 || (long) batch * len != ids.length) {
      throw new IllegalArgumentException(
          "padding mask: ids has "
              + ids.length
              + " entries, expected batch "
              + batch
              + " × len "
              + len);
    }
    Tensor m = Tensor.zeros(batch, len);
    float[] d = m.data();
    for (int i = 0; i < ids.length; i++) d[i] = ids[i] == padId ? 1f : 0f;
    return m;
  }

  /** The causal mask {@code [len, len]}: 1 above the diagonal, so query t sees only keys 0..t. */
  public static Tensor causal(int len) {
    if (len <= 0) throw new IllegalArgumentException("causal mask length must be > 0, got " + len);
    Tensor m = Tensor.zeros(len, len);
    float[] d = m.data();
    for (int i = 0; i < len; i++) for (int j = i + 1; j < len; j++) d[i * len + j] = 1f;
    return m;
  }

  /**
   * The combined score mask for {@code heads} heads: {@code [batch·heads, lq, lk]} when a
   * key-padding mask {@code [batch, lk]} is given (entry (b·heads + h, i, j) masked if key j of row
   * b is padding, or if {@code causal} and j &gt; i); otherwise the {@code [lq, lk]} causal mask,
   * or {@code null} if nothing is masked.
   */
  static Tensor combine(Tensor keyPadding, boolean causal, int batch, int heads, int lq, int lk) {
    if (keyPadding == null) return causal ? causal(lq) : null;
    if (keyPadding.rank() != 2 || keyPadding.dim(0) != batch || keyPadding.dim(1) != lk) {
      throw new IllegalArgumentException(
          "key-padding mask must be [" + batch + ", " + lk + "], got " + keyPadding.shape());
    }
    float[] pad = keyPadding.data();
    Tensor m = Tensor.zeros(batch * heads, lq, lk);
    float[] d = m.data();
    for (int b = 0; b < batch; b++) {
      int base = b * heads * lq * lk;
      for (int i = 0; i < lq; i++) {
        for (int j = 0; j < lk; j++)
          d[base + i * lk + j] = pad[b * lk + j] != 0f || (causal && j > i) ? 1f : 0f;
      }
      for (int h = 1; h < heads; h++) System.arraycopy(d, base, d, base + h * lq * lk, lq * lk);
    }
    return m;
  }
}
