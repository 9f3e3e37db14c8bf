package org.rec4j.data.synth;

import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.tensor.Rng;

/**
 * The seed project's explicit-rating generator, kept as the quick-start default. Each user {@code
 * j} gets a latent scalar {@code u_j ~ N(0, scale²)} and each item {@code k} a latent scalar {@code
 * i_k ~ N(0, scale²)}; a user rates a uniformly drawn number in {@code [minPerUser, maxPerUser]} of
 * distinct, uniformly drawn items with
 *
 * <pre>rating = clip(3 + sin(u)·cos(i) + u·i + N(0, noise²), 1, 5)</pre>
 *
 * <p>Reading of the seed's formula: "u" and "i" are these per-entity latent scalars, not the
 * integer ids. The default {@code scale = 1} (rather than a smaller one) makes the learnable part
 * {@code u·i} (variance 1) dominate the noise (variance 0.09), so a model that learns anything
 * beats the global mean clearly. Timestamps are uniform over one year from 2020-09-13 so that
 * temporal splits work. Raw ids are {@code "0".."n-1"}. Everything flows from {@link
 * Config#seed()}.
 *
 * <p>Users and items carry features derived from their latent scalars, so that feature-based (CTR)
 * models have something to learn without downloads: {@code segment} (users) and {@code kind}
 * (items), the latent scalar cut at −1, −0.3, 0.3 and 1 standard deviations into five categories
 * named {@code s0..s4} / {@code k0..k4}, and {@code score} (items), the latent scalar rounded to
 * one decimal, as a number. They are computed after the ratings, so the ratings do not depend on
 * them.
 */
public final class SyntheticRatings {
  private static final long T0 = 1_600_000_000L;
  private static final int YEAR = 365 * 24 * 3600;

  /**
   * Sizes and noise of the generator.
   *
   * @param users number of users (>= 1)
   * @param items number of items (>= maxPerUser)
   * @param minPerUser fewest ratings per user (>= 1)
   * @param maxPerUser most ratings per user
   * @param scale standard deviation of the latent scalars
   * @param noise standard deviation of the rating noise
   * @param seed the seed every draw flows from
   */
  public record Config(
      int users, int items, int minPerUser, int maxPerUser, double scale, double noise, long seed) {
    /** Validates every field. */
    public Config {
      if (users < 1) {
        throw new IllegalArgumentException("users must be >= 1, got " + users);
      }
      if (minPerUser < 1 || maxPerUser < minPerUser) {
        throw new IllegalArgumentException(
            "need 1 <= minPerUser <= maxPerUser, got " + minPerUser + ", " + maxPerUser);
      }
      if (items < maxPerUser) {
        throw new IllegalArgumentException(
            "items (" + items + ") must be >= maxPerUser (" + maxPerUser + ")");
      }
      if (!(scale >= 0) || !(noise >= 0)) {
        throw new IllegalArgumentException(
            "scale and noise must be >= 0, got " + scale + ", " + noise);
      }
    }

    /** 500 users, 300 items, 5–20 ratings each, scale 1, noise 0.3, seed 42. */
    public static Config defaults() {
      return new Config(500, 300, 5, 20, 1.0, 0.3, 42);
    }
  }

  private SyntheticRatings() {}

  /** Generates the data set. */
  public static Dataset generate(Config c) {
    Rng rng = new Rng(c.seed());
    double[] u = new double[c.users()];
    double[] i = new double[c.items()];
    for (int k = 0; k < u.length; k++) {
      u[k] = rng.nextGaussian() * c.scale();
    }
    for (int k = 0; k < i.length; k++) {
      i[k] = rng.nextGaussian() * c.scale();
    }
    IdIndex users = IdIndex.range(c.users());
    IdIndex items = IdIndex.range(c.items());
    InteractionsBuilder b = Interactions.builder(users, items);
    int[] perm = new int[c.items()];
    for (int k = 0; k < perm.length; k++) {
      perm[k] = k;
    }
    for (int j = 0; j < c.users(); j++) {
      int n = c.minPerUser() + rng.nextInt(c.maxPerUser() - c.minPerUser() + 1);
      partialShuffle(perm, n, rng);
      for (int k = 0; k < n; k++) {
        int item = perm[k];
        double r =
            3
                + Math.sin(u[j]) * Math.cos(i[item])
                + u[j] * i[item]
                + rng.nextGaussian() * c.noise();
        b.add(j, item, (float) Math.max(1, Math.min(5, r)), T0 + rng.nextInt(YEAR));
      }
    }
    return new Dataset(
        "synthetic:ratings",
        b.build(),
        features("segment", "s", u, c.scale(), null),
        features("kind", "k", i, c.scale(), "score"),
        null,
        null,
        java.util.List.of());
  }

  private static final double[] CUTS = {-1, -0.3, 0.3, 1};

  /** One categorical feature (the latent scalar's band) and optionally the scalar itself. */
  private static org.rec4j.data.FeatureTable features(
      String band, String prefix, double[] latent, double scale, String numeric) {
    org.rec4j.data.FeatureSchema schema =
        numeric == null
            ? org.rec4j.data.FeatureSchema.of(org.rec4j.data.FeatureSpec.categorical(band))
            : org.rec4j.data.FeatureSchema.of(
                org.rec4j.data.FeatureSpec.categorical(band),
                org.rec4j.data.FeatureSpec.numeric(numeric));
    org.rec4j.data.FeatureTable.Builder t =
        org.rec4j.data.FeatureTable.builder(schema, latent.length);
    for (int r = 0; r < latent.length; r++) {
      int b = 0;
      while (b < CUTS.length && latent[r] > CUTS[b] * Math.max(scale, 1e-9)) b++;
      t.set(r, band, prefix + b);
      if (numeric != null)
        t.set(r, numeric, String.format(java.util.Locale.ROOT, "%.1f", latent[r]));
    }
    return t.build();
  }

  /** Puts a uniform random n-subset of {@code a} into {@code a[0..n)}. */
  static void partialShuffle(int[] a, int n, Rng rng) {
    for (int k = 0; k < n; k++) {
      int j = k + rng.nextInt(a.length - k);
      int t = a[k];
      a[k] = a[j];
      a[j] = t;
    }
  }
}
