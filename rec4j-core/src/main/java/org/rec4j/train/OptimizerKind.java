package org.rec4j.train;

import java.util.List;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.AdaGrad;
import org.rec4j.optim.Adam;
import org.rec4j.optim.AdamW;
import org.rec4j.optim.Ftrl;
import org.rec4j.optim.Optimizer;
import org.rec4j.optim.OptimizerConfig;
import org.rec4j.optim.Regularizer;
import org.rec4j.optim.RmsProp;
import org.rec4j.optim.Sgd;

/**
 * The optimizers a training configuration can name, with the library defaults for their other
 * settings. Adam and AdamW update embedding rows lazily but {@linkplain
 * org.rec4j.optim.Adam#catchUpSkippedRows catch up} the steps a row skipped, approximating the
 * dense Adam that published results (NCF, PyTorch baselines) were trained with.
 */
public enum OptimizerKind {
  ADAM,
  ADAMW,
  SGD,
  ADAGRAD,
  RMSPROP,
  FTRL;

  /**
   * This optimizer's library-default configuration at learning rate {@code lr} ({@code l2} for
   * AdamW and FTRL).
   */
  public OptimizerConfig config(double lr, float l2) {
    return switch (this) {
      case ADAM -> Adam.Config.defaults(lr);
      case ADAMW -> new AdamW.Config(lr, 0.9, 0.999, 1e-8, l2);
      case SGD -> Sgd.Config.plain(lr);
      case ADAGRAD -> AdaGrad.Config.defaults(lr);
      case RMSPROP -> RmsProp.Config.defaults(lr);
      case FTRL -> new Ftrl.Config(lr, 1.0, 0.0, l2);
    };
  }

  /**
   * Builds the optimizer over {@code params}; {@code l2} is a coupled L2 penalty, except for AdamW
   * (decoupled decay) and FTRL (its own L2), which take it in their configuration.
   */
  public Optimizer create(List<Parameter> params, double lr, float l2) {
    boolean coupled = this != ADAMW && this != FTRL && l2 > 0;
    Optimizer o = config(lr, l2).build(params, coupled ? Regularizer.l2(l2) : Regularizer.none());
    if (o instanceof Adam a) a.catchUpSkippedRows(true);
    if (o instanceof AdamW a) a.catchUpSkippedRows(true);
    return o;
  }

  /** Parses a case-insensitive name, listing the valid ones on error. */
  public static OptimizerKind of(String name) {
    for (OptimizerKind k : values()) if (k.name().equalsIgnoreCase(name)) return k;
    throw new IllegalArgumentException(
        "unknown optimizer '"
            + name
            + "'; expected one of adam, adamw, sgd, adagrad, rmsprop, ftrl");
  }
}
