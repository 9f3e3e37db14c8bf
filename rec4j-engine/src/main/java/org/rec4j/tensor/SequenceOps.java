package org.rec4j.tensor;

import org.rec4j.tensor.kernel.Kernels;

/**
 * Multi-head scaled dot-product attention over <b>packed</b> variable-length sequences, the
 * attention of the sequential recommenders (SASRec, BERT4Rec).
 *
 * <p><b>Packing.</b> A batch of B sequences is stored as {@code [T, d]} rows, T the total number of
 * real tokens: sequence b occupies rows {@code offsets[b] .. offsets[b+1]-1}, oldest first. Nothing
 * is computed for padding: a left-padded {@code [B, L, d]} batch whose padded keys are masked and
 * whose padded rows are zeroed (as SASRec's reference code does) gives the same values on its real
 * rows, at a cost of Σ n_b² instead of B·L² per head — for Amazon Games (mean train length ≈ 6, L =
 * 50) about 1/40 of the attention work and 1/8 of the projection work.
 *
 * <p><b>Attention.</b> Heads split the width: head h reads columns {@code h·d_h .. (h+1)·d_h − 1}
 * of {@code q, k, v [T, d]}. Within one sequence, for query position i and key position j (indices
 * inside the sequence), {@code s_ij = (q_i·k_j + q_i·a_{c(j−i)}) / √d_h} where the second term is
 * present only with a relative-position table {@code a [2K+1, d_h]} (Shaw, Uszkoreit &amp; Vaswani,
 * NAACL 2018: learned representations of the clipped distance {@code c(δ) = clip(δ, −K, K) + K},
 * shared by the heads). The softmax runs over the keys the {@link Pattern} allows; attention
 * dropout (inverted) is applied to the probabilities in training; {@code o_i = Σ_j p̃_ij v_j}.
 *
 * <p><b>Patterns.</b> Causal (j ≤ i, SASRec) or bidirectional (BERT4Rec); optionally local — only
 * keys with {@code |i − j| < window} — or strided sparse (Child et al., "Generating Long Sequences
 * with Sparse Transformers", 2019: keys with {@code |i − j| < stride} or {@code |i − j| ≡ 0 (mod
 * stride)}). Every pattern allows j = i, so no query row is empty.
 *
 * <p>The backward rule is fused (one pass per query row, the probabilities and dropout mask saved
 * in the step's arena) and gradient-checked against a double-precision reference. The op allocates
 * nothing outside the arena in the steady state: its configuration and the offsets are copied into
 * the node's reused attribute array.
 */
public final class SequenceOps {
  private SequenceOps() {}

  private static final Kernels K = MathOps.K;

  // attribute layout: [heads, causal, window, stride, relK, hasDropout, B, probs, offsets...]
  private static final int A_HEADS = 0,
      A_CAUSAL = 1,
      A_WINDOW = 2,
      A_STRIDE = 3,
      A_RELK = 4,
      A_DROP = 5,
      A_B = 6,
      A_PROBS = 7,
      A_OFF = 8;

  /**
   * Which keys a query may attend to, within its own sequence.
   *
   * @param causal {@code true}: keys at or before the query (j ≤ i); {@code false}: every position
   * @param window local attention: only keys with {@code |i − j| < window} (0 = no limit)
   * @param stride strided sparse attention: keys with {@code |i − j| < stride} or {@code |i − j|} a
   *     multiple of {@code stride} (0 = dense); exclusive with {@code window}
   */
  public record Pattern(boolean causal, int window, int stride) {
    /** Validates the fields. */
    public Pattern {
      if (window < 0)
        throw new IllegalArgumentException("attention window must be >= 0, got " + window);
      if (stride < 0)
        throw new IllegalArgumentException("attention stride must be >= 0, got " + stride);
      if (window > 0 && stride > 0)
        throw new IllegalArgumentException(
            "attention window (" + window + ") and stride (" + stride + ") exclude each other");
    }

    /** Causal, dense. */
    public static final Pattern CAUSAL = new Pattern(true, 0, 0);

    /** Bidirectional, dense. */
    public static final Pattern BIDIRECTIONAL = new Pattern(false, 0, 0);

    /** Whether key position j is visible from query position i. */
    public boolean allows(int i, int j) {
      if (causal && j > i) return false;
      int dist = Math.abs(i - j);
      if (window > 0) return dist < window;
      if (stride > 0) return dist < stride || dist % stride == 0;
      return true;
    }

