package org.rec4j.bench;

import java.util.Locale;
import org.rec4j.data.Csr;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.Split;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.model.MF;
import org.rec4j.model.ModelOptions;
import org.rec4j.serve.topk.DotProduct;
import org.rec4j.serve.topk.FoldIn;
import org.rec4j.tensor.Rng;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * How well the server's cold-start fold-in ({@link FoldIn}) serves users the model never trained
 * on, on the NCF ML-1M protocol (held-out latest item ranked among its 99 provided negatives, HR@10
 * / NDCG@10).
 *
 * <p>Every {@code every}-th user is made "cold": their training rows are removed before MF is
 * trained, so the model has no trained vector for them. At test time a cold user is represented
 * only by their training items, as a new user of the service is by their logged events, and ranked
 * three ways: by item popularity in the training data (the server's other fallback), by the
 * folded-in vector, and — as the ceiling — the warm users' own trained vectors are scored too (a
 * different set of users, so indicative only). Warm users are also folded in from their training
 * items, which shows how close fold-in gets to a trained vector on the same users.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp rec4j-benchmarks.jar
 * org.rec4j.bench.FoldInBenchmark data=ncf:../shared/data/ml-1m/ncf every=10 factors=32 epochs=10
 * optimizer=adam lr=0.001 l2=0 negatives=4 init_std=0.01}; prints one line per scorer and a JSON
 * line.
 */
public final class FoldInBenchmark {
  private FoldInBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    DataSpec spec =
        DataSpec.parse(TrainStepBenchmark.arg(args, "data", "ncf:../shared/data/ml-1m/ncf"));
    int every = Integer.parseInt(TrainStepBenchmark.arg(args, "every", "10"));
    int factors = Integer.parseInt(TrainStepBenchmark.arg(args, "factors", "32"));
    int epochs = Integer.parseInt(TrainStepBenchmark.arg(args, "epochs", "10"));
    OptimizerKind opt = OptimizerKind.of(TrainStepBenchmark.arg(args, "optimizer", "adam"));
    double lr = Double.parseDouble(TrainStepBenchmark.arg(args, "lr", "0.001"));
    float l2 = Float.parseFloat(TrainStepBenchmark.arg(args, "l2", "0"));
    int negatives = Integer.parseInt(TrainStepBenchmark.arg(args, "negatives", "4"));
    float initStd = Float.parseFloat(TrainStepBenchmark.arg(args, "init_std", "0.01"));

    Dataset ds = spec.load();
    Split s = SplitSpec.parse("given").apply(spec, ds, new Rng(42));
    Interactions train = s.train(), test = s.test();
    int[][] negs = ds.candidates();
    InteractionsBuilder b = Interactions.builder(train.userIndex(), train.itemIndex());
    for (int r = 0; r < train.size(); r++)
      if (train.user(r) % every != 0) b.add(train.user(r), train.item(r), train.value(r));
    Interactions warmTrain = b.build();
    int users = Math.max(train.numUsers(), test.numUsers()),
        items = Math.max(train.numItems(), test.numItems());

    ModelOptions mo =
        new ModelOptions(
            users,
            items,
            factors,
            new int[] {8 * factors, 4 * factors, 2 * factors, factors},
            0f,
            false,
            false,
            42,
            initStd,
            0);
    MF mf = new MF(mo);
    TrainerConfig tc =
        new TrainerConfig(
            epochs,
            256,
            lr,
            opt,
            l2,
            org.rec4j.train.Objective.BCE,
            negatives,
            42,
            1,
            1,
            "ndcg@10",
            0,
            false);
    long t0 = System.nanoTime();
    mf.fit(warmTrain, null, tc);
    double trainSeconds = (System.nanoTime() - t0) / 1e9;
    mf.train(false);

    DotProduct dot = DotProduct.of(mf);
    FoldIn fold = new FoldIn(dot);
    Csr byUser = train.byUser(); // full training rows: a cold user's "events"
    float[] pop = new float[items];
    for (int r = 0; r < warmTrain.size(); r++) pop[warmTrain.item(r)]++;

