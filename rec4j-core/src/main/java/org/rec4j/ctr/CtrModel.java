package org.rec4j.ctr;

import java.util.List;
import java.util.Map;
import org.rec4j.loss.BceWithLogitsLoss;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.TrainerConfig;

/**
 * A click-through-rate model over field examples: a differentiable logit per example of a {@link
 * FieldBatch}, its parameters and optimizer groups, and a name.
 */
public interface CtrModel {
  /** The registry name, e.g. {@code deepfm}. */
  String name();

  /**
   * Logits {@code [B]} for the batch (training or evaluation behaviour per {@link #setTraining}).
   */
  Tensor logits(FieldBatch batch);

  /**
   * The training loss of a batch: by default binary cross-entropy with logits on the click labels;
   * multi-task models combine it with their other tasks' losses.
   */
  default Tensor trainingLoss(FieldBatch batch) {
    return new BceWithLogitsLoss()
        .compute(logits(batch), Tensor.wrap(batch.labels(), batch.size()));
  }

  /** Every trainable parameter, in a stable order. */
  List<Parameter> parameters();

  /**
   * Every trainable parameter by dotted path (for state dictionaries), in the order of {@link
   * #parameters()}.
   */
  Map<String, Parameter> namedParameters();

  /** Switches dropout between training and evaluation behaviour. */
  void setTraining(boolean on);

  /**
   * The optimizers, one per parameter group; by default every parameter under the configured
   * optimizer.
   */
  default List<Optimizer> optimizers(TrainerConfig config) {
    return List.of(config.optimizer().create(parameters(), config.learningRate(), config.l2()));
  }
}
