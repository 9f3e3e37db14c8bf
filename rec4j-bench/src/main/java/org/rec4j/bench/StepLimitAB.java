package org.rec4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.rec4j.data.Interactions;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.train.EpochStats;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingListener;

/**
 * The engine's fraction of the hand-fused limit (issue 18), measured in one JVM: epochs of the
 * engine's NeuMF step ({@link TrainStepBenchmark}'s model, data and settings, through the real
 * trainer) and of {@link FusedNeuMFStep} alternate, so both see the same moments of a shared
 * machine's contention, which separate runs minutes apart do not (there the same jar varied 2×).
 * The engine trains all its epochs in one {@code fit} (one optimizer, as in TrainStepBenchmark); at
 * the end of each of its epochs a listener runs one epoch of the fused step (its own optimizer
 * state persists too), so the sequence is engine 1, fused 1, engine 2, fused 2, …; the ratio of a
 * round is engine ÷ fused samples/s. The first {@code warmup} rounds (JIT) are left out.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -XX:+UseParallelGC -cp
 * rec4j-benchmarks.jar org.rec4j.bench.StepLimitAB [rounds=10] [warmup=3] [positives=200000]}.
 * Prints one line per round and a final JSON line with the median ratio and its range.
 */
public final class StepLimitAB {
  private StepLimitAB() {}

  /** Runs the comparison. */
  public static void main(String[] args) {
    int rounds = Integer.parseInt(TrainStepBenchmark.arg(args, "rounds", "10"));
    int warmup = Integer.parseInt(TrainStepBenchmark.arg(args, "warmup", "3"));
    int positives = Integer.parseInt(TrainStepBenchmark.arg(args, "positives", "200000"));
    System.out.println(run(rounds, warmup, positives, System.out));
  }

  /**
   * Runs {@code rounds} rounds on {@code positives} random positives, printing one line per round
   * to {@code out}, and returns the JSON summary line.
   */
  static String run(int rounds, int warmup, int positives, java.io.PrintStream out) {
    if (rounds <= warmup)
      throw new IllegalArgumentException(
          "rounds (" + rounds + ") must exceed warmup (" + warmup + ")");
    int users = 6040, items = 3706, f = 8;
    Interactions train = AbProbe.randomPositives(users, items, positives);
    NeuralRecommender engine =
        (NeuralRecommender) ModelRegistry.create("neumf", ModelOptions.implicit(users, items, f));
    FusedNeuMFStep fused = new FusedNeuMFStep(users, items, f, 64);
    fused.load(engine.stateDict());
    FusedNeuMFStep.Epoch examples = new FusedNeuMFStep.Epoch(train, 4);
    int n = train.size() * 5;
    List<Double> ratios = new ArrayList<>();
    TrainerConfig tc =
        new TrainerConfig(
            rounds,
            256,
            1e-3,
            OptimizerKind.ADAM,
            0f,
            Objective.BCE,
            4,
            42,
            1,
            1,
            "ndcg@10",
            0,
            false);
    engine.fit(
        train,
        null,
        tc,
        new TrainingListener() {
          @Override
          public void onEpochEnd(Trainer.Context ctx, EpochStats s) {
            int r = s.epoch();
            double e = s.samplesPerSecond();
            double u = n / fused.train(examples, 1, 256, 42 + r, null).get(0).loopSeconds();
            double ratio = e / u;
            out.printf(
                Locale.ROOT,
                "round %d: engine %.0f, fused %.0f samples/s, ratio %.3f%s%n",
                r,
                e,
                u,
                ratio,
                r <= warmup ? " (warm-up)" : "");
            if (r > warmup) ratios.add(ratio);
          }
        });
    double[] sorted = ratios.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    double median =
        sorted.length % 2 == 1
            ? sorted[sorted.length / 2]
            : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
    return new JsonLine()
        .put("benchmark", "step-limit-ab")
        .put("median_ratio", Math.round(median * 1000) / 1000.0)
        .put("min_ratio", Math.round(sorted[0] * 1000) / 1000.0)
        .put("max_ratio", Math.round(sorted[sorted.length - 1] * 1000) / 1000.0)
        .put("rounds", sorted.length)
        .put("kernels", KernelProvider.get().name())
        .put(
            "ratios",
            Arrays.stream(sorted).map(x -> Math.round(x * 1000) / 1000.0).boxed().toList())
        .toString();
  }
}
