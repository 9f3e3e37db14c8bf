package org.rec4j.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
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
      "  rec4j evaluate --model models/mf --data ml-100k:../shared/data/ml-100k --split u1 --protocol rating"
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
          "sampled, full or rating (default: rating for rating models, sampled otherwise).")
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
    fields.forEach((k, v) ->
        out.printf(
            Locale.ROOT,
            "%-16s %s%n",
            k,
            v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v));
    if (json.enabled()) JsonMixin.print(out, fields);
    return ExitCode.OK;
  }
}
