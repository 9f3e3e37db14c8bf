package org.rec4j.experiment;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.eval.Evaluator;
import org.rec4j.eval.Mae;
import org.rec4j.eval.Mape;
import org.rec4j.eval.RankingResult;
import org.rec4j.eval.RankingTask;
import org.rec4j.eval.Rmse;
import org.rec4j.eval.Scorer;
import org.rec4j.model.GMF;
import org.rec4j.model.IdModelSettings;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NCF;
import org.rec4j.model.NeuMF;
import org.rec4j.model.Recommender;
import org.rec4j.model.RecommenderFactory;
import org.rec4j.train.Fittable;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;
import org.rec4j.train.Validator;

/**
 * One train-and-evaluate run, the engine behind {@code rec4j train} and the benchmark harness: load
 * the data, split it, build the model from the registry (pre-training NeuMF if asked), train with
 * per-epoch evaluation, and evaluate under the configured protocol.
 *
 * <p>Per-epoch evaluation (every {@link TrainerConfig#validateEvery()} epochs and at the last one;
 * never when it is 0) uses the split's validation part when it has one (or one carved from training
 * with {@code validationFraction}); otherwise (the NCF files, MovieLens folds) it uses the test
 * part, exactly as the NCF paper's code and the PyTorch reference do. Choosing an epoch on the test
 * part is peeking, so early stopping and best-epoch restore are refused without a validation part,
 * and the best per-epoch value is then reported as {@code best_<metric>_on_test} and {@code
 * best_epoch_on_test} (with a validation part: {@code best_<metric>}, {@code best_epoch}, values on
 * the validation part). The headline metrics are those of the final model on the test part.
 *
 * <p>Candidates with a validation part: validation ranking excludes the user's training items (test
 * items are unknown at that time and stay candidates); test ranking excludes training and
 * validation items alike ({@link EvalTasks#known}), and sampled test negatives are drawn outside
 * both. The model is <em>not</em> retrained on training plus validation after the epochs are
 * chosen: the final model is the one trained on the reduced training part (restored to its best
 * validated epoch when early stopping restores).
 */
public final class Experiment {
  /**
   * Suffix of the best-epoch keys when the per-epoch evaluation ran on the test part (no validation
   * part).
   */
  public static final String ON_TEST = "_on_test";

  private Experiment() {}

  /** Runs {@code c}, reporting epochs to {@code listeners}. */
  public static ExperimentResult run(ExperimentConfig c, TrainingListener... listeners) {
    boolean ownFiles =
        c.protocol() == Protocol.CTR
            && c.data().format()
                == org.rec4j.data.io.DataSpec.Format.LIBFM; // Frappe: read by the task
    return run(c, ownFiles ? null : c.data().load(), listeners);
  }

  /**
   * Loads a saved pre-training stage, or returns null when {@code path} is null. The artifact must
   * hold a model of class {@code type} trained on the same user and item ids as {@code train} (the
   * same data and split), else the embedding rows would not line up; sizes are checked when NeuMF
   * copies the weights.
   */
  private static <T extends Recommender> T pretrainedPart(
      java.nio.file.Path path, String flag, Class<T> type, Interactions train) {
    if (path == null) return null;
    org.rec4j.artifact.ModelArtifact.Loaded l = org.rec4j.artifact.ModelArtifact.load(path);
    if (!type.isInstance(l.model())) {
      throw new IllegalArgumentException(
          flag
              + " "
              + path
              + ": expected a "
              + type.getSimpleName().toLowerCase(java.util.Locale.ROOT)
              + " model, found "
              + l.model().name());
    }
    if (!l.users().equals(train.userIndex()) || !l.items().equals(train.itemIndex())) {
      throw new IllegalArgumentException(
          flag
              + " "
              + path
              + ": trained on other user/item ids ("
              + l.users().size()
              + " users, "
              + l.items().size()
              + " items) than this run's training data ("
              + train.userIndex().size()
              + ", "
              + train.itemIndex().size()
              + "); pre-train on the same --data and --split");
    }
    return type.cast(l.model());
  }

