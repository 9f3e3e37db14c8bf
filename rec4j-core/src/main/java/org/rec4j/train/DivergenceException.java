package org.rec4j.train;

/**
 * Thrown by {@link Trainer#fit} when a {@link TrainingListener} declared the run diverged ({@link
 * Trainer.Context#diverged}): the weights are garbage (non-finite or exploded), so the run fails
 * instead of returning a model that would be evaluated, saved or served. The message is one line:
 * where it happened, what went wrong and what to change.
 */
public final class DivergenceException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** A divergence described by {@code message}. */
  public DivergenceException(String message) {
    super(message);
  }
}
