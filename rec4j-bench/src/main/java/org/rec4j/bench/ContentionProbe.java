package org.rec4j.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainingListener;

/**
 * How much CPU other processes took while the batch loop ran, in cores: (machine busy CPU seconds −
 * this process's CPU seconds) / wall seconds, between the first and the last batch of each epoch.
 * The same indicator the PyTorch references print as {@code foreign_cores}; above ≈ 0.25 on this
 * 2-core machine an epoch's timing is a shared-machine timing. Machine CPU comes from the first
 * line of {@code /proc/stat} (Linux only; NaN elsewhere).
 */
final class ContentionProbe implements TrainingListener {
  /** {@code USER_HZ}: Linux reports {@code /proc/stat} in 1/100 s on every common configuration. */
  private static final double TICKS_PER_SECOND = 100;

  private final com.sun.management.OperatingSystemMXBean os;
  private final List<Double> perEpoch = new ArrayList<>();
  private double busy0 = Double.NaN, own0, wall0;

  ContentionProbe() {
    os =
        ManagementFactory.getOperatingSystemMXBean()
                instanceof com.sun.management.OperatingSystemMXBean b
            ? b
            : null;
  }

  @Override
  public void onBatchEnd(Trainer.Context ctx, int epoch, int batch, int batches, float loss) {
    if (os == null || batches < 2) return;
    if (batch == 1) {
      busy0 = machineBusySeconds();
      own0 = os.getProcessCpuTime() / 1e9;
      wall0 = System.nanoTime() / 1e9;
    } else if (batch == batches && !Double.isNaN(busy0)) {
      double wall = System.nanoTime() / 1e9 - wall0;
      double foreign = (machineBusySeconds() - busy0) - (os.getProcessCpuTime() / 1e9 - own0);
      if (wall > 0 && !Double.isNaN(foreign)) perEpoch.add(Math.max(0, foreign) / wall);
      busy0 = Double.NaN;
    }
  }

  /** Foreign cores of each measured epoch. */
  double[] perEpoch() {
    return perEpoch.stream().mapToDouble(Double::doubleValue).toArray();
  }

  private static double machineBusySeconds() {
    try {
      String first = Files.readString(Path.of("/proc/stat")).lines().findFirst().orElse("");
      return busyTicks(first) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return Double.NaN;
    }
  }

  /**
   * Busy ticks of the aggregate {@code cpu} line of {@code /proc/stat}: user + nice + system + irq
   * + softirq + steal (idle and iowait excluded; guest time is already inside user).
   */
  static long busyTicks(String cpuLine) {
    String[] f = cpuLine.trim().split("\\s+");
    if (f.length < 9 || !f[0].equals("cpu")) {
      throw new IllegalArgumentException(
          "expected the aggregate 'cpu' line of /proc/stat, got '" + cpuLine + "'");
    }
    long busy = 0;
    for (int i = 1; i <= 8; i++) if (i != 4 && i != 5) busy += Long.parseLong(f[i]);
    return busy;
  }
}
