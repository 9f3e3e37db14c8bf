package org.rec4j.train;

import java.util.List;
import java.util.Locale;
import org.rec4j.nn.Parameter;

/**
 * Declares a run diverged ({@link Trainer.Context#diverged}, which makes {@link Trainer#fit} throw
 * a {@link DivergenceException}) when
 *
 * <ul>
 *   <li>a batch loss is NaN or infinite;
 *   <li>a batch loss exceeds {@value #LOSS_GROWTH} times the first batch's (floored at 1, so a
 *       near-zero first loss does not make every later one look like an explosion): training that
 *       works lowers the loss, it never multiplies it by ten thousand;
 *   <li>after the last batch of an epoch (before its validation), a weight is NaN, infinite or
 *       larger in magnitude than {@value #WEIGHT_LIMIT} — no working recommender comes near that,
 *       and the product of two such weights overflows float32 (max 3.4e38), so every score built
 *       from them is garbage even while it still prints as a finite number.
 * </ul>
 *
 * <p>The loss test alone misses divergence in two ways: a single step with a huge learning rate can
 * blow the weights up after the last loss was measured, and bounded losses hide it (BCE clamps its
 * probabilities, so its loss never exceeds about 16 however large the logits grow); the weight scan
 * catches both. The advice is always to lower the learning rate, the usual cause.
 */
public final class DivergenceGuard implements TrainingListener {
  /**
   * How many times the first batch's loss (floored at 1) a batch loss may reach before the run
   * counts as diverged.
   */
  public static final double LOSS_GROWTH = 1e4;

  /** The largest weight magnitude a run may end an epoch with. */
  public static final double WEIGHT_LIMIT = 1e18;

  private double first = Double.NaN;

  @Override
  public void onStart(Trainer.Context ctx) {
    first = Double.NaN;
  }

  @Override
  public void onBatchEnd(Trainer.Context ctx, int epoch, int batch, int batches, float loss) {
    // no allocation unless the run diverged: this runs after every batch of a loop that allocates
    // nothing per batch
    if (!Float.isFinite(loss)) {
      String where = "epoch " + epoch + ", batch " + batch + "/" + batches;
      ctx.diverged(
          "training diverged at "
              + where
              + ": the loss is "
              + loss
              + (Double.isNaN(first) ? "" : " (first batch " + fmt(first) + ")")
              + advice(ctx)
              + ", or check the data for NaN");
    } else if (Double.isNaN(first)) {
      first = loss;
    } else if (loss > LOSS_GROWTH * Math.max(first, 1.0)) {
      String where = "epoch " + epoch + ", batch " + batch + "/" + batches;
      ctx.diverged(
          "training diverged at "
              + where
              + ": the loss exploded to "
              + fmt(loss)
              + " from "
              + fmt(first)
              + " at the first batch"
              + advice(ctx));
    }
    if (batch == batches)
      scanWeights(ctx, epoch); // before the epoch's validation scores anything with them
  }

  private static void scanWeights(Trainer.Context ctx, int epoch) {
    List<Parameter> params = ctx.parameters();
    for (Parameter p : params) {
      float[] w = p.value().data();
      for (int i = 0; i < w.length; i++) {
        float x = w[i];
        if (!Float.isFinite(x) || Math.abs(x) > WEIGHT_LIMIT) {
          ctx.diverged(
              "training diverged by the end of epoch "
                  + epoch
                  + ": parameter '"
                  + p.name()
                  + "' "
                  + p.value().shape()
                  + " holds"
                  + " "
                  + (Float.isFinite(x) ? fmt(x) + " (beyond +-" + fmt(WEIGHT_LIMIT) + ")" : x)
                  + " at index "
                  + i
                  + advice(ctx));
          return;
        }
      }
    }
  }

  private static String advice(Trainer.Context ctx) {
    return "; lower the learning rate (--lr, now " + ctx.learningRate() + ")";
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.4g", v);
  }
}
