package org.rec4j.model;

import java.util.Optional;

/**
 * Capability of a sequential model (SASRec, BERT4Rec, GRU4Rec): score the catalog as the next item
 * after an arbitrary item sequence. Serving asks for it to answer from live events (a user's
 * training history plus the events posted since) and anonymous sessions without retraining, and the
 * experiment uses it to rank the test item after the training history plus the validation item, as
 * the papers do.
 *
 * <p>Items are dense item ids of the model's id space, oldest first. A model reads at most {@link
 * #maxLength()} items: the last ones of a longer sequence. Implementations are thread-safe for
 * concurrent calls (serving scores from several request threads).
 */
public interface SequenceScorer {
  /** The longest history the model reads (its L); longer histories are cut to their last L. */
  int maxLength();

  /** Number of items in the catalog (scores arrays of {@link #scoreNext} have this length). */
  int numItems();

  /**
   * The user's history as the model knows it, oldest first: their training sequence (empty for a
   * user the model never saw, or an id outside {@code [0, numUsers)}).
   */
  int[] history(int user);

  /**
   * The score of every item as the next one after {@code history} (length {@link #numItems()};
   * higher is better). An empty history gives the model's scores with no context (e.g. the
   * positional/bias-only state); callers wanting a popularity fallback check for emptiness first.
   *
   * @throws IllegalArgumentException when an item id is outside {@code [0, numItems)}
   */
  float[] scoreNext(int[] history);

  /**
   * How much each item of {@code history} drove the next-item scores: for attention models, the
   * attention weights the last position gives the items it reads (last block, heads averaged; they
   * sum to 1 over the read items). The array is aligned with {@code history}; items the model did
   * not read (beyond the last {@link #maxLength()}) get 0. Empty for models without attention.
   */
  Optional<float[]> attentionWeights(int[] history);
}
