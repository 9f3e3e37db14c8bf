package org.rec4j.tensor;

/**
 * Neural-network primitives with their own backward rules (dropout, layer norm, batch norm, the GRU
 * recurrence over packed sequences) and the masked scaled dot-product attention composed from
 * primitives.
 */
public final class NnOps {
  private NnOps() {}

  /**
   * Inverted dropout: in training each element is zeroed with probability {@code p} and survivors
   * are scaled by 1/(1−p); in evaluation the input is returned unchanged.
   */
  public static Tensor dropout(Tensor x, float p, boolean training, Rng rng) {
    if (p < 0 || p >= 1)
      throw new IllegalArgumentException("dropout probability must be in [0, 1), got " + p);
    if (!training || p == 0f) return x;
    Tensor out = Tensor.empty(x.shape);
    float[] mask = Arena.alloc(x.size());
    float keep = 1f / (1f - p);
    for (int i = 0; i < mask.length; i++) {
      mask[i] = rng.nextFloat() >= p ? keep : 0f;
      out.data[i] = x.data[i] * mask[i];
    }
    Node n = Autograd.record(out, Op.DROPOUT, x);
    if (n != null) n.aux = mask;
    return out;
  }

  /**
   * Layer normalization over the last axis (Ba et al. 2016): (x − μ)/√(σ² + eps)·γ + β with biased
   * variance. x {@code [..., d]}, γ and β {@code [d]}.
   */
  public static Tensor layerNorm(Tensor x, Tensor gamma, Tensor beta, float eps) {
    int d = x.dim(-1);
    if (gamma.size() != d || beta.size() != d) {
      throw new IllegalArgumentException(
          "layerNorm: gamma "
              + gamma.shape
              + " and beta "
              + beta.shape
              + " must have "
              + d
              + " elements for input "
              + x.shape);
    }
    int rows = x.size() / d;
    Tensor out = Tensor.empty(x.shape);
    float[] stats = Arena.alloc(2 * rows); // mean, rstd per row
    for (int r = 0; r < rows; r++) {
      int o = r * d;
      double mu = 0;
      for (int j = 0; j < d; j++) mu += x.data[o + j];
      mu /= d;
      double var = 0;
      for (int j = 0; j < d; j++) {
        double c = x.data[o + j] - mu;
        var += c * c;
      }
      var /= d;
      float rstd = (float) (1 / Math.sqrt(var + eps));
      stats[2 * r] = (float) mu;
      stats[2 * r + 1] = rstd;
      for (int j = 0; j < d; j++)
        out.data[o + j] = (x.data[o + j] - (float) mu) * rstd * gamma.data[j] + beta.data[j];
    }
    Node n = Autograd.record(out, Op.LAYER_NORM, x, gamma, beta);
    if (n != null) n.aux = stats;
    return out;
  }

