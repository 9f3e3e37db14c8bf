package org.rec4j.cli;

import java.util.Locale;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.rec4j.train.EpochStats;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainingListener;

/**
 * A progress bar per epoch with throughput, loss and ETA on the terminal (progressbar library).
 * Used only when stdout is a terminal and {@code --quiet} is not given; CI logs get the
 * one-line-per-epoch {@code LogListener}.
 */
final class ProgressListener implements TrainingListener {
  private final String label;
  private ProgressBar bar;
  private int epochs;

  ProgressListener(String label) {
    this.label = label;
  }

  /** Whether a live bar makes sense: an interactive terminal. */
  static boolean interactive() {
    java.io.Console c = System.console();
    if (c == null) return false;
    try { // JDK 22+: a Console exists even when redirected; isTerminal() tells
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(c);
    } catch (ReflectiveOperationException e) {
      return true; // JDK 21: a non-null console is a terminal
    }
  }

  @Override
  public void onStart(Trainer.Context ctx) {
    epochs = ctx.config().epochs();
  }

  @Override
  public void onBatchEnd(Trainer.Context ctx, int epoch, int batch, int batches, float loss) {
    if (bar == null) {
      bar =
          new ProgressBarBuilder()
              .setTaskName(String.format(Locale.ROOT, "%s %d/%d", label, epoch, epochs))
              .setInitialMax(batches)
              .setStyle(ProgressBarStyle.ASCII)
              .setUnit(" batches", 1)
              .showSpeed()
              .setUpdateIntervalMillis(250)
              .continuousUpdate()
              .build();
    }
    bar.stepTo(batch);
    if (batch % 50 == 0 || batch == batches)
      bar.setExtraMessage(String.format(Locale.ROOT, " loss %.4f", loss));
  }

  @Override
  public void onEpochEnd(Trainer.Context ctx, EpochStats stats) {
    if (bar != null) {
      StringBuilder sb =
          new StringBuilder(String.format(Locale.ROOT, " loss %.4f", stats.trainLoss()));
      stats.validation().forEach((k, v) -> sb.append(String.format(Locale.ROOT, " %s %.4f", k, v)));
      bar.setExtraMessage(sb.toString());
      bar.close();
      bar = null;
    }
  }
}
