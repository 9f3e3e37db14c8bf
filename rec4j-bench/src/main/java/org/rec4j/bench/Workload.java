package org.rec4j.bench;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.eval.Evaluator;
import org.rec4j.eval.RankingResult;
import org.rec4j.eval.RankingTask;
import org.rec4j.experiment.EvalTasks;
import org.rec4j.experiment.Experiment;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.experiment.Protocol;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.train.EpochStats;
import org.rec4j.train.LogListener;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;

/**
 * The end-to-end workloads of the performance issue, each run through the library path {@code rec4j
 * train} uses ({@link Experiment#run} on an {@link ExperimentConfig} with the CLI's defaults),
 * printing per-epoch lines on stderr and one JSON result line per model on stdout:
 *
 * <ul>
 *   <li>{@code neumf-ml1m}, {@code mf-ml1m} — NCF protocol on the ML-1M NCF files: f=8 (NeuMF tower
 *       64→32→16→8), BCE with 4 uniform negatives, Adam 1e-3, batch 256, HR@10/NDCG@10 on the 100
 *       provided candidates after every epoch (default 20 epochs);
 *   <li>{@code rating-ml100k} — the seed's rating regressors ncf, widedeep, neumf on ML-100K fold
 *       u1: factors 10, layers [20,20,10], dropout 0.1, MSE, Adam 1e-3, batch 64 (default 50
 *       epochs); RMSE/MAE;
 *   <li>{@code eval-full-ml1m}, {@code eval-sampled-ml1m} — train MF and NeuMF as above for 1
 *       epoch, then time {@code --repeat} warm evaluations of all 6,040 users: full ranking of the
 *       catalog minus training items, or the NCF protocol's 100 candidates.
 * </ul>
 *
 * <p>Fields of a result line: {@code workload}, {@code model}, {@code threads}, {@code epochs},
 * {@code seconds_per_epoch} (median wall seconds of the batch loop, as the PyTorch reference's
 * {@code train_s}), {@code sample_seconds_per_epoch} (negative sampling and shuffling), {@code
 * train_samples_per_s} (positives + negatives per second of the loop, median over all epochs),
 * {@code train_samples_per_s_warm} (median over epochs 2+), {@code eval_seconds}, {@code
 * peak_rss_mb} (VmHWM of the process so far), {@code alloc_bytes_per_batch} (heap bytes allocated
 * per batch in the last epoch's loop), {@code foreign_cores} (median over epochs of the CPU other
 * processes used during the loop, in cores, as the PyTorch references report it), {@code quality}
 * and {@code load_avg} (1-minute load average at the end; above the core count means shared-machine
 * figures).
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp rec4j-benchmarks.jar
 * org.rec4j.bench.Workload --workload NAME [--threads T] [--epochs E] [--data-root DIR] [--models
 * a,b] [--repeat R] [--seed S] [--jfr FILE]}.
 */
public final class Workload {
  private Workload() {}

  /** The named workloads. */
  enum Name {
    NEUMF_ML1M("neumf-ml1m", 20, "neumf"),
    MF_ML1M("mf-ml1m", 20, "mf"),
    RATING_ML100K("rating-ml100k", 50, "ncf", "widedeep", "neumf"),
    EVAL_FULL_ML1M("eval-full-ml1m", 1, "mf", "neumf"),
    EVAL_SAMPLED_ML1M("eval-sampled-ml1m", 1, "mf", "neumf"),
    SASREC_VIDEO("sasrec-video", 20, "sasrec", "gru4rec"),
    LIGHTGCN_LASTFM("lightgcn-lastfm", 5, "lightgcn");

    final String label;
    final int defaultEpochs;
    final List<String> models;

    Name(String label, int defaultEpochs, String... models) {
      this.label = label;
      this.defaultEpochs = defaultEpochs;
      this.models = List.of(models);
    }

    static Name of(String label) {
      for (Name n : values()) if (n.label.equals(label)) return n;
      throw new IllegalArgumentException(
          "--workload: unknown '"
              + label
              + "'; expected one of "
              + Arrays.stream(values()).map(n -> n.label).toList());
    }

    boolean evaluationOnly() {
      return this == EVAL_FULL_ML1M || this == EVAL_SAMPLED_ML1M;
    }
  }

  /** Parsed command line. */
  record Options(
      Name workload,
      int threads,
      int epochs,
      Path dataRoot,
      List<String> models,
      int repeat,
      long seed,
      Path jfr) {}

  /**
   * Runs the workload named on the command line; a bad argument or missing file ends with a
   * one-line error.
   */
  public static void main(String[] args) {
    Options o;
    try {
      o = parse(args);
    } catch (IllegalArgumentException e) {
      System.err.println("workload: error: " + e.getMessage());
      System.exit(2);
      return;
    }
    try {
      run(o, System.out, System.err);
    } catch (IllegalArgumentException | java.io.UncheckedIOException e) {
      System.err.println("workload: error: " + e.getMessage());
      System.exit(1);
    }
  }

