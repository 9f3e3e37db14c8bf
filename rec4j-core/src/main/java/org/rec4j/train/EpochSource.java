package org.rec4j.train;

import java.util.List;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Rng;

/**
 * What the one {@link Trainer} loop drives: a model's parameters and optimizer groups, the examples
 * of an epoch, and one forward/loss/backward step over a contiguous slice of them. The loop owns
 * everything else (epochs, learning-rate schedule, listeners, validation, timing, history).
 *
 * <p>Two sources exist: the id-based one behind {@link Trainer#fit(Trainable,
 * org.rec4j.data.Interactions, Validator)} ((user, item) pairs with sampled negatives,
 * data-parallel workers) and the field-aware CTR source in {@code org.rec4j.ctr} (batches of
 * categorical, multi-hot and numeric fields). Lifecycle: {@link #parameters()} and {@link
 * #optimizers} once, then per epoch {@link #prepareEpoch} followed by {@link #step}/{@link #update}
 * per mini-batch, then {@link #close()}.
 */
public interface EpochSource extends AutoCloseable {
  /** Every trainable parameter, in a stable order (listeners snapshot and restore them). */
  List<Parameter> parameters();

  /** The optimizers over the parameters, one per parameter group. */
  List<Optimizer> optimizers(TrainerConfig config);

  /** Switches dropout/batch-norm between training and evaluation behaviour. */
  void setTraining(boolean on);

  /**
   * Builds (and shuffles with {@code rng}) the examples of the next epoch; returns how many there
   * are (&gt; 0).
   */
  int prepareEpoch(Rng rng);

  /**
   * Forward, loss and backward over examples {@code [from, from + size)} of the current epoch;
   * gradients are left in the parameters for {@link #update}. Returns the mean loss of the slice
   * (may be non-finite).
   */
  float step(int from, int size);

  /** Applies every optimizer's step after a finite-loss {@link #step}. */
  default void update(List<Optimizer> optimizers) {
    for (Optimizer o : optimizers) o.step();
  }

  /** Releases worker threads or buffers; the default does nothing. */
  @Override
  default void close() {}
}
