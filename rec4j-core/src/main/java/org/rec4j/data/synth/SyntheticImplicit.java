package org.rec4j.data.synth;

import java.util.Arrays;
import java.util.List;
import org.rec4j.data.Dataset;
import org.rec4j.data.FeatureSchema;
import org.rec4j.data.FeatureSpec;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.tensor.Rng;

/**
 * Implicit feedback with planted structure, so that every model family has a meaningful default and
 * tests have a known answer.
 *
 * <p><b>Preference.</b> User and item vectors {@code p_u, q_i ~ N(0, I/rank)}; item popularity bias
 * {@code b_i = skew · log(1 / (rank_i + 1))} for a random popularity order (Zipf-like). The true
 * score is {@code s(u,i) = 3·tanh(2·p_u·q_i) + b_i} — low rank, passed through a nonlinearity, plus
 * a popularity skew. {@link Result#knownTop()} holds each user's {@code topK} items by true score:
 * what a good model should rank high.
 *
 * <p><b>Sequences.</b> Every item has a planted successor (a random permutation). A user's history
 * is built in time order: the first item is a preference draw (softmax of {@code s(u,·)}), then
 * each next item is, with probability {@code transition}, the successor of the previous one (if not
 * yet seen), else another preference draw. Items within a history are distinct. Timestamps increase
 * by one hour per step.
 *
 * <p><b>Item features.</b> {@code category} = the index of the largest coordinate of {@code q_i}
 * modulo {@code categories} (so it correlates with preference), {@code title} = text of two
 * category words and one item word, {@code image} = a random linear map of {@code q_i} plus noise
 * ({@code imageDim} floats): a stand-in for a precomputed image embedding.
 */
public final class SyntheticImplicit {
  private static final long T0 = 1_600_000_000L;

  /**
   * Generator settings.
   *
   * @param users number of users
   * @param items number of items
   * @param rank latent dimension
   * @param minPerUser fewest interactions per user
   * @param maxPerUser most interactions per user (<= items)
   * @param skew popularity skew (0 = none)
   * @param transition probability of following the planted successor
   * @param topK size of the known-answer set per user
   * @param categories number of item categories
   * @param imageDim length of the dense item vector
   * @param seed the seed every draw flows from
   */
  public record Config(
      int users,
      int items,
      int rank,
      int minPerUser,
      int maxPerUser,
      double skew,
      double transition,
      int topK,
      int categories,
      int imageDim,
      long seed) {
    /** Validates every field. */
    public Config {
      if (users < 1 || items < 2 || rank < 1 || categories < 1 || imageDim < 1) {
        throw new IllegalArgumentException(
            "users >= 1, items >= 2, rank, categories, imageDim >= 1 required");
      }
      if (minPerUser < 1 || maxPerUser < minPerUser || maxPerUser > items) {
        throw new IllegalArgumentException(
            "need 1 <= minPerUser <= maxPerUser <= items, got "
                + minPerUser
                + ", "
                + maxPerUser
                + ", "
                + items);
      }
      if (topK < 1 || topK > items) {
        throw new IllegalArgumentException("topK must be in [1, items], got " + topK);
      }
      if (!(skew >= 0) || !(transition >= 0 && transition <= 1)) {
        throw new IllegalArgumentException("skew must be >= 0 and transition in [0, 1]");
      }
    }

    /**
     * 1000 users, 500 items, rank 8, 10–40 per user, skew 1, transition 0.5, top 10, 12 categories,
     * 16-dim.
     */
    public static Config defaults() {
      return new Config(1000, 500, 8, 10, 40, 1.0, 0.5, 10, 12, 16, 42);
    }
  }

  /**
   * The generated data and its planted answers.
   *
   * @param dataset interactions (value 1, chronological timestamps) and item features
   * @param knownTop per user, the {@code topK} items by true score, best first
   * @param successor the planted next item of each item
   */
  public record Result(Dataset dataset, int[][] knownTop, int[] successor) {}

  private SyntheticImplicit() {}