  /**
   * Runs {@code c} on already loaded data.
   *
   * @throws IllegalArgumentException when early stopping or best-epoch restore is asked for and the
   *     split has no validation part
   */
  public static ExperimentResult run(
      ExperimentConfig c, Dataset ds, TrainingListener... listeners) {
    if (c.protocol() == Protocol.CTR) return ClickExperiment.run(c, ds, listeners);
    TrainerConfig tc = c.trainer();
    Split split = c.split().apply(c.data(), ds, new org.rec4j.tensor.Rng(tc.seed()));
    if (c.validationFraction() > 0 && split.validation().size() == 0) {
      Split carve =
          org.rec4j.data.split.RandomSplit.perUser(
              split.train(), c.validationFraction(), 0, new org.rec4j.tensor.Rng(tc.seed() + 5));
      split = new Split(carve.train(), carve.test(), split.test());
    }
    Interactions train = split.train(), test = split.test();
    requireBothParts(ds, c, train, test);
    boolean hasValidation = split.validation() != null && split.validation().size() > 0;
    Interactions val = hasValidation ? split.validation() : test;
    if (!hasValidation && (tc.patience() > 0 || tc.restoreBest())) {
      throw new IllegalArgumentException(
          "--patience "
              + tc.patience()
              + ": split "
              + c.split()
              + " has no validation part, and early "
              + "stopping on the test part would pick the epoch by its test score; hold one out with --validation F (e.g. 0.1)");
    }
    int users = Math.max(train.userIndex().size(), test.userIndex().size());
    int items = Math.max(train.itemIndex().size(), test.itemIndex().size());
    ModelInputs inputs = ModelInputs.ids(users, items, tc.objective().isRating(), tc.seed());
    String order = timeOrder(c, train);
    if (order != null)
      inputs =
          inputs.with(
              ModelInput.HISTORY,
              org.rec4j.model.HistoryInput.class,
              new org.rec4j.model.HistoryInput(order));
    if (!tc.objective().isRating())
      inputs =
          inputs.with(
              ModelInput.GRAPH,
              org.rec4j.model.GraphInput.class,
              new org.rec4j.model.GraphInput("training interactions"));
    requireInputs(c, inputs);
    int[][] provided = val == test ? ds.candidates() : null;
    Evaluation valEval = evaluation(c, train, val, provided);
    Evaluation testEval =
        val == test ? valEval : evaluation(c, EvalTasks.known(train, val), test, ds.candidates());

    Recommender model;
    TrainerConfig fine = tc;
    TrainingHistory h = null;
    ExperimentConfig.Pretrain pre = c.pretrain();
    if (pre.enabled()) {
      if (!c.model().equalsIgnoreCase("neumf"))
        throw new IllegalArgumentException("--pretrain applies to neumf only, not " + c.model());
      ModelOptions opt = IdModelSettings.options(inputs, c.settings());
      GMF gmf = pretrainedPart(pre.gmf(), "--pretrained-gmf", GMF.class, train);
      if (gmf == null) {
        gmf = new GMF(opt);
        gmf.fit(train, valEval.validator(gmf), tc, listeners);
      }
      NCF mlp = pretrainedPart(pre.mlp(), "--pretrained-mlp", NCF.class, train);
      if (mlp == null) {
        mlp = new NCF(opt);
        mlp.fit(train, valEval.validator(mlp), tc, listeners);
      }
      NeuMF combined = NeuMF.fromPretrained(opt, gmf, mlp, pre.alpha());
      model = combined;
      if (pre.finetuneSgd()) fine = tc.withOptimizer(OptimizerKind.SGD, tc.learningRate());
      if (pre.finetuneEpochs() > 0) {
        fine = fine.withEpochs(pre.finetuneEpochs());
      } else if (pre.finetuneEpochs()
          == 0) { // the combination as built, like the NCF code's "Init" line
        combined.rememberSeen(train);
        h = new TrainingHistory(List.of(), null, -1, Double.NaN);
      }
    } else {
      model = ModelRegistry.create(c.model(), inputs, c.modelSettings(), "model settings");
    }
    if (h == null) h = fittable(model).fit(train, valEval.validator(model), fine, listeners);
    if (hasValidation) {
      // sequential models rank the test item after everything before it: training + validation
      Interactions v = val;
      model.capability(org.rec4j.model.SequenceHistory.class).ifPresent(s -> s.extendHistories(v));
    }
    long t0 = System.nanoTime();
    Map<String, Double> metrics = new LinkedHashMap<>();
    RankingResult rr = null;
    int evaluated;
    if (c.protocol() == Protocol.RATING) {
      metrics.putAll(
          Evaluator.evaluatePoints(
              model,
              test.userColumn(),
              test.itemColumn(),
              test.valueColumn(),
              new Rmse(),
              new Mae(),
              new Mape()));
      evaluated =
          test.activeUsers(); // users with at least one test rating, not the number of ratings
    } else {
      rr = Evaluator.standard(tc.threads(), c.ks()).evaluate(model, testEval.task());
      metrics.putAll(rr.means());
      evaluated = rr.users();
      if (model.capability(org.rec4j.model.SequenceScorer.class).isPresent()) {
        // sampled metrics can reorder models (Krichene & Rendle, KDD 2020): sequential models
        // report the other ranking protocol on the same test part too, prefixed by its name
        boolean full = c.protocol() == Protocol.FULL;
        Interactions known = EvalTasks.known(train, hasValidation ? val : null);
        RankingTask other;
        try {
          other =
              full
                  ? EvalTasks.sampled(
                      known,
                      test,
                      ds.candidates(),
                      c.sampledNegatives(),
                      c.evalSampler(),
                      tc.seed() + 199)
                  : EvalTasks.full(known, test);
        } catch (IllegalArgumentException tooSmall) {
          other = null; // a catalog too small for the sampled candidates: the chosen protocol only
        }
        String prefix = full ? "sampled_" : "full_";
        if (other != null)
          Evaluator.standard(tc.threads(), c.ks())
              .evaluate(model, other)
              .means()
              .forEach((k, v) -> metrics.put(prefix + k, v));
      }
    }
    double evalSeconds = (System.nanoTime() - t0) / 1e9;
    if (h.bestEpoch() > 0) {
      String on = hasValidation ? "" : ON_TEST;
      metrics.put("best_" + tc.monitor() + on, h.bestValue());
      metrics.put("best_epoch" + on, (double) h.bestEpoch());
    }
    return new ExperimentResult(metrics, h, evalSeconds, model, rr, evaluated, train, test);
  }

