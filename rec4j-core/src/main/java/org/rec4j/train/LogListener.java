package org.rec4j.train;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/**
 * Prints one line per epoch (loss, validation metrics, seconds, throughput, and the learning rate
 * at the epoch's end once a schedule has moved it): the quiet logging used in CI.
 */
public final class LogListener implements TrainingListener {
  private final PrintStream out;
  private final String prefix;
  private double startLr = Double.NaN;

  /** Logs to {@code out}, each line starting with {@code prefix}. */
  public LogListener(PrintStream out, String prefix) {
    this.out = out;
    this.prefix = prefix;
  }

  @Override
  public void onStart(Trainer.Context ctx) {
    startLr = ctx.learningRate();
  }

  @Override
  public void onEpochEnd(Trainer.Context ctx, EpochStats s) {
    StringBuilder sb = new StringBuilder(prefix);
    sb.append(String.format(Locale.ROOT, "epoch %d loss %.5f", s.epoch(), s.trainLoss()));
    for (Map.Entry<String, Double> e : s.validation().entrySet()) {
      sb.append(String.format(Locale.ROOT, " %s %.4f", e.getKey(), e.getValue()));
    }
    sb.append(
        String.format(
            Locale.ROOT, " train %.2fs (%.0f samples/s)", s.trainSeconds(), s.samplesPerSecond()));
    if (s.learningRate() != startLr)
      sb.append(String.format(Locale.ROOT, " lr %.3g", s.learningRate()));
    out.println(sb);
  }

  @Override
  public void onEnd(Trainer.Context ctx, TrainingHistory h) {
    if (h.stopReason() != null) out.println(prefix + h.stopReason());
  }
}