  /**
   * Batch normalization over the rows of {@code x [n, c]} (Ioffe &amp; Szegedy 2015). In training
   * the batch mean and biased variance normalize, and the running statistics are updated in place
   * as {@code running = (1 − momentum)·running + momentum·batch} (unbiased variance); in evaluation
   * the running statistics normalize.
   */
  public static Tensor batchNorm(
      Tensor x,
      Tensor gamma,
      Tensor beta,
      Tensor runningMean,
      Tensor runningVar,
      float momentum,
      float eps,
      boolean training) {
    if (x.rank() != 2)
      throw new IllegalArgumentException("batchNorm expects [n, c] input, got " + x.shape);
    int n = x.dim(0), c = x.dim(1);
    if (gamma.size() != c
        || beta.size() != c
        || runningMean.size() != c
        || runningVar.size() != c) {
      throw new IllegalArgumentException(
          "batchNorm parameters must have " + c + " elements for input " + x.shape);
    }
    if (training && n < 2)
      throw new IllegalArgumentException(
          "batchNorm in training needs at least 2 rows, got " + x.shape);
    float[] stats = Arena.alloc(2 * c); // mean, rstd per column
    if (training) {
      double[] mu = new double[c], var = new double[c];
      for (int r = 0; r < n; r++) for (int j = 0; j < c; j++) mu[j] += x.data[r * c + j];
      for (int j = 0; j < c; j++) mu[j] /= n;
      for (int r = 0; r < n; r++) {
        for (int j = 0; j < c; j++) {
          double d = x.data[r * c + j] - mu[j];
          var[j] += d * d;
        }
      }
      for (int j = 0; j < c; j++) {
        double biased = var[j] / n;
        stats[2 * j] = (float) mu[j];
        stats[2 * j + 1] = (float) (1 / Math.sqrt(biased + eps));
        runningMean.data[j] = (float) ((1 - momentum) * runningMean.data[j] + momentum * mu[j]);
        runningVar.data[j] =
            (float) ((1 - momentum) * runningVar.data[j] + momentum * var[j] / (n - 1));
      }
    } else {
      for (int j = 0; j < c; j++) {
        stats[2 * j] = runningMean.data[j];
        stats[2 * j + 1] = (float) (1 / Math.sqrt(runningVar.data[j] + eps));
      }
    }
    Tensor out = Tensor.empty(x.shape);
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < c; j++) {
        int i = r * c + j;
        out.data[i] = (x.data[i] - stats[2 * j]) * stats[2 * j + 1] * gamma.data[j] + beta.data[j];
      }
    }
    Node node = Autograd.record(out, Op.BATCH_NORM, x, gamma, beta);
    if (node != null) {
      node.aux = stats;
      node.attrs(1)[0] = training ? 1 : 0;
    }
    return out;
  }

  /**
   * A gated recurrent unit (Cho et al., "Learning Phrase Representations using RNN Encoder–Decoder
   * for Statistical Machine Translation", EMNLP 2014) over packed variable-length sequences, in the
   * form of cuDNN and PyTorch (the reset gate multiplies the recurrent projection including its
   * bias): for each sequence, from {@code h₀ = 0},
   *
   * <pre>
   * r = σ(x·W_ir + b_ir + h·W_hr + b_hr)
   * z = σ(x·W_iz + b_iz + h·W_hz + b_hz)
   * n = tanh(x·W_in + b_in + r ⊙ (h·W_hn + b_hn))
   * h' = (1 − z) ⊙ n + z ⊙ h
   * </pre>
   *
   * <ul>
   *   <li>{@code x [T, in]}: B sequences packed by {@code offsets} (B + 1 entries, {@code
   *       offsets[0] = 0}, non-decreasing, {@code offsets[B] = T}); sequence b is rows {@code
   *       offsets[b] .. offsets[b+1] − 1}, oldest first, and may be empty
   *   <li>{@code wInput [in, 3h]}, {@code wHidden [h, 3h]}, {@code bInput [3h]}, {@code bHidden
   *       [3h]}, the three column blocks being the gates r, z, n in that order
   *   <li>output {@code [T, h]}: row i is the hidden state after token i of its sequence
   * </ul>
   *
   * <p>The input projection of all tokens is one gemm; the recurrence then runs over time steps,
   * advancing all sequences still running together (one {@code [active, h]·[h, 3h]} gemm per step,
   * on the time-major schedule of {@code PackedSequences}). The backward pass is one fused rule
   * (back-propagation through time) that walks the steps in reverse and finishes with one gemm per
   * weight gradient. Every buffer comes from the open {@link Arena}, if any; the forward saves the
   * gates and the time-major hidden states ({@code 5·T·h} floats) for the backward. {@code offsets}
   * is read again by the backward pass, so it must not change before it.
   */
  public static Tensor gru(
      Tensor x, int[] offsets, Tensor wInput, Tensor wHidden, Tensor bInput, Tensor bHidden) {
    int h = wHidden.rank() == 2 ? wHidden.dim(0) : -1, g3 = 3 * h;
    if (x.rank() != 2
        || h <= 0
        || wHidden.dim(1) != g3
        || wInput.rank() != 2
        || wInput.dim(0) != x.dim(1)
        || wInput.dim(1) != g3
        || bInput.rank() != 1
        || bInput.dim(0) != g3
        || bHidden.rank() != 1
        || bHidden.dim(0) != g3) {
      throw new IllegalArgumentException(
          "gru needs x [T, in], wInput [in, 3h], wHidden [h, 3h], bInput and bHidden [3h]; got "
              + x.shape
              + ", "
              + wInput.shape
              + ", "
              + wHidden.shape
              + ", "
              + bInput.shape
              + ", "
              + bHidden.shape);
    }
    int rows = x.dim(0), in = x.dim(1);
    PackedSequences.check("gru", offsets, rows);
    boolean track =
        Autograd.enabled()
            && (x.requiresGrad
                || wInput.requiresGrad
                || wHidden.requiresGrad
                || bInput.requiresGrad
                || bHidden.requiresGrad);
    Tensor out = Tensor.empty(Shape.of(rows, h));
    PackedSequences s = PackedSequences.of(offsets);
    float[] gi = Arena.alloc(rows * g3); // x·W_i + b_i, packed rows
    if (rows > 0) {
      MathOps.K.gemm(
          false, false, rows, g3, in, 1f, x.data, 0, in, wInput.data, 0, g3, 0f, gi, 0, g3);
      MathOps.K.addBias(gi, 0, rows, g3, g3, bInput.data, 0);
    }
    // saved: the hidden states in time-major order [T, h], then r, z, n and h·W_hn + b_hn per
    // time-major row [T, 4h] (gates only when recording)
    float[] saved = Arena.alloc(rows * (track ? 5 * h : h));
    float[] gh = Arena.alloc(s.active * g3); // h·W_h + b_h of one step's rows
    float[] y = out.data, bh = bHidden.data;
    int gates = rows * h;
    for (int t = 0; t < s.steps; t++) {
      int active = s.batch[t], row0 = s.start[t], prev0 = t == 0 ? -1 : s.start[t - 1];
      if (t == 0) {
        for (int k = 0; k < active; k++) System.arraycopy(bh, 0, gh, k * g3, g3);
      } else if (active <= FEW_ROWS || !track) {
        // without recording (scoring) always the row-by-row kernel: a sequence's scores then do not
        // depend, even in the last bit, on which other sequences share its batch
        MathOps.K.denseLayer(saved, prev0 * h, active, h, wHidden.data, 0, bh, 0, false, gh, 0, g3);
      } else {
        MathOps.K.gemm(
            false,
            false,
            active,
            g3,
            h,
            1f,
            saved,
            prev0 * h,
            h,
            wHidden.data,
            0,
            g3,
            0f,
            gh,
            0,
            g3);
        MathOps.K.addBias(gh, 0, active, g3, g3, bh, 0);
      }
      for (int k = 0; k < active; k++) {
        int packed = offsets[s.order[k]] + t, tm = row0 + k;
        int io = packed * g3, ho = k * g3, po = (prev0 + k) * h, so = gates + tm * 4 * h;
        for (int j = 0; j < h; j++) {
          float r = sigmoid(gi[io + j] + gh[ho + j]);
          float z = sigmoid(gi[io + h + j] + gh[ho + h + j]);
          float hn = gh[ho + 2 * h + j];
          float n = tanh(gi[io + 2 * h + j] + r * hn);
          float hp = t == 0 ? 0f : saved[po + j];
          float v = (1f - z) * n + z * hp;
          saved[tm * h + j] = v;
          y[packed * h + j] = v;
          if (track) {
            saved[so + j] = r;
            saved[so + h + j] = z;
            saved[so + 2 * h + j] = n;
            saved[so + 3 * h + j] = hn;
          }
        }
      }
    }
    Node node = Autograd.record(out, Op.GRU, x, wInput, wHidden, bInput, bHidden);
    if (node != null) {
      node.ints = offsets;
      node.aux = saved;
    }
    return out;
  }

  /**
   * Up to this many rows, a step's recurrent product {@code h·W_h} runs as {@link
   * org.rec4j.tensor.kernel.Kernels#denseLayer} (no packing, bias fused) rather than as a gemm,
   * whose fixed cost of packing {@code W_h} dominates for a handful of rows — the long tail of
   * steps where only the longest sequences are still running (backward likewise with {@code W_hᵀ}).
   */
  static final int FEW_ROWS = 16;

  /** σ(x) = 1/(1 + e<sup>−x</sup>) in double; saturates to 0 or 1 without overflow trouble. */
  private static float sigmoid(float x) {
    return (float) (1 / (1 + Math.exp(-(double) x)));
  }

  /**
   * tanh(x) = 1 − 2/(e<sup>2x</sup> + 1) in double: with the {@code Math.exp} intrinsic about three
   * times faster than {@link Math#tanh}; saturates to ±1, and its absolute error stays below ~1e-16
   * (so only values below ~1e-8 in magnitude, negligible next to a hidden state, lose relative
   * precision).
   */
  private static float tanh(float x) {
    return (float) (1 - 2 / (Math.exp(2.0 * x) + 1));
  }

  /**
   * Scaled dot-product attention softmax(q·kᵀ/√d + mask)·v (Vaswani et al. 2017) for q {@code [B,
   * Lq, d]}, k {@code [B, Lk, d]}, v {@code [B, Lk, dv]}. {@code mask} (may be {@code null}) has
   * the trailing shape of the scores ({@code [Lq, Lk]} or {@code [B, Lq, Lk]}); non-zero entries
   * are excluded. Fully masked rows get a uniform distribution instead of NaN. Composed from
   * primitives, so its gradient needs no rule of its own.
   */
  public static Tensor attention(
      Tensor q, Tensor k, Tensor v, Tensor mask, float dropout, boolean training, Rng rng) {
    int d = q.dim(-1);
    Tensor scores = MathOps.mulScalar(LinAlg.bmm(q, k, false, true), (float) (1 / Math.sqrt(d)));
    if (mask != null) scores = IndexOps.maskedFill(scores, mask, -1e9f);
    Tensor p = ReduceOps.softmax(scores, -1);
    if (dropout > 0) p = NnOps.dropout(p, dropout, training, rng);
    return LinAlg.bmm(p, v, false, false);
  }
}
