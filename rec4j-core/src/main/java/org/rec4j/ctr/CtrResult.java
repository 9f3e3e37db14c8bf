package org.rec4j.ctr;

import java.util.Locale;
import java.util.Map;
import org.rec4j.train.TrainingHistory;

/**
 * What a CTR experiment measured.
 *
 * @param model registry name
 * @param dataset task name
 * @param test test-set metrics {@code auc}, {@code logloss}, {@code gauc} of the restored best
 *     epoch
 * @param valid validation metrics of the same model
 * @param history per-epoch training record
 * @param parameters number of scalar parameters
 */
public record CtrResult(
    String model,
    String dataset,
    Map<String, Double> test,
    Map<String, Double> valid,
    TrainingHistory history,
    long parameters) {
  /** Copies the maps. */
  public CtrResult {
    test = Map.copyOf(test);
    valid = Map.copyOf(valid);
  }

  /** Seconds spent in training loops. */
  public double trainSeconds() {
    return history.trainSeconds();
  }

  /** Mean training seconds per epoch. */
  public double secondsPerEpoch() {
    return history.epochs().isEmpty() ? 0 : trainSeconds() / history.epochs().size();
  }

  /**
   * One JSON object: model, dataset, auc, logloss, gauc, train_seconds, seconds_per_epoch, epochs,
   * best_epoch, parameters.
   */
  public String toJson() {
    return String.format(
        Locale.ROOT,
        "{\"model\":\"%s\",\"dataset\":\"%s\",\"auc\":%.5f,\"logloss\":%.5f,\"gauc\":%.5f,\"train_seconds\":%.2f,"
            + "\"seconds_per_epoch\":%.2f,\"epochs\":%d,\"best_epoch\":%d,\"parameters\":%d}",
        model,
        dataset,
        test.get("auc"),
        test.get("logloss"),
        test.get("gauc"),
        trainSeconds(),
        secondsPerEpoch(),
        history.epochs().size(),
        history.bestEpoch(),
        parameters);
  }
}
