package org.rec4j.ctr;

import java.nio.file.Path;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * One CTR experiment: which data, which model, how to train it.
 *
 * @param dataset {@code ml-1m}, {@code ml-100k} or {@code frappe}
 * @param path the data folder (or, for MovieLens, the ratings file)
 * @param model a {@link CtrModels} name
 * @param options model hyper-parameters; Wide&amp;Deep crosses left empty take the task's
 *     suggestion
 * @param trainer epochs, batch, optimizer, learning rate, L2, seed and early stopping (monitor
 *     {@code auc}, {@code logloss} or {@code gauc} on the validation set); its objective and
 *     negatives are not used — the CTR loss is always binary cross-entropy with logits on the
 *     task's labels
 * @param splitSeed seed of the random train/validation/test split (kept apart from the training
 *     seed so that several training seeds see the same split)
 */
public record CtrConfig(
    String dataset,
    Path path,
    String model,
    CtrModels.Options options,
    TrainerConfig trainer,
    long splitSeed) {
  /** Validates every field. */
  public CtrConfig {
    if (dataset == null || path == null)
      throw new IllegalArgumentException("dataset and path must be set");
    if (model == null)
      throw new IllegalArgumentException("model must be set; expected one of " + CtrModels.names());
    if (options == null || trainer == null)
      throw new IllegalArgumentException("options and trainer must be set");
  }

  /**
   * CTR training defaults: Adam at 1e-3, batch 1024, L2 1e-6 on touched rows, at most {@code
   * epochs} epochs with early stopping on validation AUC (patience 2, best epoch restored), seed
   * 42.
   */
  public static TrainerConfig trainerDefaults(int epochs) {
    return new TrainerConfig(
        epochs, 1024, 1e-3, OptimizerKind.ADAM, 1e-6f, Objective.BCE, 1, 42, 1, 1, "auc", 2, true);
  }

  /**
   * A configuration with {@link CtrModels.Options#defaults()}, {@link #trainerDefaults} and split
   * seed 2026.
   */
  public static CtrConfig of(String dataset, Path path, String model, int epochs) {
    return new CtrConfig(
        dataset, path, model, CtrModels.Options.defaults(), trainerDefaults(epochs), 2026);
  }
}
