package org.rec4j.tensor;

import java.util.SplittableRandom;

/**
 * The one seeded random source of rec4j. Every random draw (initialization, dropout masks,
 * shuffles, negative samples) flows from an {@code Rng} built from the configured seed, so the same
 * seed and thread count give the same results. {@link #split()} derives independent child streams
 * for worker threads deterministically.
 *
 * <p>Not thread-safe: give each thread its own stream via {@link #split()}.
 */
public final class Rng {
  private final SplittableRandom random;
  private final long seed;
  private double spareGaussian;
  private boolean hasSpare;

  /** A stream seeded with {@code seed}. */
  public Rng(long seed) {
    this.seed = seed;
    this.random = new SplittableRandom(seed);
  }

  private Rng(SplittableRandom random, long seed) {
    this.random = random;
    this.seed = seed;
  }

  /** The seed this stream (or its root) was created with. */
  public long seed() {
    return seed;
  }

  /** A new independent stream; the sequence of splits is itself deterministic. */
  public Rng split() {
    return new Rng(random.split(), seed);
  }

  /** Uniform in [0, 1). */
  public double nextDouble() {
    return random.nextDouble();
  }

  /** Uniform float in [0, 1). */
  public float nextFloat() {
    return (random.nextInt() >>> 8) * 0x1.0p-24f;
  }

  /** Uniform int in [0, bound). */
  public int nextInt(int bound) {
    return random.nextInt(bound);
  }

  /** Uniform long. */
  /**
   * Shuffles {@code a} in place (Fisher–Yates from the end: for i = n−1 … 1, swap a[i] with a[j], j
   * uniform in 0..i), the order every epoch source draws its examples in.
   */
  public void shuffle(int[] a) {
    for (int i = a.length - 1; i > 0; i--) {
      int j = nextInt(i + 1), t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }

  public long nextLong() {
    return random.nextLong();
  }

  /** Standard normal draw (Marsaglia polar method, deterministic given the stream). */
  public double nextGaussian() {
    if (hasSpare) {
      hasSpare = false;
      return spareGaussian;
    }
    double u, v, s;
    do {
      u = random.nextDouble() * 2 - 1;
      v = random.nextDouble() * 2 - 1;
      s = u * u + v * v;
    } while (s >= 1 || s == 0);
    double m = Math.sqrt(-2 * Math.log(s) / s);
    spareGaussian = v * m;
    hasSpare = true;
    return u * m;
  }

  /** Fisher–Yates shuffle of {@code a[0..n)} in place. */
  public void shuffle(int[] a, int n) {
    for (int i = n - 1; i > 0; i--) {
      int j = random.nextInt(i + 1);
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
