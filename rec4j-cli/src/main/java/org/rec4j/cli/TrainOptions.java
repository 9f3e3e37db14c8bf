package org.rec4j.cli;

import java.util.Arrays;
import java.util.List;
import org.rec4j.cli.config.RunConfig;
import org.rec4j.data.Dataset;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.Protocol;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.ScheduleSpec;
import org.rec4j.train.TrainerConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The model and training flags of {@code rec4j train} (a mixin, so {@code compare} and {@code
 * bench} share them). Unset flags take the defaults of the task, written once each: training
 * defaults in {@link TrainerConfig#implicitDefaults()} (NCF paper: BCE, 4 negatives, Adam 1e-3,
 * batch 256, 20 epochs, sampled protocol), {@link TrainerConfig#ratingDefaults()} (the seed: MSE,
 * batch 64, 50 epochs, RMSE/MAE) and {@link TrainerConfig#ctrDefaults()} (BCE, batch 1024, early
 * stopping on validation AUC); model defaults in each model's factory ({@code
 * RecommenderFactory#settings()}), which the flags {@code --factors}, {@code --layers}, {@code
 * --dropout}, {@code --batch-norm}, {@code --cross-buckets}, {@code --init-std} and {@code --set
 * KEY=VALUE} only override — a setting the model does not have is an error naming its closest one.
 * A config file enters through {@link #fillFrom(RunConfig)}, which sets only the fields whose flag
 * was not given, so the layering is defaults &lt; file &lt; flags.
 */
public final class TrainOptions {
  @Option(
      names = "--model",
      paramLabel = "NAME",
      description =
          "Model name: mf, gmf, ncf, neumf, widedeep (required unless a "
              + "config file names it).")
  String model;

  @Option(
      names = "--task",
      paramLabel = "TASK",
      description =
          "rating, implicit or ctr (click-through: feature models such as deepfm on data with user and item "
              + "features — ml-1m, ml-100k, synthetic: — or libfm:DIR Frappe; label rating >= 4, seeded 8:1:1 split, "
              + "AUC/logloss/gAUC). Default: ctr for feature models, implicit for ncf/sasrec/lightgcn/lastfm/libfm "
              + "data and synthetic kind=implicit, rating otherwise.")
  String task;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "A setting of the model (repeatable), e.g. --set lambda=1000 for ease, --set cin_sizes=64,64 for "
              + "xdeepfm; 'rec4j config show --model NAME' lists a model's settings with their defaults.")
  java.util.Map<String, String> set;

  /** The config file's {@code model.batch_norm}, or null. */
  private Boolean batchNormFromFile;

  /** The config file's {@code model.settings}, or null. */
  private java.util.Map<String, Object> fileSettings;

  @Option(
      names = "--split",
      paramLabel = "SPLIT",
      description =
          "given, loo, loo-random, ratio:F, temporal:F, kfold:K[,I], random:TEST, given-n:N, u1..u5 "
              + "(default: the data's own split, else loo for implicit and ratio:0.8 for ratings).")
  String split;

  @Option(names = "--epochs", paramLabel = "N", description = "Training epochs.")
  Integer epochs;

  @Option(
      names = "--factors",
      paramLabel = "K",
      description = "Embedding size of dot-product parts.")
  Integer factors;

  @Option(
      names = "--layers",
      split = ",",
      paramLabel = "W",
      description = "MLP widths, input first (NCF convention), e.g. 64,32,16,8.")
  int[] layers;

  @Option(names = "--dropout", paramLabel = "P", description = "Dropout after hidden layers.")
  Float dropout;

  @Option(
      names = "--batch-norm",
      negatable = true,
      description = "Batch normalization in hidden layers.")
  boolean batchNorm;

  @Option(
      names = "--negatives",
      paramLabel = "N",
      description = "Sampled negatives per positive (implicit).")
  Integer negatives;

  @Option(names = "--objective", paramLabel = "LOSS", description = "mse, mae, huber, bce, bpr.")
  String objective;

  @Option(
      names = "--optimizer",
      paramLabel = "OPT",
      description = "adam, adamw, sgd, adagrad, rmsprop, ftrl (default adam).")
  String optimizer;

  @Option(names = "--lr", paramLabel = "X", description = "Learning rate (default 0.001).")
  Double lr;

  @Option(
      names = "--schedule",
      paramLabel = "SPEC",
      description =
          "Learning-rate schedule in epochs, applied every step: "
              + "constant (default), cosine[:MIN], step:EVERY,GAMMA, exp:GAMMA, warmup:W+<one of those>.")
  String schedule;

  @Option(
      names = "--swa",
      paramLabel = "EPOCH",
      description =
          "Stochastic weight averaging: average the weights at the end "
              + "of this epoch and every later one; validation and the final model use the average (default 0 = off).")
  Integer swa;

  @Option(
      names = "--l2",
      paramLabel = "X",
      description = "L2 penalty on touched parameters (default 0).")
  Float l2;

  @Option(names = "--batch", paramLabel = "B", description = "Mini-batch size.")
  Integer batch;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description =
          "Data-parallel training and evaluation threads (default 1). With one "
              + "thread, large matrix products still use every core; REC4J_JAVA_OPTS=-Drec4j.threads=1 keeps a run on one core.")
  Integer threads;

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed of every random draw (default 42).")
  Long seed;

  @Option(
      names = "--pretrain",
      negatable = true,
      description = "NeuMF: pre-train GMF and NCF, combine with alpha 0.5, then fine-tune.")
  boolean pretrain;

  @Option(
      names = "--finetune-sgd",
      negatable = true,
      description = "With --pretrain: fine-tune with plain SGD as in the NCF paper.")
  boolean finetuneSgd;

  @Option(
      names = "--pretrained-gmf",
      paramLabel = "DIR",
      description =
          "With --pretrain: a saved GMF model (directory or "
              + "zip, trained on the same --data and --split) to use instead of training the GMF stage.")
  String pretrainedGmf;

  @Option(
      names = "--pretrained-mlp",
      paramLabel = "DIR",
      description =
          "With --pretrain: a saved NCF (MLP) model to use " + "instead of training the MLP stage.")
  String pretrainedMlp;

  @Option(
      names = "--alpha",
      paramLabel = "A",
      description =
          "With --pretrain: weight of the GMF stage's output layer in "
              + "NeuMF's, 1 - A for the MLP stage's (default 0.5, the paper's).")
  Float alpha;

  @Option(
      names = "--finetune-epochs",
      paramLabel = "N",
      description =
          "With --pretrain: epochs of training the combined "
              + "NeuMF (default: --epochs); 0 keeps and evaluates the combination as built.")
  Integer finetuneEpochs;

  @Option(
      names = "--cross-buckets",
      paramLabel = "N",
      description = "Wide&Deep hashed user x item cross buckets (default 0 = none).")
  Integer crossBuckets;

  @Option(
      names = "--protocol",
      paramLabel = "P",
      description = "sampled, full or rating (default: rating for ratings, sampled otherwise).")
  String protocol;

  @Option(
      names = {"-k", "--k"},
      split = ",",
      paramLabel = "K",
      description = "Cut-offs for ranking metrics (default 10).")
  int[] ks;

  @Option(
      names = "--eval-negatives",
      paramLabel = "N",
      description =
          "Sampled candidates per test case when the data provides none (default 99; 100 for"
              + " sequential models, as SASRec and BERT4Rec).")
  Integer evalNegatives;

  @Option(
      names = "--eval-sampler",
      paramLabel = "S",
      description =
          "How sampled candidates are drawn: uniform (default; SASRec, NCF) or popularity (in"
              + " proportion to training counts; BERT4Rec's protocol).")
  String evalSampler;

  @Option(
      names = "--validation",
      paramLabel = "F",
      description =
          "Hold out this fraction of each user's training data for "
              + "per-epoch validation and early stopping when the split has no validation part (default 0: per-epoch metrics on "
              + "test, labelled _on_test, and no early stopping). Test ranking excludes these items too; the model is not "
              + "retrained on them.")
  Double validation;

  @Option(
      names = "--init-std",
      paramLabel = "S",
      description = "Std of the N(0, S²) embedding initialization (default 0.01).")
  Float initStd;

  @Option(
      names = "--eval-every",
      paramLabel = "N",
      description =
          "Evaluate every N epochs and at the last one, on the "
              + "validation part (else on test; default 1); 0 = never: only the final model is evaluated, on test.")
  Integer evalEvery;

  @Option(
      names = "--patience",
      paramLabel = "N",
      description = "Early stopping after N validations without improvement (default off).")
  Integer patience;

  @Option(
      names = "--monitor",
      paramLabel = "METRIC",
      description = "Validation metric for early stopping (default ndcg@10 or rmse).")
  String monitor;

  /**
   * The command this mixin belongs to, to tell a switch left unset from one given as {@code
   * --no-…}.
   */
  @Spec(Spec.Target.MIXEE)
  CommandSpec mixee;

  /** The task of the run: --task, else ctr for feature models, else from the data format. */
  String task(DataSpec spec) {
    if (task != null) {
      String t = task.toLowerCase(java.util.Locale.ROOT);
      if (!List.of("rating", "implicit", "ctr").contains(t))
        throw new IllegalArgumentException(
            "--task: expected rating, implicit or ctr, got '" + task + "'");
      return t;
    }
    if (model != null
        && org.rec4j.model.ModelRegistry.factory(model)
            .inputs()
            .contains(org.rec4j.model.ModelInput.FEATURES)) return "ctr";
    if (sequentialModel()) return "implicit"; // next-item ranking, whatever the data's values
    return rating(spec) ? "rating" : "implicit";
  }

  /** Whether {@code --model} reads ordered histories (predicts the next item). */
  boolean sequentialModel() {
    return model != null
        && org.rec4j.model.ModelRegistry.names().contains(model)
        && org.rec4j.model.ModelRegistry.factory(model)
            .inputs()
            .contains(org.rec4j.model.ModelInput.HISTORY);
  }

  /** Whether the run fits ratings, from --task or the data format. */
  boolean rating(DataSpec spec) {
    if (task == null && objective == null && sequentialModel()) return false;
    if (task != null) {
      return switch (task.toLowerCase(java.util.Locale.ROOT)) {
        case "rating" -> true;
        case "implicit", "ctr" -> false;
        default ->
            throw new IllegalArgumentException(
                "--task: expected rating, implicit or ctr, got '" + task + "'");
      };
    }
    if (objective != null) return Objective.of(objective).isRating();
    return switch (spec.format()) {
      case NCF, SASREC, LIGHTGCN, LASTFM, LIBFM -> false;
      case SYNTHETIC -> !"implicit".equals(spec.options().get("kind"));
      default -> true;
    };
  }

  /**
   * Fills every field whose flag was not given from {@code file} (a flag given on the command line
   * wins, including {@code --no-batch-norm}, {@code --no-pretrain}, {@code --no-finetune-sgd}
   * against a file's {@code true}). The file's {@code data.spec} is not a field here: the command
   * reads it (see {@code ConfigMixin}).
   */
  public void fillFrom(RunConfig file) {
    RunConfig.Model m = file.model();
    RunConfig.Trainer t = file.trainer();
    RunConfig.Evaluation e = file.evaluation();
    if (model == null) model = m.name();
    if (split == null) split = file.data().split();
    if (factors == null) factors = m.factors();
    if (layers == null) layers = ints(m.layers());
    if (dropout == null) dropout = m.dropout();
    if (!given("--batch-norm") && m.batchNorm() != null) batchNorm = m.batchNorm();
    batchNormFromFile = m.batchNorm();
    if (crossBuckets == null) crossBuckets = m.crossBuckets();
    if (initStd == null) initStd = m.initStd();
    fileSettings = m.settings();
    if (!given("--pretrain") && m.pretrain() != null) pretrain = m.pretrain();
    if (!given("--finetune-sgd") && m.finetuneSgd() != null) finetuneSgd = m.finetuneSgd();
    if (pretrainedGmf == null) pretrainedGmf = m.pretrainedGmf();
    if (pretrainedMlp == null) pretrainedMlp = m.pretrainedMlp();
    if (alpha == null) alpha = m.alpha();
    if (finetuneEpochs == null) finetuneEpochs = m.finetuneEpochs();
    if (task == null) task = t.task();
    if (objective == null) objective = t.objective();
    if (epochs == null) epochs = t.epochs();
    if (batch == null) batch = t.batch();
    if (optimizer == null) optimizer = t.optimizer();
    if (lr == null) lr = t.lr();
    if (schedule == null) schedule = t.schedule();
    if (swa == null) swa = t.swa();
    if (l2 == null) l2 = t.l2();
    if (negatives == null) negatives = t.negatives();
    if (threads == null) threads = t.threads();
    if (seed == null) seed = t.seed();
    if (validation == null) validation = t.validation();
    if (patience == null) patience = t.patience();
    if (evalEvery == null) evalEvery = t.evalEvery();
    if (monitor == null) monitor = t.monitor();
    if (protocol == null) protocol = e.protocol();
    if (ks == null) ks = ints(e.k());
    if (evalNegatives == null) evalNegatives = e.evalNegatives();
  }

  /**
   * Whether the switch {@code name} (or its {@code --no-} form) was on the command line; unknown
   * outside picocli.
   */
  private boolean given(String name) {
    if (mixee == null
        || mixee.commandLine() == null
        || mixee.commandLine().getParseResult() == null) {
      return name.equals("--batch-norm")
          ? batchNorm
          : name.equals("--pretrain") ? pretrain : finetuneSgd;
    }
    return mixee.commandLine().getParseResult().hasMatchedOption(name);
  }

  private static int[] ints(List<Integer> xs) {
    return xs == null ? null : xs.stream().mapToInt(Integer::intValue).toArray();
  }

  /**
   * The model settings given for this run, in the order: config file, dedicated flags, {@code
   * --set}; each checked against the model's own settings, naming its source when it has no such
   * key.
   */
  java.util.Map<String, Object> modelSettings() {
    org.rec4j.model.RecommenderFactory f = org.rec4j.model.ModelRegistry.factory(model);
    java.util.List<org.rec4j.config.Setting<?>> declared = f.settings();
    java.util.Map<String, Object> out = new java.util.LinkedHashMap<>();
    java.util.function.Predicate<String> has =
        k -> declared.stream().anyMatch(d -> d.key().equals(k));
    // the shared flags (and the config file's typed model keys) apply to the models that read
    // them: the same command line trains gmf, ncf and neumf stages alike; a model that does not
    // read one says so on stderr
    java.util.List<String> ignored = new java.util.ArrayList<>();
    java.util.function.BiConsumer<String, Object> shared =
        (key, value) -> {
          if (value == null) return;
          if (has.test(key)) out.put(key, value);
          else ignored.add(key);
        };
    shared.accept("factors", factors);
    shared.accept("layers", layers);
    shared.accept("dropout", dropout == null ? null : (Object) (double) dropout);
    shared.accept(
        "batch_norm",
        mixee != null && mixee.commandLine() != null && given("--batch-norm")
            ? (Object) batchNorm
            : batchNormFromFile != null ? batchNormFromFile : batchNorm ? Boolean.TRUE : null);
    shared.accept("cross_buckets", crossBuckets);
    shared.accept("embedding_std", initStd == null ? null : (Object) (double) initStd);
    if (!ignored.isEmpty() && mixee != null && mixee.commandLine() != null)
      mixee
          .commandLine()
          .getErr()
          .println(
              "rec4j: note: "
                  + f.name()
                  + " has no "
                  + String.join(", ", ignored)
                  + " setting; ignored (its settings: "
                  + (declared.isEmpty()
                      ? "none"
                      : String.join(", ", declared.stream().map(d -> d.key()).toList()))
                  + ")");
    // settings named for this model are checked strictly: a typo gets the closest key
    if (fileSettings != null)
      fileSettings.forEach((k, v) -> {
        if (!has.test(k))
          throw org.rec4j.config.Settings.unknown(f.name(), declared, k, "model.settings");
        out.put(k, v);
      });
    if (set != null)
      set.forEach((k, v) -> {
        if (!has.test(k)) throw org.rec4j.config.Settings.unknown(f.name(), declared, k, "--set");
        out.put(k, v);
      });
    return out;
  }

  /**
   * Refuses a model the task cannot train before any data is read: a feature model outside the ctr
   * task, an id model inside it.
   */
  void checkModelFitsTask(DataSpec spec) {
    if (model == null) return;
    org.rec4j.model.RecommenderFactory f = org.rec4j.model.ModelRegistry.factory(model);
    boolean features = f.inputs().contains(org.rec4j.model.ModelInput.FEATURES);
    String t = task(spec);
    if (features && !t.equals("ctr"))
      throw new IllegalArgumentException(
          "--task "
              + t
              + ": "
              + f.name()
              + " is a click-through model over feature fields; use --task ctr");
    if (f.inputs().contains(org.rec4j.model.ModelInput.HISTORY) && t.equals("rating"))
      throw new IllegalArgumentException(
          "--task rating: "
              + f.name()
              + " predicts the next item of a sequence and is evaluated by ranking; use --task implicit");
    if (f.inputs().contains(org.rec4j.model.ModelInput.GRAPH) && t.equals("rating"))
      throw new IllegalArgumentException(
          "--task rating: "
              + f.name()
              + " propagates over the user-item graph of implicit feedback and is evaluated by"
              + " ranking; use --task implicit");
    if (!features && t.equals("ctr"))
      throw new IllegalArgumentException(
          "--task ctr: "
              + f.name()
              + " ranks user and item ids; the ctr task takes the feature models ("
              + String.join(
                  ", ",
                  org.rec4j.model.ModelRegistry.namesNeeding(org.rec4j.model.ModelInput.FEATURES))
              + ")");
  }

  /** The resolved experiment for {@code spec} (whose data {@code ds} decides the default split). */
  ExperimentConfig resolve(DataSpec spec, Dataset ds) {
    if (model == null)
      throw new IllegalArgumentException("missing --model NAME (or model.name in --config FILE)");
    org.rec4j.model.ModelRegistry.factory(model); // unknown names fail here, suggesting the closest
    checkModelFitsTask(spec);
    String t = task(spec);
    boolean rating = t.equals("rating"), ctr = t.equals("ctr");
    boolean sequential =
        org.rec4j.model.ModelRegistry.factory(model)
            .inputs()
            .contains(org.rec4j.model.ModelInput.HISTORY);
    TrainerConfig base =
        ctr
            ? TrainerConfig.ctrDefaults()
            : rating
                ? TrainerConfig.ratingDefaults()
                : sequential ? TrainerConfig.sequenceDefaults() : TrainerConfig.implicitDefaults();
    Objective obj = objective != null ? Objective.of(objective) : base.objective();
    if (obj.isRating() != rating || (ctr && obj != Objective.BCE))
      throw new IllegalArgumentException(
          "--objective " + objective + " does not fit a " + t + " task" + (ctr ? " (bce)" : ""));
    String monitorKey =
        monitor != null
            ? monitor
            : ctr ? base.monitor() : rating ? "rmse" : "ndcg@" + (ks == null ? 10 : ks[0]);
    int pat = patience != null ? patience : base.patience();
    int swaFrom = swa != null ? swa : 0;
    TrainerConfig.Builder tb =
        base.toBuilder()
            .objective(obj)
            .monitor(monitorKey)
            .patience(pat)
            .restoreBest(
                ctr ? pat > 0 && swaFrom == 0 : patience != null && pat > 0 && swaFrom == 0)
            .schedule(ScheduleSpec.parse(schedule))
            .swaFrom(swaFrom);
    if (epochs != null) tb.epochs(epochs);
    if (batch != null) tb.batchSize(batch);
    if (lr != null) tb.learningRate(lr);
    if (optimizer != null) tb.optimizer(OptimizerKind.of(optimizer));
    if (l2 != null) tb.l2(l2);
    if (negatives != null) tb.negatives(negatives);
    if (seed != null) tb.seed(seed);
    if (threads != null) tb.threads(threads);
    if (evalEvery != null) tb.validateEvery(evalEvery);
    TrainerConfig tc = tb.build();
    Protocol p;
    if (ctr) {
      if (protocol != null && !protocol.equalsIgnoreCase("ctr"))
        throw new IllegalArgumentException(
            "--protocol "
                + protocol
                + ": the ctr task is evaluated by AUC, log loss and gAUC (protocol ctr)");
      if (split != null)
        throw new IllegalArgumentException(
            "--split "
                + split
                + ": the ctr task uses its own seeded 8:1:1 split of the impressions");
      p = Protocol.CTR;
    } else {
      p =
          protocol != null
              ? Protocol.of(protocol)
              : rating ? Protocol.RATING : sequential ? Protocol.FULL : Protocol.SAMPLED;
      if (p == Protocol.CTR) throw new IllegalArgumentException("--protocol ctr needs --task ctr");
    }
    String sp =
        split != null
            ? split
            : sequential
                ? "loo:val"
                : ctr || ds == null || ds.split().isPresent()
                    ? "given"
                    : rating ? "ratio:0.8" : "loo";
    ExperimentConfig.Pretrain pre =
        new ExperimentConfig.Pretrain(
            pretrain,
            finetuneSgd,
            pretrainedGmf == null ? null : java.nio.file.Path.of(pretrainedGmf),
            pretrainedMlp == null ? null : java.nio.file.Path.of(pretrainedMlp),
            alpha != null ? alpha : 0.5f,
            finetuneEpochs != null ? finetuneEpochs : -1);
    return ExperimentConfig.builder(spec, model, tc)
        .split(SplitSpec.parse(sp))
        .settings(modelSettings())
        .protocol(p)
        .sampledNegatives(evalNegatives != null ? evalNegatives : sequential ? 100 : 99)
        .evalSampler(evalSampler)
        .ks(ks != null ? ks : new int[] {10})
        .validation(validation != null ? validation : 0)
        .pretrain(pre)
        .build();
  }

  @Override
  public String toString() {
    return "model=" + model + " layers=" + Arrays.toString(layers);
  }
}