    /** First key a query at i may see (a lower bound when strided). */
    int lo(int i) {
      return window > 0 ? Math.max(0, i - window + 1) : 0;
    }

    /** One past the last key a query at i may see in a sequence of length n. */
    int hi(int i, int n) {
      if (causal) return i + 1;
      return window > 0 ? Math.min(n, i + window) : n;
    }
  }

  /**
   * Attention over packed sequences; see the class comment.
   *
   * @param q queries {@code [T, d]}
   * @param k keys {@code [T, d]}
   * @param v values {@code [T, d]}
   * @param rel relative-position key table {@code [2K+1, d/heads]}, or null for none
   * @param offsets {@code B+1} non-decreasing row offsets, {@code offsets[0] = 0}, {@code
   *     offsets[B] = T}
   * @param heads number of heads, dividing d
   * @param pattern the visible keys
   * @param dropout attention-probability dropout in [0, 1) (applied only when {@code training})
   * @param training whether dropout is active
   * @param rng the dropout mask's source (may be null when no dropout applies)
   * @return {@code [T, d]}
   */
  public static Tensor attention(
      Tensor q,
      Tensor k,
      Tensor v,
      Tensor rel,
      int[] offsets,
      int heads,
      Pattern pattern,
      float dropout,
      boolean training,
      Rng rng) {
    int t = q.rank() == 2 ? q.dim(0) : -1;
    int d = q.rank() == 2 ? q.dim(1) : -1;
    if (t < 0 || !k.shape.equals(q.shape) || !v.shape.equals(q.shape))
      throw new IllegalArgumentException(
          "sequence attention: q, k and v must be the same [T, d], got "
              + q.shape
              + ", "
              + k.shape
              + ", "
              + v.shape);
    if (heads <= 0 || d % heads != 0)
      throw new IllegalArgumentException(
          "sequence attention: heads must be > 0 and divide d = " + d + ", got " + heads);
    checkOffsets(offsets, t);
    int dh = d / heads;
    int relK = 0;
    if (rel != null) {
      if (rel.rank() != 2 || rel.dim(1) != dh || rel.dim(0) % 2 != 1)
        throw new IllegalArgumentException(
            "sequence attention: relative-position table must be [2K+1, "
                + dh
                + "], got "
                + rel.shape);
      relK = rel.dim(0) / 2;
    }
    if (!(dropout >= 0 && dropout < 1))
      throw new IllegalArgumentException(
          "sequence attention: dropout must be in [0, 1), got " + dropout);
    boolean drop = training && dropout > 0;
    int b = offsets.length - 1;
    long probs = 0;
    for (int s = 0; s < b; s++) {
      long n = offsets[s + 1] - offsets[s];
      probs += n * n * heads;
    }
    if (probs > Integer.MAX_VALUE / 2)
      throw new IllegalArgumentException(
          "sequence attention: "
              + probs
              + " attention weights exceed one buffer; use shorter sequences");
    // the saved weights are scratch, not a tensor: rounded up to a size class so that batches of
    // varying Σn² reuse the arena's buffers instead of allocating one per batch
    float[] p = Arena.alloc(sizeClass((int) probs * (drop ? 2 : 1)));
    Tensor out = Tensor.empty(q.shape);
    forward(
        q.data,
        k.data,
        v.data,
        rel == null ? null : rel.data,
        relK,
        offsets,
        heads,
        dh,
        pattern,
        drop ? dropout : 0f,
        rng,
        p,
        (int) probs,
        out.data);
    Node n =
        rel == null
            ? Autograd.record(out, Op.SEQ_ATTENTION, q, k, v)
            : Autograd.record(out, Op.SEQ_ATTENTION, q, k, v, rel);
    if (n != null) {
      int[] a = n.attrs(A_OFF + offsets.length);
      a[A_HEADS] = heads;
      a[A_CAUSAL] = pattern.causal() ? 1 : 0;
      a[A_WINDOW] = pattern.window();
      a[A_STRIDE] = pattern.stride();
      a[A_RELK] = relK;
      a[A_DROP] = drop ? 1 : 0;
      a[A_B] = b;
      a[A_PROBS] = (int) probs;
      System.arraycopy(offsets, 0, a, A_OFF, offsets.length);
      n.aux = p;
      n.f0 = drop ? 1f / (1f - dropout) : 1f;
    }
    return out;
  }

