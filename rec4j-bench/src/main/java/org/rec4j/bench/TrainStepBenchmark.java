package org.rec4j.bench;

import java.util.Locale;
import org.rec4j.data.Interactions;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.train.EpochStats;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;

/**
 * The NeuMF-shaped training-step microbenchmark of the engine issue: batch 256, GMF 8 + MLP
 * 64→32→16→8, BCE with 4 sampled negatives per positive, Adam, on an ML-1M-sized id space (6,040
 * users × 3,706 items) with random positives — through the real {@link org.rec4j.train.Trainer}
 * loop (forward, backward, lazy sparse Adam, example copying; negative sampling and shuffling are
 * timed separately and excluded, as in the PyTorch reference).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp rec4j-bench.jar
 * org.rec4j.bench.TrainStepBenchmark [model=neumf] [threads=1] [epochs=4] [positives=200000]
 * [factors=8] [warmup=1]}. Prints one line per epoch and a final JSON line with the median
 * samples/s of the epochs after the first {@code warmup} (JIT warm-up; the upper middle one for an
 * even count).
 */
public final class TrainStepBenchmark {
  private TrainStepBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    String model = arg(args, "model", "neumf");
    int threads = Integer.parseInt(arg(args, "threads", "1"));
    int epochs = Integer.parseInt(arg(args, "epochs", "4"));
    int positives = Integer.parseInt(arg(args, "positives", "200000"));
    int f = Integer.parseInt(arg(args, "factors", "8"));
    int warmup = warmup(args, epochs);
    int users = 6040, items = 3706;
    Interactions train = AbProbe.randomPositives(users, items, positives);
    NeuralRecommender m =
        (NeuralRecommender) ModelRegistry.create(model, ModelOptions.implicit(users, items, f));
    TrainerConfig tc =
        new TrainerConfig(
            epochs,
            256,
            1e-3,
            OptimizerKind.ADAM,
            0f,
            Objective.BCE,
            4,
            42,
            threads,
            1,
            "ndcg@10",
            0,
            false);
    TrainingHistory h = m.fit(train, null, tc);
    double[] sps = new double[epochs - warmup];
    for (EpochStats e : h.epochs()) {
      System.out.printf(
          Locale.ROOT,
          "epoch %d: %.0f samples/s (%.2f s loop, %.2f s sampling)%n",
          e.epoch(),
          e.samplesPerSecond(),
          e.trainSeconds(),
          e.sampleSeconds());
      if (e.epoch() > warmup) sps[e.epoch() - warmup - 1] = e.samplesPerSecond();
    }
    java.util.Arrays.sort(sps);
    System.out.printf(
        Locale.ROOT,
        "{\"workload\":\"train-step-%s\",\"kernels\":\"%s\",\"threads\":%d,\"batch\":256,\"factors\":%d,\"samples_per_s\":%.0f}%n",
        model,
        KernelProvider.get().name(),
        threads,
        f,
        sps[sps.length / 2]);
  }

  /**
   * The {@code warmup=} argument: how many leading epochs the median leaves out (JIT warm-up;
   * default 1), capped so that at least the last epoch counts.
   */
  static int warmup(String[] args, int epochs) {
    int w = Integer.parseInt(arg(args, "warmup", "1"));
    if (w < 0) throw new IllegalArgumentException("warmup must be >= 0, got " + w);
    return Math.min(w, Math.max(0, epochs - 1));
  }

  static String arg(String[] args, String key, String def) {
    for (String a : args) if (a.startsWith(key + "=")) return a.substring(key.length() + 1);
    return def;
  }
}
