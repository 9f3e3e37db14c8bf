package org.rec4j.train;

import java.util.List;

/** The per-epoch record of a run, why it stopped, and the best validated epoch (or −1). */
public record TrainingHistory(
    List<EpochStats> epochs, String stopReason, int bestEpoch, double bestValue) {
  /** Total seconds of the training loops. */
  public double trainSeconds() {
    return epochs.stream().mapToDouble(EpochStats::trainSeconds).sum();
  }

  /** Median training throughput over epochs (examples/s). */
  public double medianSamplesPerSecond() {
    double[] v = epochs.stream().mapToDouble(EpochStats::samplesPerSecond).sorted().toArray();
    return v.length == 0
        ? 0
        : v.length % 2 == 1 ? v[v.length / 2] : (v[v.length / 2 - 1] + v[v.length / 2]) / 2;
  }

  /** The last epoch's stats. */
  public EpochStats last() {
    return epochs.get(epochs.size() - 1);
  }
}