  /**
   * The attention weights the <em>last</em> query of each sequence gives its keys, averaged over
   * the heads, without recording anything: {@code weights[b][j]} for key j of sequence b (0 for
   * keys the pattern hides; empty for an empty sequence). This is what {@code explain} reports.
   */
  public static float[][] lastQueryWeights(
      Tensor q, Tensor k, Tensor rel, int[] offsets, int heads, Pattern pattern) {
    int t = q.dim(0), d = q.dim(1), dh = d / heads;
    checkOffsets(offsets, t);
    int relK = rel == null ? 0 : rel.dim(0) / 2;
    float[] rd = rel == null ? null : rel.data;
    float scale = (float) (1 / Math.sqrt(dh));
    float[][] w = new float[offsets.length - 1][];
    float[] s = new float[0];
    for (int b = 0; b < w.length; b++) {
      int s0 = offsets[b], n = offsets[b + 1] - s0;
      w[b] = new float[n];
      if (n == 0) continue;
      if (s.length < n) s = new float[n];
      int i = n - 1;
      for (int h = 0; h < heads; h++) {
        java.util.Arrays.fill(s, 0, n, 0f);
        scoresInto(q.data, k.data, rd, relK, s0, n, i, h * dh, dh, d, pattern, scale, s, 0);
        for (int j = 0; j < n; j++) w[b][j] += s[j] / heads;
      }
    }
    return w;
  }

  private static void checkOffsets(int[] offsets, int t) {
    if (offsets == null
        || offsets.length < 1
        || offsets[0] != 0
        || offsets[offsets.length - 1] != t)
      throw new IllegalArgumentException(
          "sequence attention: offsets must start at 0 and end at T = "
              + t
              + ", got "
              + (offsets == null ? "null" : java.util.Arrays.toString(offsets)));
    for (int i = 1; i < offsets.length; i++)
      if (offsets[i] < offsets[i - 1])
        throw new IllegalArgumentException(
            "sequence attention: offsets must be non-decreasing, got "
                + offsets[i - 1]
                + " then "
                + offsets[i]
                + " at "
                + i);
  }

  private static int relIndex(int i, int j, int relK) {
    return Math.max(-relK, Math.min(relK, j - i)) + relK;
  }

  /**
   * The forward pass. {@code p} holds the probabilities (and, with dropout, the dropped ones after
   * {@code probs} entries).
   */
  private static void forward(
      float[] q,
      float[] k,
      float[] v,
      float[] rel,
      int relK,
      int[] offsets,
      int heads,
      int dh,
      Pattern pat,
      float dropout,
      Rng rng,
      float[] p,
      int probs,
      float[] out) {
    int d = heads * dh;
    float scale = (float) (1 / Math.sqrt(dh));
    float keep = dropout > 0 ? 1f / (1f - dropout) : 1f;
    int base = 0;
    for (int b = 0; b + 1 < offsets.length; b++) {
      int s0 = offsets[b], n = offsets[b + 1] - s0;
      for (int h = 0; h < heads; h++, base += n * n) {
        int c0 = h * dh;
        if (blocked(n, rel, pat)) {
          forwardBlock(
              q, k, v, s0, n, c0, dh, d, pat, scale, dropout, keep, rng, p, base, probs, out);
          continue;
        }
        for (int i = 0; i < n; i++) {
          int row = base + i * n;
          scoresInto(q, k, rel, relK, s0, n, i, c0, dh, d, pat, scale, p, row);
          int oo = (s0 + i) * d + c0;
          int lo = pat.lo(i), hi = pat.hi(i, n);
          for (int j = lo; j < hi; j++) {
            float w = p[row + j];
            if (dropout > 0) {
              w = rng.nextFloat() >= dropout ? w * keep : 0f;
              p[probs + row + j] = w;
            }
            if (w != 0f) K.axpy(w, v, (s0 + j) * d + c0, out, oo, dh);
          }
        }
      }
    }
  }

  /**
   * Sequences at least this long use the matrix-product path (dense patterns, no relative term).
   */
  static final int BLOCK_MIN = 16;

  /** Whether a sequence of length {@code n} takes the matrix-product path. */
  private static boolean blocked(int n, float[] rel, Pattern pat) {
    return n >= BLOCK_MIN && rel == null && pat.window() == 0 && pat.stride() == 0;
  }

