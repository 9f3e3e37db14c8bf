package org.rec4j.data.sample;

import org.rec4j.tensor.Rng;

/**
 * Draws items a user has not interacted with. Implementations are immutable after construction and
 * take the random stream as an argument, so one sampler serves many threads, each with its own
 * {@link Rng#split()} stream.
 */
public interface NegativeSampler {

  /** One negative item for {@code user}. */
  int sample(int user, Rng rng);

  /**
   * Fills {@code out[0..n)} with negatives for {@code user} (drawn independently, repeats
   * possible).
   */
  default void sample(int user, int[] out, int n, Rng rng) {
    for (int k = 0; k < n; k++) {
      out[k] = sample(user, rng);
    }
  }
}
