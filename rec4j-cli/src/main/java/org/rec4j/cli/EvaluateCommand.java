package org.rec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.eval.Evaluator;
import org.rec4j.eval.Mae;
import org.rec4j.eval.RankingResult;
import org.rec4j.eval.Rmse;
import org.rec4j.experiment.EvalTasks;
import org.rec4j.experiment.IdRemap;
import org.rec4j.experiment.Protocol;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j evaluate}: scores a saved model on the test part of {@code --data} (ids matched
 * through the raw ids stored in the artifact; rows with unknown users or items are skipped and
 * counted). Data whose ids do not line up with the model's is refused, and data other than the
 * model's training data gets a warning ({@link TrainingDataCheck} defines both).
 */
@Command(
    name = "evaluate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Evaluate a saved model on data.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j evaluate --model models/neumf8 --data ncf:../shared/data/ml-1m/ncf --protocol sampled -k 5,10 --json",
      "  rec4j evaluate --model models/mf --data ml-100k:../shared/data/ml-100k --split u1 --protocol rating",
      "  rec4j evaluate --model models/deepfm --data ml-1m:../shared/data/ml-1m      (AUC on the ctr task's test part)"
    })
public final class EvaluateCommand implements Callable<Integer> {
  @Option(
      names = "--model",
      required = true,
      paramLabel = "DIR",
      description = "A model artifact directory (from train --save).")
  Path model;

  @Mixin DataMixin data;

  @Option(
      names = "--split",
      paramLabel = "SPLIT",
      description = "As for train (default: the data's own split, else the task default).")
  String split;

  @Option(
      names = "--protocol",
      paramLabel = "P",
      description =
          "sampled, full, rating or ctr (default: rating for rating models, ctr for CTR models, sampled otherwise).")
  String protocol;

  @Option(
      names = {"-k", "--k"},
      split = ",",
      paramLabel = "K",
      description = "Cut-offs (default 10).")
  int[] ks;

  @Option(
      names = "--eval-negatives",
      paramLabel = "N",
      description = "Sampled candidates per case when the data has none (default 99).")
  int evalNegatives = 99;

  @Option(
      names = "--threads",
      paramLabel = "T",
      description = "Evaluation threads (default: available cores).")
  int threads = Runtime.getRuntime().availableProcessors();

  @Option(
      names = "--seed",
      paramLabel = "S",
      description = "Seed for splits and sampled candidates (default 42).")
  long seed = 42;

  @Mixin JsonMixin json;
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    ModelArtifact.Loaded l = ModelArtifact.load(model);
    boolean rating = l.metadata().path("options").path("rating").asBoolean();
    boolean ctr =
        l.model().capability(org.rec4j.ctr.FieldTrainable.class).isPresent()
            || (protocol != null && Protocol.of(protocol) == Protocol.CTR);
    if (ctr) return clickThrough(out, l);
    Dataset ds = data.spec().load();
    String sp =
        split != null ? split : ds.split().isPresent() ? "given" : rating ? "ratio:0.8" : "loo";
    Split s = SplitSpec.parse(sp).apply(data.spec(), ds, new org.rec4j.tensor.Rng(seed));
    IdRemap remap = new IdRemap(s.train().userIndex(), s.train().itemIndex(), l.users(), l.items());
    Interactions train = remap.apply(s.train(), l.users(), l.items());
    Interactions test = remap.apply(s.test(), l.users(), l.items());
    int skipped = s.test().size() - test.size();
    TrainingDataCheck.check(
        l,
        data.spec().toString(),
        sp,
        ds.interactions().userIndex().size(),
        ds.interactions().itemIndex().size(),
        train,
        s.test().size(),
        test,
        spec.commandLine().getErr());
    Protocol p =
        protocol != null ? Protocol.of(protocol) : rating ? Protocol.RATING : Protocol.SAMPLED;
    int[] cut = ks != null ? ks : new int[] {10};
    long t0 = System.nanoTime();
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", l.model().name());
    if (p == Protocol.RATING) {
      fields.putAll(
          Evaluator.evaluatePoints(
              l.model(),
              test.userColumn(),
              test.itemColumn(),
              test.valueColumn(),
              new Rmse(),
              new Mae()));
      fields.put("users_evaluated", test.activeUsers());
    } else {
      // a split's validation items are known interactions too: not candidates on test (as in
      // train's final evaluation)
      Interactions known =
          EvalTasks.known(train, remap.apply(s.validation(), l.users(), l.items()));
      var task =
          p == Protocol.FULL
              ? EvalTasks.full(known, test)
              : EvalTasks.sampled(
                  known,
                  test,
                  remap.candidates(s.test(), ds.candidates()),
                  evalNegatives,
                  seed + 99);
      RankingResult r = Evaluator.standard(threads, cut).evaluate(l.model(), task);
      fields.putAll(r.means());
      fields.put("users_evaluated", r.users());
    }
    fields.put("skipped_unknown", skipped);
    fields.put("eval_seconds", (System.nanoTime() - t0) / 1e9);
    json.report(out, fields);
    return ExitCode.OK;
  }

  /**
   * A CTR model on the test part of the data's click-through task (label rating ≥ 4, the seeded
   * 8:1:1 split train used): pairs mapped to the model's ids and scored as served (the artifact's
   * own user and item features), reported as AUC, log loss and gAUC per user.
   */
  private int clickThrough(PrintWriter out, ModelArtifact.Loaded l) {
    if (protocol != null && Protocol.of(protocol) != Protocol.CTR)
      throw new IllegalArgumentException(
          "--protocol "
              + protocol
              + ": "
              + l.model().name()
              + " predicts clicks; its protocol is ctr");
    if (split != null)
      throw new IllegalArgumentException(
          "--split: a CTR model is evaluated on the test part of the ctr task's own split");
    if (l.model().capability(org.rec4j.ctr.FieldTrainable.class).isEmpty())
      throw new IllegalArgumentException(
          "--protocol ctr: " + l.model().name() + " is not a click-through (feature) model");
    Dataset ds =
        data.spec().format() == org.rec4j.data.io.DataSpec.Format.LIBFM ? null : data.spec().load();
    org.rec4j.ctr.CtrTask task = org.rec4j.experiment.Experiment.clickTask(data.spec(), ds);
    if (task.testPairs() == null)
      throw new IllegalArgumentException(
          data.spec()
              + ": the examples are not (user, item) pairs; a saved CTR model scores pairs");
    IdRemap remap =
        new IdRemap(
            task.trainPairs().userIndex(), task.trainPairs().itemIndex(), l.users(), l.items());
    Interactions test = remap.apply(task.testPairs(), l.users(), l.items());
    int skipped = task.testPairs().size() - test.size();
    long t0 = System.nanoTime();
    int n = test.size();
    float[] p = new float[n], y = new float[n];
    l.model().scorePairs(test.userColumn(), test.itemColumn(), p);
    for (int r = 0; r < n; r++) y[r] = test.value(r) >= 4f ? 1f : 0f;
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", l.model().name());
    fields.putAll(org.rec4j.ctr.CtrEvaluator.metrics(p, y, test.userColumn()));
    fields.put("examples", n);
    fields.put("skipped_unknown", skipped);
    fields.put("eval_seconds", (System.nanoTime() - t0) / 1e9);
    json.report(out, fields);
    return ExitCode.OK;
  }
}
