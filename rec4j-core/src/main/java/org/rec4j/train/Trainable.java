package org.rec4j.train;

import java.util.List;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Tensor;

/**
 * What the {@link Trainer} needs from an id-based model: a differentiable forward pass over (user,
 * item) pairs and its parameters. The output is a rating for rating objectives and a logit for
 * implicit ones.
 */
public interface Trainable {
  /**
   * Scores {@code users[i]} × {@code items[i]}, shape {@code [B]}. Dropout and batch norm follow
   * the module mode set by {@link #setTraining}.
   */
  Tensor forward(int[] users, int[] items);

  /** Every trainable parameter. */
  List<Parameter> parameters();

  /** Switches dropout/batch-norm between training and evaluation behaviour. */
  void setTraining(boolean on);

  /**
   * The optimizers that update this model's parameters, one per parameter group. The default puts
   * every parameter under the configured optimizer; models with groups (e.g. Wide&amp;Deep's FTRL
   * wide part) override.
   */
  default List<Optimizer> optimizers(TrainerConfig config) {
    return List.of(config.optimizer().create(parameters(), config.learningRate(), config.l2()));
  }

  /**
   * A data-parallel worker copy for thread {@code worker} (≥ 1): same architecture, parameters
   * sharing this model's storage (see {@link org.rec4j.nn.Parameter#shareDataWith}) but with their
   * own gradient buffers, and its own random streams. {@code null} (the default) means the model
   * trains on one thread only.
   */
  default Trainable replica(int worker) {
    return null;
  }
}
