package org.rec4j.tensor;

/**
 * Neural-network primitives with their own backward rules (dropout, layer norm, batch norm) and the
 * masked scaled dot-product attention composed from primitives.
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
