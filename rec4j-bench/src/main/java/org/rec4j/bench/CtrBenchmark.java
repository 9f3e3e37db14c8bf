package org.rec4j.bench;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rec4j.ctr.CtrTask;
import org.rec4j.data.Dataset;
import org.rec4j.data.io.DataSpec;
import org.rec4j.experiment.Experiment;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.experiment.Protocol;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelRegistry;
import org.rec4j.train.EpochStats;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingListener;

/**
 * End-to-end CTR benchmark: loads the data once, trains each listed model on its click-through task
 * through {@link Experiment} (protocol ctr, as {@code rec4j train --task ctr} does) with the same
 * settings (early stopping on validation AUC, best epoch restored) and prints test AUC, logloss,
 * gAUC and seconds per epoch as a table and one JSON line per model.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp
 * rec4j-bench/target/rec4j-benchmarks.jar org.rec4j.bench.CtrBenchmark --data-root ../shared/data
 * --dataset ml-1m|ml-100k|frappe --models lr,fm,widedeep-ctr,deepfm,xdeepfm,autoint,autoint+,dcn
 * --epochs 10 [--batch 1024] [--lr 1e-3] [--l2 1e-6] [--embed 16] [--hidden 200,200] [--dropout
 * 0.2] [--patience 2] [--seed 42]} (the task's split seed is fixed at 2026)
 */
public final class CtrBenchmark {
  private CtrBenchmark() {}

  /** Runs the benchmark. */
  public static void main(String[] args) {
    Map<String, String> a = parse(args);
    String dataset = a.getOrDefault("dataset", "ml-100k");
    Path root = Path.of(a.getOrDefault("data-root", "../shared/data"));
    List<String> models =
        Arrays.asList(
            a.getOrDefault(
                    "models",
                    String.join(
                        ",",
                        ModelRegistry.namesNeeding(ModelInput.FEATURES).stream()
                            .filter(n -> !n.equals("sharedbottom"))
                            .toList()))
                .split(","));
    int epochs = Integer.parseInt(a.getOrDefault("epochs", "10"));
    TrainerConfig d = TrainerConfig.ctrDefaults();
    TrainerConfig tc =
        d.toBuilder()
            .epochs(epochs)
            .batchSize(Integer.parseInt(a.getOrDefault("batch", "" + d.batchSize())))
            .learningRate(Double.parseDouble(a.getOrDefault("lr", "" + d.learningRate())))
            .l2(Float.parseFloat(a.getOrDefault("l2", "" + d.l2())))
            .seed(Long.parseLong(a.getOrDefault("seed", "" + d.seed())))
            .patience(Integer.parseInt(a.getOrDefault("patience", "2")))
            .build();
    Map<String, Object> settings = new HashMap<>();
    if (a.containsKey("embed")) settings.put("factors", a.get("embed"));
    if (a.containsKey("hidden")) settings.put("layers", a.get("hidden"));
    if (a.containsKey("dropout")) settings.put("dropout", a.get("dropout"));
    if (a.containsKey("split-seed"))
      throw new IllegalArgumentException("--split-seed: the ctr task's split seed is fixed (2026)");
    Path path = root.resolve(dataset);
    DataSpec spec = DataSpec.parse((dataset.equals("frappe") ? "libfm" : dataset) + ":" + path);
    long t0 = System.nanoTime();
    Dataset ds = dataset.equals("frappe") ? null : spec.load();
    CtrTask task = Experiment.clickTask(spec, ds);
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
                "%-12s %8s %8s %8s %8s %6s %10s%n",
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
      ExperimentConfig c =
          ExperimentConfig.builder(spec, m, tc)
              .protocol(Protocol.CTR)
              .settingsWhereDeclared(settings)
              .build();
      ExperimentResult r = Experiment.run(c, ds, log);
      int n = r.history().epochs().size();
      double perEpoch = n == 0 ? 0 : r.history().trainSeconds() / n;
      table.append(
          String.format(
              Locale.ROOT,
              "%-12s %8.4f %8.4f %8.4f %8.1f %6s %10d%n",
              m,
              r.metrics().get("auc"),
              r.metrics().get("logloss"),
              r.metrics().get("gauc"),
              perEpoch,
              n + "/" + r.history().bestEpoch(),
              r.model().parameterCount()));
      String line =
          String.format(
              Locale.ROOT,
              "{\"model\":\"%s\",\"dataset\":\"%s\",\"auc\":%.5f,\"logloss\":%.5f,\"gauc\":%.5f,"
                  + "\"train_seconds\":%.2f,\"seconds_per_epoch\":%.2f,\"epochs\":%d,\"best_epoch\":%d,"
                  + "\"parameters\":%d}",
              m,
              dataset,
              r.metrics().get("auc"),
              r.metrics().get("logloss"),
              r.metrics().get("gauc"),
              r.history().trainSeconds(),
              perEpoch,
              n,
              r.history().bestEpoch(),
              r.model().parameterCount());
      json.append(line).append('\n');
      System.out.println(line);
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
