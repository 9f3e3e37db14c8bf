package org.rec4j.train;

/**
 * Stops when the monitored validation metric has not improved for {@code patience} validations, and
 * records the best epoch. With {@code restoreBest}, snapshots the parameters at each improvement
 * and restores the best ones at the end (best-checkpoint restore).
 */
public final class EarlyStopping implements TrainingListener {
  private final String metric;
  private final boolean minimize;
  private final int patience;
  private final boolean restoreBest;
  private float[][] best;
  private double bestValue = Double.NaN;
  private int bestEpoch = -1;
  private int bad;

  /**
   * Watches {@code metric} ({@code minimize} if lower is better). Patience 0 never stops, only
   * tracks the best.
   */
  public EarlyStopping(String metric, boolean minimize, int patience, boolean restoreBest) {
    this.metric = metric;
    this.minimize = minimize;
    this.patience = patience;
    this.restoreBest = restoreBest;
  }

  @Override
  public void onEpochEnd(Trainer.Context ctx, EpochStats stats) {
    Double v = stats.validation().get(metric);
    if (v == null) {
      if (!stats.validation().isEmpty()) {
        throw new IllegalArgumentException(
            "monitored metric '"
                + metric
                + "' is not among the validation metrics "
                + stats.validation().keySet());
      }
      return;
    }
    boolean better = bestEpoch < 0 || (minimize ? v < bestValue : v > bestValue);
    if (better) {
      bestValue = v;
      bestEpoch = stats.epoch();
      bad = 0;
      if (restoreBest) best = ctx.snapshot();
    } else if (patience > 0 && ++bad >= patience) {
      ctx.requestStop(
          "early stop: "
              + metric
              + " did not improve for "
              + patience
              + " validations (best "
              + bestValue
              + " at epoch "
              + bestEpoch
              + ")");
    }
  }

  @Override
  public void onEnd(Trainer.Context ctx, TrainingHistory history) {
    if (restoreBest && best != null) ctx.restore(best);
  }

  /** The best epoch so far (or −1). */
  public int bestEpoch() {
    return bestEpoch;
  }

  /** The best value so far (NaN before the first validation). */
  public double bestValue() {
    return bestValue;
  }
}
