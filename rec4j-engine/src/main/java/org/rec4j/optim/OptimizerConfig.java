package org.rec4j.optim;

import java.util.List;
import org.rec4j.nn.Parameter;

/**
 * The hyper-parameters of one optimizer, as the nested {@code Config} record of its class, so that
 * a training config can hold "which optimizer, with what settings" as a single validated value and
 * build it once the model's parameters exist:
 *
 * <pre>{@code
 * OptimizerConfig spec = Adam.Config.defaults(1e-3);       // from the resolved training config
 * Optimizer opt = spec.build(model.parameters(), Regularizer.l2(1e-5f));
 * }</pre>
 */
public sealed interface OptimizerConfig
    permits Sgd.Config, Adam.Config, AdamW.Config, AdaGrad.Config, RmsProp.Config, Ftrl.Config {
  /**
   * The optimizer these settings describe, over {@code params}, adding {@code regularizer}'s
   * gradient.
   *
   * @throws IllegalArgumentException if the optimizer cannot take a regularizer (FTRL has its own
   *     L1/L2)
   */
  Optimizer build(List<Parameter> params, Regularizer regularizer);

  /** The optimizer over {@code params} without regularization. */
  default Optimizer build(List<Parameter> params) {
    return build(params, Regularizer.none());
  }
}
