package org.rec4j.train;

import java.util.List;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.AdaGrad;
import org.rec4j.optim.Adam;
import org.rec4j.optim.AdamW;
import org.rec4j.optim.Ftrl;
import org.rec4j.optim.Optimizer;
import org.rec4j.optim.Regularizer;
import org.rec4j.optim.RmsProp;
import org.rec4j.optim.Sgd;

/**
 * The optimizers a training configuration can name, with the library defaults for their other settings. Adam and
 * AdamW update embedding rows lazily but {@linkplain org.rec4j.optim.Adam#catchUpSkippedRows catch up} the steps a
 * row skipped, approximating the dense Adam that published results (NCF, PyTorch baselines) were trained with.
 */
public enum OptimizerKind {
  ADAM, ADAMW, SGD, ADAGRAD, RMSPROP, FTRL;

  /** Builds the optimizer over {@code params}; {@code l2} is an L2 penalty (decoupled decay for AdamW). */
  public Optimizer create(List<Parameter> params, double lr, float l2) {
    Regularizer reg = l2 > 0 ? Regularizer.l2(l2) : Regularizer.none();
    return switch (this) {
      case ADAM -> {
        Adam a = new Adam(params, Adam.Config.defaults(lr), reg);
        a.catchUpSkippedRows(true);
        yield a;
      }
      case ADAMW -> {
        AdamW a = new AdamW(params, new AdamW.Config(lr, 0.9, 0.999, 1e-8, l2));
        a.catchUpSkippedRows(true);
        yield a;
      }
      case SGD -> new Sgd(params, Sgd.Config.plain(lr), reg);
      case ADAGRAD -> new AdaGrad(params, AdaGrad.Config.defaults(lr), reg);
      case RMSPROP -> new RmsProp(params, RmsProp.Config.defaults(lr), reg);
      case FTRL -> new Ftrl(params, new Ftrl.Config(lr, 1.0, 0.0, l2));
    };
  }

  /** Parses a case-insensitive name, listing the valid ones on error. */
  public static OptimizerKind of(String name) {
    for (OptimizerKind k : values()) if (k.name().equalsIgnoreCase(name)) return k;
    throw new IllegalArgumentException("unknown optimizer '" + name + "'; expected one of adam, adamw, sgd, adagrad, rmsprop, ftrl");
  }
}
