package org.rec4j.data.sample;

import org.rec4j.tensor.Rng;

/**
 * Hard negatives: draws a pool of {@code poolSize} candidates from a base sampler and returns the
 * one the current model scores highest (dynamic negative sampling, Zhang et al., SIGIR 2013). The
 * scorer is usually a view of the model being trained; thread-safety is then the scorer's concern.
 */
public final class HardNegativeSampler implements NegativeSampler {
  /** Scores one (user, item) pair; higher = more likely to be recommended. */
  @FunctionalInterface
  public interface Scorer {
    /** The score of {@code item} for {@code user}. */
    float score(int user, int item);
  }

  private final NegativeSampler base;
  private final int poolSize;
  private final Scorer scorer;

  /** A sampler picking the best-scored of {@code poolSize} draws from {@code base}. */
  public HardNegativeSampler(NegativeSampler base, int poolSize, Scorer scorer) {
    if (poolSize < 1) {
      throw new IllegalArgumentException("poolSize must be >= 1, got " + poolSize);
    }
    this.base = base;
    this.poolSize = poolSize;
    this.scorer = scorer;
  }

  @Override
  public int sample(int user, Rng rng) {
    int best = base.sample(user, rng);
    float bestScore = scorer.score(user, best);
    for (int k = 1; k < poolSize; k++) {
      int i = base.sample(user, rng);
      float s = scorer.score(user, i);
      if (s > bestScore) {
        best = i;
        bestScore = s;
      }
    }
    return best;
  }
}
