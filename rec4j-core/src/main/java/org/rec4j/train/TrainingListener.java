package org.rec4j.train;

/**
 * A plug-in to the single training loop (early stopping, checkpoints, divergence guard, progress,
 * logging). All methods have empty defaults; a listener asks the loop to stop through {@link
 * Trainer.Context#requestStop}.
 */
public interface TrainingListener {
  /** Before the first epoch. */
  default void onStart(Trainer.Context ctx) {}

  /** After each mini-batch with its loss. */
  default void onBatchEnd(Trainer.Context ctx, int epoch, int batch, int batches, float loss) {}

  /** After each epoch (including validation, if it ran). */
  default void onEpochEnd(Trainer.Context ctx, EpochStats stats) {}

  /** After the last epoch. */
  default void onEnd(Trainer.Context ctx, TrainingHistory history) {}
}
