package org.rec4j.model;

import org.rec4j.data.Interactions;

/**
 * Capability of a model whose scores depend on each user's known item history (sequential models):
 * extend the histories with later interactions without retraining. The experiment appends the
 * validation part before ranking the test part, so the test item is predicted from everything the
 * user did before it, as the sequential papers evaluate.
 */
public interface SequenceHistory {
  /**
   * Appends {@code later}'s interactions (same id space as training) to the users' histories, in
   * time order (timestamps, ties by row order).
   */
  void extendHistories(Interactions later);
}