  /** Parses {@code --key value} pairs; unknown keys and malformed numbers fail naming the key. */
  static Options parse(String[] args) {
    Map<String, String> kv = new LinkedHashMap<>();
    List<String> keys =
        List.of(
            "--workload",
            "--threads",
            "--epochs",
            "--data-root",
            "--models",
            "--repeat",
            "--seed",
            "--jfr");
    for (int i = 0; i < args.length; i++) {
      String a = args[i], v = null;
      int eq = a.indexOf('=');
      if (a.startsWith("--") && eq > 0) {
        v = a.substring(eq + 1);
        a = a.substring(0, eq);
      }
      if (!keys.contains(a))
        throw new IllegalArgumentException("unknown option '" + a + "'; expected " + keys);
      if (v == null) {
        if (i + 1 >= args.length) throw new IllegalArgumentException(a + " needs a value");
        v = args[++i];
      }
      kv.put(a, v);
    }
    if (!kv.containsKey("--workload")) {
      throw new IllegalArgumentException(
          "--workload is required: one of "
              + Arrays.stream(Name.values()).map(n -> n.label).toList());
    }
    Name w = Name.of(kv.get("--workload"));
    int threads = positive(kv, "--threads", 1);
    int epochs = positive(kv, "--epochs", w.defaultEpochs);
    int repeat = positive(kv, "--repeat", 5);
    long seed;
    try {
      seed = Long.parseLong(kv.getOrDefault("--seed", "42"));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "--seed: expected an integer, got '" + kv.get("--seed") + "'");
    }
    List<String> models = w.models;
    if (kv.containsKey("--models")) {
      models = List.of(kv.get("--models").split(","));
      for (String m : models) {
        if (!w.models.contains(m))
          throw new IllegalArgumentException(
              "--models: '" + m + "' is not part of " + w.label + " " + w.models);
      }
    }
    Path jfr = kv.containsKey("--jfr") ? Path.of(kv.get("--jfr")) : null;
    return new Options(
        w,
        threads,
        epochs,
        Path.of(kv.getOrDefault("--data-root", "../shared/data")),
        models,
        repeat,
        seed,
        jfr);
  }

  private static int positive(Map<String, String> kv, String key, int def) {
    String v = kv.get(key);
    if (v == null) return def;
    try {
      int n = Integer.parseInt(v);
      if (n >= 1) return n;
    } catch (NumberFormatException e) {
      // fall through to the message below
    }
    throw new IllegalArgumentException(key + ": expected an integer >= 1, got '" + v + "'");
  }

  /** Runs {@code o}, writing result lines to {@code out} and progress to {@code log}. */
  static void run(Options o, PrintStream out, PrintStream log) {
    boolean rating = o.workload() == Name.RATING_ML100K;
    boolean seq = o.workload() == Name.SASREC_VIDEO;
    boolean graph = o.workload() == Name.LIGHTGCN_LASTFM;
    Path dir =
        graph
            ? o.dataRoot().resolve("lastfm")
            : seq
                ? o.dataRoot().resolve("amazon-games")
                : rating
                    ? o.dataRoot().resolve("ml-100k")
                    : o.dataRoot().resolve("ml-1m").resolve("ncf");
    if (graph) requireFiles(dir, "data1.txt", "test1.txt");
    else if (seq) requireFiles(dir, "Video.txt");
    else if (rating) requireFiles(dir, "u.data", "u1.base", "u1.test");
    else requireFiles(dir, "ml-1m.train.rating", "ml-1m.test.rating", "ml-1m.test.negative");
    DataSpec spec =
        DataSpec.parse(
            graph
                ? "lastfm:" + dir
                : seq
                    ? "sasrec:" + dir.resolve("Video.txt")
                    : (rating ? "ml-100k:" : "ncf:") + dir);
    long t0 = System.nanoTime();
    Dataset ds = spec.load();
    double loadSeconds = (System.nanoTime() - t0) / 1e9;
    log.printf(
        Locale.ROOT,
        "# %s: %s loaded in %.2f s, kernels %s, java %s%n",
        o.workload().label,
        ds.name(),
        loadSeconds,
        KernelProvider.get().name(),
        Runtime.version());
    JfrProbe jfr = o.jfr() == null ? null : new JfrProbe(o.jfr(), o.epochs() == 1);
    for (String model : o.models()) {
      Protocol p =
          switch (o.workload()) {
            case RATING_ML100K -> Protocol.RATING;
            case EVAL_FULL_ML1M -> Protocol.FULL;
            default -> Protocol.SAMPLED;
          };
      ExperimentConfig c =
          graph
              ? lightGcn(spec, model, o)
              : seq
                  ? sequential(spec, model, o)
                  : rating ? ratingSeed(spec, model, o) : ncf(spec, model, p, o);
      AllocationProbe alloc = new AllocationProbe();
      ContentionProbe contention = new ContentionProbe();
      List<TrainingListener> ls =
          new ArrayList<>(List.of(new LogListener(log, "  " + model + " "), alloc, contention));
      if (jfr != null) ls.add(jfr);
      long w0 = System.nanoTime();
      ExperimentResult r = Experiment.run(c, ds, ls.toArray(TrainingListener[]::new));
      JsonLine line =
          new JsonLine()
              .put("workload", o.workload().label)
              .put("model", model)
              .put("threads", o.threads());
      if (o.workload().evaluationOnly()) {
        evaluationTimes(line, c, ds, r, o);
      } else {
        training(line, r.history(), alloc);
        line.put("foreign_cores", median(contention.perEpoch()));
        line.put("eval_seconds", r.evalSeconds());
        line.put("quality", quality(r.metrics(), rating));
        for (String on :
            new String[] {
              "", org.rec4j.experiment.Experiment.ON_TEST
            }) { // on validation, or labelled on test
          Double best = r.metrics().get("best_" + c.trainer().monitor() + on);
          if (best != null)
            line.put("best_" + c.trainer().monitor() + on, best)
                .put("best_epoch" + on, r.metrics().get("best_epoch" + on).intValue());
        }
      }
      line.put("wall_seconds", (System.nanoTime() - w0) / 1e9)
          .put("load_seconds", loadSeconds)
          .put("peak_rss_mb", ProcStatus.peakRssMb())
          .put("load_avg", loadAverage())
          .put("kernels", KernelProvider.get().name())
          .put("java", Runtime.version().toString());
      out.println(line);
      out.flush();
    }
  }

  /**
   * The NCF-protocol experiment {@code rec4j train --model M --data ncf:DIR --factors 8} resolves
   * to.
   */
  static ExperimentConfig ncf(DataSpec spec, String model, Protocol p, Options o) {
    int f = 8;
    TrainerConfig tc =
        new TrainerConfig(
            o.epochs(),
            256,
            1e-3,
            OptimizerKind.ADAM,
            0f,
            Objective.BCE,
            4,
            o.seed(),
            o.threads(),
            1,
            "ndcg@10",
            0,
            false);
    // as the CLI resolves it: the models' own defaults for ranking (factors 8, layers [64,32,16,8])
    return ExperimentConfig.builder(spec, model, tc)
        .split(SplitSpec.parse("given"))
        .settingsWhereDeclared(java.util.Map.of("factors", f))
        .protocol(p)
        .build();
  }

  /**
   * SASRec's Amazon Games setup as {@code rec4j train --model sasrec --data sasrec:Video.txt
   * --protocol sampled} resolves it (L 50, d 50, 2 blocks, 1 head, dropout 0.5, batch 128, Adam
   * 1e-3 β₂ 0.98; leave-one-out with validation; 100 uniform negatives), validated once at the end
   * like {@code torch_sasrec.py --eval-every E}. The headline quality is the sampled test
   * HR@10/NDCG@10; the full-ranking figures ride along as {@code full_*}.
   */
  static ExperimentConfig sequential(DataSpec spec, String model, Options o) {
    TrainerConfig tc =
        TrainerConfig.sequenceDefaults().toBuilder()
            .epochs(o.epochs())
            .threads(o.threads())
            .seed(o.seed())
            .validateEvery(o.epochs())
            .build();
    return ExperimentConfig.builder(spec, model, tc)
        .split(SplitSpec.parse("loo:val"))
        .protocol(Protocol.SAMPLED)
        .sampledNegatives(100)
        .build();
  }

  /**
   * LightGCN on Last.fm as {@code torch_lightgcn.py --data …/lastfm} trains it (d 64, 3 layers,
   * decay 1e-4, Adam 1e-3, batch 2048), full ranking of the given test pairs with Recall@20 /
   * NDCG@20, evaluated once at the end.
   */
  static ExperimentConfig lightGcn(DataSpec spec, String model, Options o) {
    TrainerConfig tc =
        TrainerConfig.implicitDefaults().toBuilder()
            .epochs(o.epochs())
            .batchSize(2048)
            .threads(o.threads())
            .seed(o.seed())
            .monitor("ndcg@20")
            .validateEvery(o.epochs())
            .build();
    return ExperimentConfig.builder(spec, model, tc)
        .split(SplitSpec.parse("given"))
        .protocol(Protocol.FULL)
        .ks(new int[] {20})
        .build();
  }

  /**
   * The seed's rating setup, as {@code rec4j train --model M --data ml-100k:DIR --split u1}
   * resolves it.
   */
  static ExperimentConfig ratingSeed(DataSpec spec, String model, Options o) {
    TrainerConfig tc =
        new TrainerConfig(
            o.epochs(),
            64,
            1e-3,
            OptimizerKind.ADAM,
            0f,
            Objective.MSE,
            0,
            o.seed(),
            o.threads(),
            1,
            "rmse",
            0,
            false);
    // the models' own defaults for ratings (factors 10, layers [20,20,10], dropout 0.1)
    return ExperimentConfig.builder(spec, model, tc)
        .split(SplitSpec.parse("u1"))
        .protocol(Protocol.RATING)
        .build();
  }

  private static void training(JsonLine line, TrainingHistory h, AllocationProbe alloc) {
    List<EpochStats> es = h.epochs();
    List<EpochStats> warm = es.size() > 1 ? es.subList(1, es.size()) : es;
    EpochStats last = h.last();
    line.put("epochs", es.size())
        .put(
            "seconds_per_epoch",
            median(es.stream().mapToDouble(EpochStats::trainSeconds).toArray()))
        .put(
            "sample_seconds_per_epoch",
            median(es.stream().mapToDouble(EpochStats::sampleSeconds).toArray()))
        .put("samples_per_epoch", Math.round(last.samplesPerSecond() * last.trainSeconds()))
        .put(
            "train_samples_per_s",
            median(es.stream().mapToDouble(EpochStats::samplesPerSecond).toArray()))
        .put(
            "train_samples_per_s_warm",
            median(warm.stream().mapToDouble(EpochStats::samplesPerSecond).toArray()))
        .put("per_epoch_seconds", es.stream().mapToDouble(EpochStats::trainSeconds).toArray())
        .put("alloc_bytes_per_batch", alloc.bytesPerBatch());
  }

  /**
   * Re-evaluates the trained model {@code repeat} times on the same task and records the wall
   * times.
   */
  private static void evaluationTimes(
      JsonLine line, ExperimentConfig c, Dataset ds, ExperimentResult r, Options o) {
    Interactions test = c.split().apply(c.data(), ds, new Rng(c.trainer().seed())).test();
    Interactions train = r.train();
    RankingTask task =
        c.protocol() == Protocol.FULL
            ? EvalTasks.full(train, test)
            : EvalTasks.sampled(
                train, test, ds.candidates(), c.sampledNegatives(), c.trainer().seed() + 99);
    Evaluator ev = Evaluator.standard(o.threads(), c.ks());
    double[] secs = new double[o.repeat()];
    RankingResult res = null;
    for (int i = 0; i < secs.length; i++) {
      long t0 = System.nanoTime();
      res = ev.evaluate(r.model(), task);
      secs[i] = (System.nanoTime() - t0) / 1e9;
    }
    double[] sorted = secs.clone();
    Arrays.sort(sorted);
    line.put("protocol", c.protocol().name().toLowerCase(Locale.ROOT))
        .put("train_epochs", r.history().epochs().size())
        .put("users", res.users())
        .put("eval_seconds", median(secs))
        .put("eval_seconds_min", sorted[0])
        .put("eval_seconds_runs", secs)
        .put("quality", quality(res.means(), false));
  }

  private static Map<String, Object> quality(Map<String, Double> metrics, boolean rating) {
    Map<String, Object> q = new LinkedHashMap<>();
    for (String k :
        rating
            ? List.of("rmse", "mae")
            : List.of("hr@10", "ndcg@10", "full_hr@10", "full_ndcg@10", "recall@20", "ndcg@20"))
      if (metrics.containsKey(k)) q.put(k, metrics.get(k));
    return q;
  }

  /** Fails with the path of the first file of {@code names} missing in {@code dir}. */
  static void requireFiles(Path dir, String... names) {
    for (String n : names) {
      Path p = dir.resolve(n);
      if (!Files.isRegularFile(p))
        throw new IllegalArgumentException(
            "missing data file " + p.toAbsolutePath().normalize() + " (see --data-root)");
    }
  }

  /** Median of {@code v} (mean of the middle two for even lengths); NaN when empty. */
  static double median(double[] v) {
    if (v.length == 0) return Double.NaN;
    double[] s = v.clone();
    Arrays.sort(s);
    return s.length % 2 == 1 ? s[s.length / 2] : (s[s.length / 2 - 1] + s[s.length / 2]) / 2;
  }

  private static double loadAverage() {
    try {
      return Double.parseDouble(Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+")[0]);
    } catch (java.io.IOException | RuntimeException e) {
      return Double.NaN;
    }
  }
}
