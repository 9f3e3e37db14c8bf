package org.rec4j.bench;

import java.util.BitSet;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.tensor.kernel.Kernels;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * The workloads {@link JarAB} runs once per jar. {@link JarAB} defines this class anew inside each
 * jar's class loader, so it links against that jar's engine and must use only API that the compared
 * builds share. Each call of {@link #run} is one measurement; state (data, model, buffers) lives in
 * static fields of the per-jar copy.
 */
public final class AbProbe {
  private AbProbe() {}

  private static final int USERS = 6040;
  private static final int ITEMS = 3706;
  private static Interactions train;
  private static NeuralRecommender model;
  private static float[][] x;
  private static float[][] w;
  private static float[][] g;
  private static float[][] gw;
  private static float[][] gx;

  /**
   * One measurement of {@code workload}: {@code train-step} — one epoch of the NeuMF step of {@link
   * TrainStepBenchmark} (200,000 random positives, 4 negatives, batch 256, Adam, one thread),
   * returning training samples per second of the batch loop; {@code gemm-neumf} — the twelve
   * products of one NeuMF batch (forward, input and weight gradient of layers 64→32, 32→16, 16→8
   * and 16→1 over 256 rows), 2,000 times, returning batches per second of those products.
   */
  public static double run(String workload) {
    return switch (workload) {
      case "train-step" -> trainEpoch();
      case "gemm-neumf" -> gemmBatches(2000);
      default ->
          throw new IllegalArgumentException(
              "unknown workload '" + workload + "'; expected train-step or gemm-neumf");
    };
  }

  private static double trainEpoch() {
    if (train == null) {
      train = randomPositives(USERS, ITEMS, 200_000);
      model =
          (NeuralRecommender) ModelRegistry.create("neumf", ModelOptions.implicit(USERS, ITEMS, 8));
    }
    TrainerConfig tc =
        new TrainerConfig(
            1, 256, 1e-3, OptimizerKind.ADAM, 0f, Objective.BCE, 4, 42, 1, 1, "ndcg@10", 0, false);
    return model.fit(train, null, tc).epochs().get(0).samplesPerSecond();
  }

  /**
   * {@code positives} distinct random (user, item) pairs of rating 1 over a {@code users × items}
   * id space, drawn from {@code Rng(1)}: the data of {@link TrainStepBenchmark} and of the {@code
   * train-step} workload.
   */
  static Interactions randomPositives(int users, int items, int positives) {
    InteractionsBuilder b = Interactions.builder(IdIndex.range(users), IdIndex.range(items));
    Rng rng = new Rng(1);
    BitSet seen = new BitSet(users * items);
    for (int n = 0; n < positives; ) {
      int u = rng.nextInt(users), i = rng.nextInt(items);
      if (!seen.get(u * items + i)) {
        seen.set(u * items + i);
        b.add(u, i, 1f);
        n++;
      }
    }
    return b.build();
  }

  private static double gemmBatches(int reps) {
    int rows = 256;
    int[] in = {64, 32, 16, 16};
    int[] out = {32, 16, 8, 1};
    if (x == null) {
      x = new float[4][rows * 64];
      w = new float[4][64 * 32];
      g = new float[4][rows * 64];
      gw = new float[4][64 * 32];
      gx = new float[4][rows * 64];
      Rng r = new Rng(1);
      for (float[][] a : new float[][][] {x, w, g}) {
        for (float[] v : a) for (int i = 0; i < v.length; i++) v[i] = r.nextFloat() - 0.5f;
      }
    }
    Kernels k = KernelProvider.get();
    long t0 = System.nanoTime();
    for (int rep = 0; rep < reps; rep++) {
      for (int l = 0; l < 4; l++) {
        k.gemm(
            false, false, rows, out[l], in[l], 1f, x[l], 0, in[l], w[l], 0, out[l], 0f, g[l], 0,
            out[l]);
        k.gemm(
            false, true, rows, in[l], out[l], 1f, g[l], 0, out[l], w[l], 0, out[l], 1f, gx[l], 0,
            in[l]);
        k.gemm(
            true, false, in[l], out[l], rows, 1f, x[l], 0, in[l], g[l], 0, out[l], 1f, gw[l], 0,
            out[l]);
      }
    }
    return reps / ((System.nanoTime() - t0) / 1e9);
  }
}
