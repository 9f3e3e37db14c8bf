package org.rec4j.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import jdk.jfr.Recording;
import org.rec4j.train.EpochStats;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;

/**
 * Records a JFR profile (allocation samples throttled at 1,000/s, execution samples every 10 ms, GC
 * and CPU load) of the steady-state training loop: the recording starts when the first epoch ends
 * (JIT warm-up excluded; at the start when only one epoch runs) and is written to {@code file} when
 * that training ends, before the final evaluation (the per-epoch validations of epochs 2+ are
 * inside the window). Only the first training of a process is recorded. Summarize it with {@code
 * bench/jfr-alloc.sh FILE}.
 */
final class JfrProbe implements TrainingListener {
  private final Path file;
  private Recording recording;
  private final boolean fromStart;
  private boolean done;

  /**
   * Writes to {@code file}; {@code fromStart}: record from the first batch (for single-epoch runs).
   */
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
      System.err.println(
          "jfr: wrote "
              + file.toAbsolutePath()
              + (fromStart ? " (all epochs)" : " (epochs 2.." + history.epochs().size() + ")"));
    } catch (IOException e) {
      throw new UncheckedIOException("jfr: cannot write " + file, e);
    } finally {
      recording.close();
      done = true;
    }
  }

  private void start() {
    if (recording != null || done) return;
    // JVM-native events only: the "profile" settings also enable Java-level events whose start-up
    // instrumentation
    // (class-file parsing) then dominated the allocation samples of a short recording.
    recording = new Recording();
    recording.enable("jdk.ObjectAllocationSample").with("throttle", "1000/s");
    recording.enable("jdk.ExecutionSample").withPeriod(Duration.ofMillis(10));
    recording.enable("jdk.GarbageCollection");
    recording.enable("jdk.GCHeapSummary");
    recording.enable("jdk.CPULoad").withPeriod(Duration.ofSeconds(1));
    recording.setName("rec4j-steady-state");
    recording.start();
  }
}
