package org.rec4j.optim.schedule;

import org.rec4j.optim.Optimizer;

/**
 * A learning rate as a pure function of schedule time {@code t = 0, 1, 2, …} — epochs or optimizer
 * steps, as the caller chooses (the trainer's config says which). Implementations are stateless and
 * thread-safe, so resuming a run needs only {@code t}.
 */
public interface LrSchedule {
  /**
   * The learning rate at time {@code t >= 0}.
   *
   * @throws IllegalArgumentException if {@code t < 0}
   */
  double lr(long t);

  /**
   * Sets {@code optimizer}'s learning rate to {@link #lr(long) lr(t)}; call before the steps of
   * time {@code t}.
   */
  default void apply(Optimizer optimizer, long t) {
    optimizer.setLearningRate(lr(t));
  }

  /** Throws unless {@code t >= 0}; returns {@code t}. */
  static long checkTime(long t) {
    if (t < 0) throw new IllegalArgumentException("schedule time t must be >= 0, got " + t);
    return t;
  }
}
