package org.rec4j.nn;

import java.util.Arrays;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Fills a tensor in place with initial values drawn from a seeded {@link Rng}, so that the same
 * seed always gives the same weights.
 *
 * <p><b>Fan conventions.</b> rec4j stores dense weights as {@code W [in, out]} (the layer computes
 * {@code x·W}), so for a rank-2 tensor {@code fanIn = dims[0]} and {@code fanOut = dims[1]} — the
 * transpose of PyTorch's {@code [out, in]} layout, with the same resulting scales. A rank-1 tensor
 * has {@code fanIn = fanOut = dims[0]}; for rank &gt; 2 the trailing axes are a receptive field
 * whose size multiplies both fans. See {@link #fans(int...)}.
 *
 * <p>The variance-scaling schemes are those of Glorot &amp; Bengio, "Understanding the difficulty
 * of training deep feedforward neural networks" (AISTATS 2010) and He et al., "Delving Deep into
 * Rectifiers" (ICCV 2015).
 */
@FunctionalInterface
public interface Initializer {

  /** Overwrites every element of {@code t} (bypassing autodiff); returns {@code t}. */
  Tensor fill(Tensor t, Rng rng);

  /** A new tensor of the given shape filled by this initializer. */
  default Tensor create(Rng rng, int... dims) {
    return fill(Tensor.zeros(dims), rng);
  }

  /**
   * Xavier/Glorot uniform: U(−a, a) with {@code a = √(6 / (fanIn + fanOut))}, so Var = 2 / (fanIn +
   * fanOut).
   */
  static Initializer xavierUniform() {
    return (t, rng) -> {
      int[] f = fans(t.dims());
      return uniform(t, rng, (float) Math.sqrt(6.0 / (f[0] + f[1])));
    };
  }

  /** Xavier/Glorot normal: N(0, σ²) with {@code σ = √(2 / (fanIn + fanOut))}. */
  static Initializer xavierNormal() {
    return (t, rng) -> {
      int[] f = fans(t.dims());
      return gaussian(t, rng, Math.sqrt(2.0 / (f[0] + f[1])), Double.POSITIVE_INFINITY);
    };
  }

  /**
   * He/Kaiming uniform for ReLU layers (fan-in mode, gain √2): U(−a, a) with {@code a = √(6 /
   * fanIn)}, so Var = 2 / fanIn.
   */
  static Initializer heUniform() {
    return (t, rng) -> uniform(t, rng, (float) Math.sqrt(6.0 / fans(t.dims())[0]));
  }

  /**
   * He/Kaiming normal for ReLU layers (fan-in mode, gain √2): N(0, σ²) with {@code σ = √(2 /
   * fanIn)}.
   */
  static Initializer heNormal() {
    return (t, rng) ->
        gaussian(t, rng, Math.sqrt(2.0 / fans(t.dims())[0]), Double.POSITIVE_INFINITY);
  }

  /** N(0, std²). */
  static Initializer normal(float std) {
    checkStd(std);
    return (t, rng) -> gaussian(t, rng, std, Double.POSITIVE_INFINITY);
  }

  /**
   * N(0, std²) truncated to [−2·std, 2·std] by resampling every draw that falls outside (as BERT
   * initializes its weights). {@code std} is that of the untruncated normal; the truncated values
   * have standard deviation ≈ 0.88·std.
   */
  static Initializer truncatedNormal(float std) {
    checkStd(std);
    return (t, rng) -> gaussian(t, rng, std, 2.0);
  }

  /** U(lo, hi). */
  static Initializer uniform(float lo, float hi) {
    if (!(lo < hi))
      throw new IllegalArgumentException(
          "uniform initializer needs lo < hi, got [" + lo + ", " + hi + ")");
    return (t, rng) -> {
      float[] d = t.data();
      for (int i = 0; i < d.length; i++) d[i] = lo + (hi - lo) * rng.nextFloat();
      return t;
    };
  }

  /** All zeros (draws nothing from the stream). */
  static Initializer zeros() {
    return constant(0f);
  }

  /** All ones (draws nothing from the stream). */
  static Initializer ones() {
    return constant(1f);
  }

  /** Every element set to {@code v} (draws nothing from the stream). */
  static Initializer constant(float v) {
    return (t, rng) -> {
      Arrays.fill(t.data(), v);
      return t;
    };
  }

  /**
   * {@code {fanIn, fanOut}} for a tensor of the given dimensions stored as {@code [in, out,
   * receptive...]}: rank 1 gives {@code {d0, d0}}, rank ≥ 2 gives {@code {d0·r, d1·r}} with {@code
   * r} the product of the axes after the second.
   */
  static int[] fans(int... dims) {
    if (dims.length == 0)
      throw new IllegalArgumentException("fan-in/fan-out need a tensor of rank >= 1, got a scalar");
    if (dims.length == 1) return new int[] {dims[0], dims[0]};
    int receptive = 1;
    for (int i = 2; i < dims.length; i++) receptive *= dims[i];
    return new int[] {dims[0] * receptive, dims[1] * receptive};
  }

  private static Tensor uniform(Tensor t, Rng rng, float bound) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) d[i] = (2f * rng.nextFloat() - 1f) * bound;
    return t;
  }

  /** N(0, std²) with every standard draw beyond ±{@code limit} resampled. */
  private static Tensor gaussian(Tensor t, Rng rng, double std, double limit) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++) {
      double z;
      do {
        z = rng.nextGaussian();
      } while (Math.abs(z) > limit);
      d[i] = (float) (z * std);
    }
    return t;
  }

  private static void checkStd(float std) {
    if (!(std >= 0) || Float.isInfinite(std)) {
      throw new IllegalArgumentException("standard deviation must be finite and >= 0, got " + std);
    }
  }
}