  /** Generates the data set. */
  public static Result generate(Config c) {
    Rng rng = new Rng(c.seed());
    double[][] p = gaussian(c.users(), c.rank(), 1 / Math.sqrt(c.rank()), rng);
    double[][] q = gaussian(c.items(), c.rank(), 1 / Math.sqrt(c.rank()), rng);
    int[] order = identity(c.items());
    rng.shuffle(order, order.length);
    double[] bias = new double[c.items()];
    for (int r = 0; r < order.length; r++) {
      bias[order[r]] = c.skew() * Math.log(1.0 / (r + 1));
    }
    int[] successor = identity(c.items());
    rng.shuffle(successor, successor.length);
    IdIndex users = IdIndex.range(c.users());
    IdIndex items = IdIndex.range(c.items());
    InteractionsBuilder b = Interactions.builder(users, items);
    int[][] top = new int[c.users()][];
    double[] score = new double[c.items()];
    double[] cdf = new double[c.items()];
    for (int u = 0; u < c.users(); u++) {
      double max = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < c.items(); i++) {
        score[i] = 3 * Math.tanh(2 * dot(p[u], q[i])) + bias[i];
        max = Math.max(max, score[i]);
      }
      top[u] = topK(score, c.topK());
      double acc = 0;
      for (int i = 0; i < c.items(); i++) {
        acc += Math.exp(score[i] - max);
        cdf[i] = acc;
      }
      int n = c.minPerUser() + rng.nextInt(c.maxPerUser() - c.minPerUser() + 1);
      boolean[] seen = new boolean[c.items()];
      int prev = -1;
      for (int k = 0; k < n; k++) {
        int next =
            prev >= 0 && rng.nextDouble() < c.transition() && !seen[successor[prev]]
                ? successor[prev]
                : draw(cdf, seen, rng);
        seen[next] = true;
        b.add(u, next, 1f, T0 + 3600L * (u * (long) c.maxPerUser() + k));
        prev = next;
      }
    }
    FeatureTable features = itemFeatures(c, q, rng);
    Dataset ds =
        new Dataset("synthetic:implicit", b.build(), null, features, null, null, List.of());
    return new Result(ds, top, successor);
  }

  private static FeatureTable itemFeatures(Config c, double[][] q, Rng rng) {
    FeatureSchema schema =
        FeatureSchema.of(
            FeatureSpec.categorical("category"),
            FeatureSpec.text("title", 1),
            FeatureSpec.dense("image", c.imageDim()));
    FeatureTable.Builder f = FeatureTable.builder(schema, c.items());
    double[][] proj = gaussian(c.imageDim(), c.rank(), 1, rng);
    for (int i = 0; i < c.items(); i++) {
      int arg = 0;
      for (int k = 1; k < c.rank(); k++) {
        if (q[i][k] > q[i][arg]) {
          arg = k;
        }
      }
      int cat = arg % c.categories();
      StringBuilder image = new StringBuilder();
      for (int d = 0; d < c.imageDim(); d++) {
        image
            .append(d == 0 ? "" : " ")
            .append((float) (dot(proj[d], q[i]) + 0.1 * rng.nextGaussian()));
      }
      f.set(i, "category", "c" + cat)
          .set(i, "title", "genre" + cat + " style" + cat + " item" + i)
          .set(i, "image", image.toString());
    }
    return f.build();
  }

  private static int draw(double[] cdf, boolean[] seen, Rng rng) {
    double total = cdf[cdf.length - 1];
    for (int tries = 0; tries < 1000; tries++) {
      int i = Arrays.binarySearch(cdf, rng.nextDouble() * total);
      i = i >= 0 ? i : -i - 1;
      i = Math.min(i, cdf.length - 1);
      if (!seen[i]) {
        return i;
      }
    }
    int start =
        rng.nextInt(seen.length); // the unseen items carry almost no mass: take the next unseen one
    for (int k = 0; k < seen.length; k++) {
      int i = (start + k) % seen.length;
      if (!seen[i]) {
        return i;
      }
    }
    throw new IllegalStateException("every item already seen");
  }

  private static int[] topK(double[] score, int k) {
    Integer[] idx = new Integer[score.length];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    Arrays.sort(
        idx,
        (a, b) ->
            a.equals(b)
                ? 0
                : score[b] != score[a]
                    ? Double.compare(score[b], score[a])
                    : Integer.compare(a, b));
    int[] out = new int[k];
    for (int j = 0; j < k; j++) {
      out[j] = idx[j];
    }
    return out;
  }

  private static double[][] gaussian(int rows, int cols, double std, Rng rng) {
    double[][] m = new double[rows][cols];
    for (double[] row : m) {
      for (int k = 0; k < cols; k++) {
        row[k] = rng.nextGaussian() * std;
      }
    }
    return m;
  }

  private static int[] identity(int n) {
    int[] a = new int[n];
    Arrays.setAll(a, i -> i);
    return a;
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int k = 0; k < a.length; k++) {
      s += a[k] * b[k];
    }
    return s;
  }
}