  /**
   * One (sequence, head) of the forward pass by matrix products: all n×n scores in one gemm, the
   * row softmax over the visible keys (dropout drawn in the per-pair path's order), then one gemm
   * for the output. Same values as the per-pair path up to summation order.
   */
  private static void forwardBlock(
      float[] q,
      float[] k,
      float[] v,
      int s0,
      int n,
      int c0,
      int dh,
      int d,
      Pattern pat,
      float scale,
      float dropout,
      float keep,
      Rng rng,
      float[] p,
      int base,
      int probs,
      float[] out) {
    int at = s0 * d + c0;
    K.gemm(false, true, n, n, dh, scale, q, at, d, k, at, d, 0f, p, base, n);
    for (int i = 0; i < n; i++) {
      int row = base + i * n, hi = pat.hi(i, n);
      float max = Float.NEGATIVE_INFINITY;
      for (int j = 0; j < hi; j++) max = Math.max(max, p[row + j]);
      float sum = 0f;
      for (int j = 0; j < hi; j++) {
        float e = (float) Math.exp(p[row + j] - max);
        p[row + j] = e;
        sum += e;
      }
      float inv = 1f / sum;
      for (int j = 0; j < hi; j++) p[row + j] *= inv;
      for (int j = hi; j < n; j++) p[row + j] = 0f;
      if (dropout > 0)
        for (int j = 0; j < hi; j++)
          p[probs + row + j] = rng.nextFloat() >= dropout ? p[row + j] * keep : 0f;
    }
    K.gemm(
        false,
        false,
        n,
        dh,
        n,
        1f,
        p,
        dropout > 0 ? probs + base : base,
        n,
        v,
        at,
        d,
        0f,
        out,
        at,
        d);
  }

  /**
   * One (sequence, head) of the backward pass by matrix products: dP̃ = dO·Vᵀ, dV += P̃ᵀ·dO, the
   * softmax backward row by row into {@code ds}, then dQ += dS·K·scale and dK += dSᵀ·Q·scale.
   */
  private static void backwardBlock(
      float[] g,
      Tensor q,
      Tensor k,
      Tensor v,
      float[] gq,
      float[] gk,
      float[] gv,
      int s0,
      int n,
      int c0,
      int dh,
      int d,
      Pattern pat,
      float scale,
      boolean drop,
      float keep,
      float[] p,
      int base,
      int probs,
      float[] ds) {
    int at = s0 * d + c0;
    int pt0 = drop ? probs + base : base;
    K.gemm(false, true, n, n, dh, 1f, g, at, d, v.data, at, d, 0f, ds, 0, n);
    if (gv != null) K.gemm(true, false, n, dh, n, 1f, p, pt0, n, g, at, d, 1f, gv, at, d);
    for (int i = 0; i < n; i++) {
      int row = base + i * n, r = i * n, hi = pat.hi(i, n);
      float c = 0f;
      for (int j = 0; j < hi; j++) {
        float dpj = ds[r + j];
        if (drop) dpj = p[probs + row + j] == 0f ? 0f : dpj * keep;
        ds[r + j] = dpj;
        c += p[row + j] * dpj;
      }
      for (int j = 0; j < hi; j++) ds[r + j] = p[row + j] * (ds[r + j] - c) * scale;
      for (int j = hi; j < n; j++) ds[r + j] = 0f;
    }
    if (gq != null) K.gemm(false, false, n, dh, n, 1f, ds, 0, n, k.data, at, d, 1f, gq, at, d);
    if (gk != null) K.gemm(true, false, n, dh, n, 1f, ds, 0, n, q.data, at, d, 1f, gk, at, d);
  }

  /**
   * Softmax probabilities of query i (sequence rows from {@code s0}, length n, head columns from
   * {@code c0}) over its visible keys, into {@code out[at + lo(i) .. at + hi(i))}; hidden keys in
   * that range get 0, entries outside it are left alone.
   */
  private static void scoresInto(
      float[] q,
      float[] k,
      float[] rel,
      int relK,
      int s0,
      int n,
      int i,
      int c0,
      int dh,
      int d,
      Pattern pat,
      float scale,
      float[] out,
      int at) {
    int qo = (s0 + i) * d + c0;
    int lo = pat.lo(i), hi = pat.hi(i, n);
    float max = Float.NEGATIVE_INFINITY;
    for (int j = lo; j < hi; j++) {
      if (!pat.allows(i, j)) {
        out[at + j] = 0f;
        continue;
      }
      float sc = K.dot(q, qo, k, (s0 + j) * d + c0, dh);
      if (rel != null) sc += K.dot(q, qo, rel, relIndex(i, j, relK) * dh, dh);
      sc *= scale;
      out[at + j] = sc;
      if (sc > max) max = sc;
    }
    float sum = 0f;
    for (int j = lo; j < hi; j++) {
      if (!pat.allows(i, j)) continue;
      float e = (float) Math.exp(out[at + j] - max);
      out[at + j] = e;
      sum += e;
    }
    float inv = 1f / sum;
    for (int j = lo; j < hi; j++) out[at + j] *= inv;
  }