  /**
   * A split with an empty training or test part cannot give a model or a metric: say so with the
   * sizes.
   */
  /**
   * The training side of {@code model} (its {@link Fittable} capability), or a clear error when it
   * has none.
   */
  private static Fittable fittable(Recommender model) {
    return model
        .capability(Fittable.class)
        .orElseThrow(() ->
            new IllegalArgumentException(
                "model " + model.name() + " cannot be trained through the trainer"));
  }

  /**
   * The click-through task of {@code spec} (loaded as {@code ds}, which may be null for Frappe's
   * libFM folder): its labelled field examples and seeded 8:1:1 split, as {@code --task ctr} trains
   * and evaluates on them.
   */
  public static org.rec4j.ctr.CtrTask clickTask(org.rec4j.data.io.DataSpec spec, Dataset ds) {
    return ClickExperiment.task(spec, ds);
  }

  /**
   * What orders {@code train} in time for sequential models: its timestamps, or the file order of a
   * sequence file; null when neither (the order of rows would be arbitrary).
   */
  static String timeOrder(ExperimentConfig c, Interactions train) {
    if (train.hasTimestamps()) return "timestamps";
    if (c.data().format() == org.rec4j.data.io.DataSpec.Format.SASREC) return "file order";
    return null;
  }

  /**
   * Refuses a model whose inputs this data does not provide, naming what is missing and which data
   * would provide it.
   */
  static void requireInputs(ExperimentConfig c, ModelInputs inputs) {
    RecommenderFactory f = ModelRegistry.factory(c.model());
    for (ModelInput need : ModelRegistry.missing(f, inputs.available())) {
      throw new IllegalArgumentException(
          f.name()
              + " needs "
              + need.what()
              + "; "
              + c.data()
              + (need == ModelInput.FEATURES && c.protocol() != Protocol.CTR
                  ? " is read as a "
                      + c.protocol().name().toLowerCase(java.util.Locale.ROOT)
                      + " task without them; use --task ctr with "
                  : " has none; use ")
              + need.providedBy());
    }
  }

  private static void requireBothParts(
      Dataset ds, ExperimentConfig c, Interactions train, Interactions test) {
    if (train.size() > 0 && test.size() > 0) return;
    Interactions all = ds.interactions();
    throw new IllegalArgumentException(
        c.data()
            + ": split "
            + c.split()
            + " leaves the "
            + (train.size() == 0 ? "training" : "test")
            + " part empty ("
            + all.size()
            + " interactions of "
            + all.userIndex().size()
            + " users and "
            + all.itemIndex().size()
            + " items -> "
            + train.size()
            + " train, "
            + test.size()
            + " test); too little data: use more data or another --split");
  }

  /** The per-epoch evaluation on one part of the split. */
  private record Evaluation(
      ExperimentConfig c, Interactions train, Interactions part, RankingTask task) {
    Validator validator(Scorer model) {
      if (c.protocol() == Protocol.RATING) {
        return () ->
            Evaluator.evaluatePoints(
                model,
                part.userColumn(),
                part.itemColumn(),
                part.valueColumn(),
                new Rmse(),
                new Mae());
      }
      Evaluator ev = Evaluator.standard(c.trainer().threads(), c.ks());
      return () -> {
        RankingResult r = ev.evaluate(model, task);
        Map<String, Double> m = new LinkedHashMap<>();
        for (int k : c.ks()) {
          m.put("hr@" + k, r.get("hr@" + k));
          m.put("ndcg@" + k, r.get("ndcg@" + k));
          if (c.protocol() == Protocol.FULL)
            m.put("recall@" + k, r.get("recall@" + k)); // full ranking's usual yardstick
        }
        return m;
      };
    }
  }

  private static Evaluation evaluation(
      ExperimentConfig c, Interactions train, Interactions part, int[][] provided) {
    RankingTask task =
        switch (c.protocol()) {
          case RATING, CTR -> null;
          case FULL -> EvalTasks.full(train, part);
          case SAMPLED ->
              EvalTasks.sampled(
                  train,
                  part,
                  provided,
                  c.sampledNegatives(),
                  c.evalSampler(),
                  c.trainer().seed() + 99);
        };
    return new Evaluation(c, train, part, task);
  }
}