    double[] hr = new double[4], ndcg = new double[4];
    int[] n = new int[4]; // 0 cold popularity, 1 cold fold-in, 2 warm trained, 3 warm fold-in
    long foldNanos = 0;
    int folds = 0;
    for (int r = 0; r < test.size(); r++) {
      int u = test.user(r), target = test.item(r);
      int[] cand = negs[r];
      boolean cold = u % every == 0;
      int[] history = u < byUser.rows() ? byUser.targetsOf(u) : new int[0];
      long f0 = System.nanoTime();
      float[] x = fold.userVector(history, Long.hashCode(u));
      foldNanos += System.nanoTime() - f0;
      folds++;
      int[] scored =
          java.util.Arrays.copyOf(cand, cand.length + 1); // the candidates, then the held-out item
      scored[cand.length] = target;
      float[] sc = new float[scored.length];
      if (cold) {
        for (int j = 0; j < scored.length; j++) sc[j] = pop[scored[j]];
        add(hr, ndcg, n, 0, rank(scored, sc));
        if (x != null) add(hr, ndcg, n, 1, rank(scored, foldedScores(dot, x, scored, sc)));
      } else {
        mf.score(u, scored, sc);
        add(hr, ndcg, n, 2, rank(scored, sc));
        if (x != null) add(hr, ndcg, n, 3, rank(scored, foldedScores(dot, x, scored, sc)));
      }
    }
    String[] names = {
      "cold users, popularity",
      "cold users, fold-in",
      "warm users, trained vectors",
      "warm users, fold-in"
    };
    for (int k = 0; k < 4; k++) {
      System.out.printf(
          Locale.ROOT,
          "%-28s users %5d  HR@10 %.4f  NDCG@10 %.4f%n",
          names[k],
          n[k],
          hr[k] / n[k],
          ndcg[k] / n[k]);
    }
    System.out.printf(
        Locale.ROOT,
        "fold-in: %.3f ms per user (mean over %d users), lambda %.3f; MF trained in %.1f s%n",
        foldNanos / 1e6 / folds,
        folds,
        fold.lambda(),
        trainSeconds);
    System.out.printf(
        Locale.ROOT,
        "{\"workload\":\"fold-in-ml1m\",\"every\":%d,\"factors\":%d,\"epochs\":%d,\"optimizer\":\"%s\","
            + "\"cold_users\":%d,\"cold_popularity_hr@10\":%.4f,\"cold_fold_in_hr@10\":%.4f,\"cold_fold_in_ndcg@10\":%.4f,"
            + "\"warm_trained_hr@10\":%.4f,\"warm_fold_in_hr@10\":%.4f,\"fold_in_ms\":%.3f}%n",
        every,
        factors,
        epochs,
        opt.name().toLowerCase(Locale.ROOT),
        n[0],
        hr[0] / n[0],
        hr[1] / n[1],
        ndcg[1] / n[1],
        hr[2] / n[2],
        hr[3] / n[3],
        foldNanos / 1e6 / folds);
  }

  private static float[] foldedScores(DotProduct dot, float[] x, int[] items, float[] out) {
    for (int j = 0; j < items.length; j++) out[j] = dot.dot(x, items[j]);
    return out;
  }

  /**
   * Candidates ({@code items} but the last) scoring strictly higher than the held-out item (the
   * last), the NCF code's convention; a candidate equal to the held-out item is skipped.
   */
  private static int rank(int[] items, float[] scores) {
    int last = items.length - 1, above = 0;
    for (int j = 0; j < last; j++) if (items[j] != items[last] && scores[j] > scores[last]) above++;
    return above;
  }

  private static void add(double[] hr, double[] ndcg, int[] n, int k, int rank) {
    n[k]++;
    if (rank < 10) {
      hr[k] += 1;
      ndcg[k] += 1 / (Math.log(rank + 2) / Math.log(2));
    }
  }
}
