package org.rec4j.ctr;

import java.util.Map;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;
import org.rec4j.train.Validator;

/**
 * Training side of a CTR model (a capability: {@code model.capability(FieldTrainable.class)}): fit
 * on labelled field examples through the one {@link org.rec4j.train.Trainer} loop, and measure AUC,
 * log loss and gAUC on held-out ones. Kept out of the serving contract.
 */
public interface FieldTrainable {
  /** Trains on {@code train}, validating with {@code validator} (may be null). */
  TrainingHistory fit(
      FieldDataset train, Validator validator, TrainerConfig config, TrainingListener... listeners);

  /** {@code auc}, {@code logloss} and {@code gauc} on {@code data}. */
  Map<String, Double> evaluate(FieldDataset data);
}
