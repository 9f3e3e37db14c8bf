package org.rec4j.loss;

import java.util.List;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Tensor;

/**
 * Combines the scalar losses of several tasks (e.g. click and conversion in ESMM/MMoE/PLE models)
 * into one training objective. Some combinations learn their own weights; {@link #parameters()}
 * exposes them so the optimizer trains them with the model.
 */
public interface MultiTaskLoss {
  /** The combined objective of one scalar loss per task, in task order. */
  Tensor combine(Tensor... taskLosses);

  /** The combination's own trainable parameters (empty if it has none). */
  List<Parameter> parameters();

  /** Number of tasks. */
  int tasks();
}