  /** The fused backward rule of {@link Op#SEQ_ATTENTION}. */
  static void backward(Node node, float[] g) {
    int[] a = node.ints;
    int heads = a[A_HEADS];
    Pattern pat = new Pattern(a[A_CAUSAL] == 1, a[A_WINDOW], a[A_STRIDE]);
    int relK = a[A_RELK];
    boolean drop = a[A_DROP] == 1;
    int b = a[A_B];
    Tensor q = node.inputs[0], k = node.inputs[1], v = node.inputs[2];
    Tensor rel = node.inputs.length > 3 ? node.inputs[3] : null;
    int d = q.dim(1), dh = d / heads;
    float scale = (float) (1 / Math.sqrt(dh));
    float[] p = (float[]) node.aux;
    float keep = node.f0;
    int probs = a[A_PROBS];
    float[] gq = q.requiresGrad ? q.gradBuffer() : null;
    float[] gk = k.requiresGrad ? k.gradBuffer() : null;
    float[] gv = v.requiresGrad ? v.gradBuffer() : null;
    float[] ga = rel != null && rel.requiresGrad ? rel.gradBuffer() : null;
    float[] rd = rel == null ? null : rel.data;
    int longest = maxLength(a, b);
    float[] dp = Arena.alloc(sizeClass(longest));
    float[] block = longest >= BLOCK_MIN ? Arena.alloc(sizeClass(longest * longest)) : null;
    int base = 0;
    for (int s = 0; s < b; s++) {
      int s0 = a[A_OFF + s], n = a[A_OFF + s + 1] - s0;
      for (int h = 0; h < heads; h++, base += n * n) {
        int c0 = h * dh;
        if (blocked(n, rd, pat)) {
          backwardBlock(
              g, q, k, v, gq, gk, gv, s0, n, c0, dh, d, pat, scale, drop, keep, p, base, probs,
              block);
          continue;
        }
        for (int i = 0; i < n; i++) {
          int row = base + i * n, go = (s0 + i) * d + c0, qo = go;
          int lo = pat.lo(i), hi = pat.hi(i, n);
          float c = 0f;
          for (int j = lo; j < hi; j++) {
            float pij = p[row + j];
            if (pij == 0f) {
              dp[j] = 0f;
              continue;
            }
            float pt = drop ? p[probs + row + j] : pij;
            int vo = (s0 + j) * d + c0;
            float dpt = K.dot(g, go, v.data, vo, dh);
            if (gv != null && pt != 0f) K.axpy(pt, g, go, gv, vo, dh);
            float dpj = drop ? (pt == 0f ? 0f : dpt * keep) : dpt;
            dp[j] = dpj;
            c += pij * dpj;
          }
          for (int j = lo; j < hi; j++) {
            float pij = p[row + j];
            if (pij == 0f) continue;
            float ds = pij * (dp[j] - c) * scale;
            if (ds == 0f) continue;
            int ko = (s0 + j) * d + c0;
            if (gq != null) {
              K.axpy(ds, k.data, ko, gq, qo, dh);
              if (rd != null) K.axpy(ds, rd, relIndex(i, j, relK) * dh, gq, qo, dh);
            }
            if (gk != null) K.axpy(ds, q.data, qo, gk, ko, dh);
            if (ga != null) K.axpy(ds, q.data, qo, ga, relIndex(i, j, relK) * dh, dh);
          }
        }
      }
    }
  }

  /** {@code n} rounded up to a multiple of {@code highestOneBit(n)/8} (at most 1/8 unused). */
  static int sizeClass(int n) {
    int g = Math.max(16, Integer.highestOneBit(Math.max(1, n)) >> 3);
    return (n + g - 1) / g * g;
  }

  private static int maxLength(int[] a, int b) {
    int m = 1;
    for (int s = 0; s < b; s++) m = Math.max(m, a[A_OFF + s + 1] - a[A_OFF + s]);
    return m;
  }
}
