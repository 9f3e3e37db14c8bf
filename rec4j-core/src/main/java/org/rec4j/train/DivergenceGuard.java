package org.rec4j.train;

/**
 * Stops training at the first non-finite batch loss, with advice: a NaN/Inf loss means the step size is too large
 * for this model and data (or the inputs hold NaN), and continuing only spreads NaN through every parameter.
 */
public final class DivergenceGuard implements TrainingListener {
  @Override
  public void onBatchEnd(Trainer.Context ctx, int epoch, int batch, int batches, float loss) {
    if (!Float.isFinite(loss)) {
      ctx.requestStop("diverged: loss is " + loss + " at epoch " + epoch + ", batch " + batch + "/" + batches
          + "; lower the learning rate (now " + ctx.learningRate() + "), add L2, or check the data for NaN");
    }
  }
}
