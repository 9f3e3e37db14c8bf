package org.rec4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rec4j.ctr.CtrConfig;
import org.rec4j.ctr.CtrExperiment;
import org.rec4j.ctr.CtrModels;
import org.rec4j.ctr.CtrResult;
import org.rec4j.ctr.CtrTask;
import org.rec4j.ctr.CtrTasks;
import org.rec4j.train.EpochStats;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingListener;

/**
 * End-to-end CTR benchmark: loads one CTR task once, trains each listed model through {@link
 * CtrExperiment} with the same settings (early stopping on validation AUC, best epoch restored) and
 * prints test AUC, logloss, gAUC and seconds per epoch as a table and one JSON line per model.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp
 * rec4j-bench/target/rec4j-benchmarks.jar org.rec4j.bench.CtrBenchmark --data-root ../shared/data
 * --dataset ml-1m|ml-100k|frappe --models lr,fm,widedeep,deepfm,xdeepfm,autoint,autoint+,dcn
 * --epochs 10 [--batch 1024] [--lr 1e-3] [--l2 1e-6] [--embed 16] [--hidden 200,200] [--dropout
 * 0.2] [--patience 2] [--seed 42] [--split-seed 2026]}
 */
public final class CtrBenchmark {
  private CtrBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    Map<String, String> a = parse(args);
    String dataset = a.getOrDefault("dataset", "ml-100k");
    Path root = Path.of(a.getOrDefault("data-root", "../shared/data"));
    List<String> models =
        Arrays.asList(a.getOrDefault("models", String.join(",", CtrModels.names())).split(","));
    int epochs = Integer.parseInt(a.getOrDefault("epochs", "10"));
    TrainerConfig d = CtrConfig.trainerDefaults(epochs);
    TrainerConfig tc =
        new TrainerConfig(
            epochs,
            Integer.parseInt(a.getOrDefault("batch", "" + d.batchSize())),
            Double.parseDouble(a.getOrDefault("lr", "" + d.learningRate())),
            d.optimizer(),
            Float.parseFloat(a.getOrDefault("l2", "" + d.l2())),
            d.objective(),
            d.negatives(),
            Long.parseLong(a.getOrDefault("seed", "" + d.seed())),
            1,
            1,
            "auc",
            Integer.parseInt(a.getOrDefault("patience", "2")),
            true);
    CtrModels.Options o = CtrModels.Options.defaults();
    int[] hidden =
        a.containsKey("hidden")
            ? Arrays.stream(a.get("hidden").split(",")).mapToInt(Integer::parseInt).toArray()
            : o.hidden();
    o =
        o.withNetwork(
            Integer.parseInt(a.getOrDefault("embed", "" + o.embedDim())),
            hidden,
            Float.parseFloat(a.getOrDefault("dropout", "" + o.dropout())));
    long splitSeed = Long.parseLong(a.getOrDefault("split-seed", "2026"));
    Path path = root.resolve(dataset);
    long t0 = System.nanoTime();
    CtrTask task = CtrTasks.load(dataset, path, splitSeed);
    System.out.printf(
        Locale.ROOT,
        "%s loaded in %.1fs: %,d train / %,d valid / %,d test, %d fields, %,d ids%n",
        dataset,
        (System.nanoTime() - t0) / 1e9,
        task.train().size(),
        task.valid().size(),
        task.test().size(),
        task.schema().size(),
        task.schema().totalIds());
    task.notes().forEach(n -> System.out.println("  " + n));
    CtrConfig config = new CtrConfig(dataset, path, models.get(0), o, tc, splitSeed);
    TrainingListener log =
        new TrainingListener() {
          @Override
          public void onEpochEnd(org.rec4j.train.Trainer.Context ctx, EpochStats s) {
            System.out.printf(
                Locale.ROOT,
                "    epoch %d loss %.4f %s %.1fs%n",
                s.epoch(),
                s.trainLoss(),
                s.validation(),
                s.trainSeconds());
          }
        };
    StringBuilder table =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "%-10s %8s %8s %8s %8s %6s %10s%n",
                "model",
                "auc",
                "logloss",
                "gauc",
                "s/epoch",
                "epochs",
                "params"));
    StringBuilder json = new StringBuilder();
    for (String m : models) {
      System.out.println("== " + m);
      CtrResult r = CtrExperiment.runAll(config, task, List.of(m), log).get(0);
      table.append(
          String.format(
              Locale.ROOT,
              "%-10s %8.4f %8.4f %8.4f %8.1f %6s %10d%n",
              r.model(),
              r.test().get("auc"),
              r.test().get("logloss"),
              r.test().get("gauc"),
              r.secondsPerEpoch(),
              r.history().epochs().size() + "/" + r.history().bestEpoch(),
              r.parameters()));
      json.append(r.toJson()).append('\n');
      System.out.println(r.toJson());
    }
    System.out.println();
    System.out.print(table);
    System.out.print(json);
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new HashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--") || i + 1 >= args.length)
        throw new IllegalArgumentException("expected --name value pairs, got '" + args[i] + "'");
      m.put(args[i].substring(2), args[++i]);
    }
    return m;
  }
}
