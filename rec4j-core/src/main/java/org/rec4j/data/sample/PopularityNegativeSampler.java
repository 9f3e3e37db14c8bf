package org.rec4j.data.sample;

import org.rec4j.data.Interactions;
import org.rec4j.tensor.Rng;

/**
 * Negatives drawn with probability proportional to {@code count(item)^alpha} among the items the
 * user has not interacted with ({@code alpha = 0} is uniform over items with at least one
 * interaction, word2vec uses 0.75). Popularity counts come from the given training interactions;
 * draws use an {@link AliasTable} (O(1)) and reject the user's positives. Items never interacted
 * with have weight 0 and are never drawn (unless {@code smoothing > 0} is added to every count).
 */
public final class PopularityNegativeSampler implements NegativeSampler {
  private static final int MAX_REJECTIONS = 10_000;

  private final AliasTable table;
  private final UniformNegativeSampler exclusion;

  /** A sampler with exponent {@code alpha} and additive {@code smoothing} on counts. */
  public PopularityNegativeSampler(Interactions train, double alpha, double smoothing) {
    if (!(alpha >= 0) || !(smoothing >= 0)) {
      throw new IllegalArgumentException(
          "alpha and smoothing must be >= 0, got " + alpha + ", " + smoothing);
    }
    double[] w = new double[train.numItems()];
    for (int r = 0; r < train.size(); r++) {
      w[train.item(r)]++;
    }
    for (int i = 0; i < w.length; i++) {
      double c = w[i] + smoothing;
      w[i] = c == 0 ? 0 : Math.pow(c, alpha);
    }
    this.table = new AliasTable(w);
    this.exclusion = new UniformNegativeSampler(train);
  }

  @Override
  public int sample(int user, Rng rng) {
    for (int k = 0; k < MAX_REJECTIONS; k++) {
      int i = table.sample(rng);
      if (!exclusion.isPositive(user, i)) {
        return i;
      }
    }
    throw new IllegalStateException(
        "user "
            + user
            + ": no popular item outside the user's positives found in "
            + MAX_REJECTIONS
            + " draws");
  }
}
