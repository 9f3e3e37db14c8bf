package org.rec4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.text.ParseException;
import jdk.jfr.Configuration;
import jdk.jfr.Recording;
import org.rec4j.train.EpochStats;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;

/**
 * Records a JFR profile (settings "profile": execution samples, plus every allocation sample) of the steady-state
 * training loop: the recording starts when the first epoch ends (JIT warm-up excluded; at the start when only one
 * epoch runs) and is written to {@code file} when that training ends, before the final evaluation. Only the first
 * training of a process is recorded. Summarize it with {@code bench/jfr-alloc.sh FILE}.
 */
final class JfrProbe implements TrainingListener {
  private final Path file;
  private Recording recording;
  private final boolean fromStart;
  private boolean done;

  /** Writes to {@code file}; {@code fromStart}: record from the first batch (for single-epoch runs). */
  JfrProbe(Path file, boolean fromStart) {
    this.file = file;
    this.fromStart = fromStart;
  }

  @Override
  public void onStart(Trainer.Context ctx) {
    if (fromStart) start();
  }

  @Override
  public void onEpochEnd(Trainer.Context ctx, EpochStats stats) {
    if (stats.epoch() == 1 && !done && recording == null) start();
  }

  @Override
  public void onEnd(Trainer.Context ctx, TrainingHistory history) {
    if (recording == null || done) return;
    try {
      recording.stop();
      recording.dump(file);
      System.err.println("jfr: wrote " + file.toAbsolutePath() + (fromStart ? " (all epochs)" : " (epochs 2.." + history.epochs().size() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException("jfr: cannot write " + file, e);
    } finally {
      recording.close();
      done = true;
    }
  }

  private void start() {
    if (recording != null || done) return;
    try {
      recording = new Recording(Configuration.getConfiguration("profile"));
    } catch (IOException | ParseException e) {
      throw new IllegalStateException("jfr: cannot load the 'profile' settings: " + e.getMessage(), e);
    }
    recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
    recording.setName("rec4j-steady-state");
    recording.start();
  }
}
