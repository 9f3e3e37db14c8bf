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
import org.rec4j.experiment.Experiment;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.experiment.MultiSeed;
import org.rec4j.model.Persistable;
import org.rec4j.train.LogListener;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code rec4j train}: trains a model on {@code --data}, evaluates it under the task's protocol and
 * optionally saves the artifact. With {@code --json} the last stdout line holds the metrics ({@code
 * hr@10}, {@code ndcg@10}, {@code rmse}, {@code mae}, …), {@code epochs}, {@code train_seconds},
 * {@code samples_per_s}, {@code eval_seconds}, and when epochs were evaluated the best one: {@code
 * best_<monitor>} and {@code best_epoch} on the validation part, or {@code best_<monitor>_on_test}
 * and {@code best_epoch_on_test} when the split has none ({@code validated_on} says which).
 * Settings may come from {@code --config FILE}; flags given on the command line override it.
 */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = "Train a model, evaluate it, optionally save it.",
    footerHeading = "%nExamples:%n",
    footer = {
      "  rec4j train --model neumf --data synthetic:kind=implicit --epochs 5",
      "  rec4j train --model neumf --data ncf:../shared/data/ml-1m/ncf --factors 8 --epochs 20 --json",
      "  rec4j train --model mf --data ml-100k:../shared/data/ml-100k --split u1 --factors 64 --l2 0.001 --batch 256",
      "  rec4j train --model neumf --data ncf:DIR --factors 64 --pretrain --save models/neumf64",
      "  rec4j train --config examples/neumf-ml1m.yaml --epochs 5      (flags override the file)"
    })
public final class TrainCommand implements Callable<Integer> {
  @Mixin ConfigMixin config;
  @Mixin TrainOptions train;
  @Mixin JsonMixin json;

  @Option(
      names = "--save",
      paramLabel = "DIR",
      description = "Write the trained model artifact to DIR.")
  Path save;

  @Option(
      names = "--seeds",
      split = ",",
      paramLabel = "S",
      description =
          "Repeat the run for each seed and report mean ± std of every metric (JSON: <metric>_mean, <metric>_std).")
  long[] seeds;

  @Option(
      names = {"-q", "--quiet"},
      description = "No progress bar and no per-epoch lines.")
  boolean quiet;

  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    org.rec4j.data.io.DataSpec dataSpec = config.apply(train);
    train.checkModelFitsTask(dataSpec);
    boolean ctr = train.model != null && train.task(dataSpec).equals("ctr");
    // Frappe's libFM folder is read by the CTR task itself
    Dataset ds =
        ctr && dataSpec.format() == org.rec4j.data.io.DataSpec.Format.LIBFM
            ? null
            : dataSpec.load();
    ExperimentConfig c = train.resolve(dataSpec, ds);
    TrainerConfig tc = c.trainer();
    if (save != null && ds == null)
      throw new IllegalArgumentException(
          "--save: Frappe's fields include the context of each impression (daytime, weather, ...), which a "
              + "(user, item) request cannot supply; CTR models on libfm data train and evaluate but are not saved "
              + "for serving");
    boolean ctrTask = c.protocol() == org.rec4j.experiment.Protocol.CTR;
    var needs = org.rec4j.model.ModelRegistry.factory(c.model()).inputs();
    // sequential and graph models train their own objective (--objective does not apply to them)
    boolean ownLoss =
        needs.contains(org.rec4j.model.ModelInput.HISTORY)
            || needs.contains(org.rec4j.model.ModelInput.GRAPH);
    String objective =
        !ownLoss
            ? tc.objective().name().toLowerCase(Locale.ROOT)
            : "the model's loss"
                + (c.settings().has("loss") ? " " + c.settings().asMap().get("loss") : "");
    out.printf(
        Locale.ROOT,
        "%s on %s: %s, %s%d epochs%s, batch %d, %s lr %s%s%s%s, %s%n",
        c.model(),
        ds != null ? ds.name() : dataSpec.toString(),
        objective,
        ctrTask ? "up to " : "",
        tc.epochs(),
        tc.patience() > 0 ? " (early stopping on validation " + tc.monitor() + ")" : "",
        tc.batchSize(),
        tc.optimizer().name().toLowerCase(Locale.ROOT),
        tc.learningRate(),
        tc.schedule().isConstant() ? "" : " " + tc.schedule(),
        tc.l2() > 0 ? ", l2 " + tc.l2() : "",
        tc.swaFrom() > 0 ? ", weights averaged from epoch " + tc.swaFrom() : "",
        ctrTask
            ? "task ctr (label rating >= 4, seeded 8:1:1 split)"
            : "split " + c.split() + ", protocol " + c.protocol().name().toLowerCase(Locale.ROOT));
    out.flush();
    TrainingListener log =
        new LogListener(new java.io.PrintStream(new WriterStream(out), true), "  ");
    TrainingListener[] listeners =
        quiet
            ? new TrainingListener[0]
            : ProgressListener.interactive()
                ? new TrainingListener[] {new ProgressListener(c.model()), log}
                : new TrainingListener[] {log};
    if (seeds != null) return multiSeed(out, c, ds, listeners);
    ExperimentResult r = Experiment.run(c, ds, listeners);
    Map<String, Object> fields = summary(c, r);
    if ("test".equals(fields.get("validated_on")) && !quiet) {
      out.println(
          "  (per-epoch metrics above are on the test part: the split has no validation part, so no epoch is "
              + "selected on them; --validation F holds one out)");
    }
    fields.forEach((k, v) ->
        out.printf(
            Locale.ROOT,
            "%-16s %s%n",
            k,
            v instanceof Double d ? String.format(Locale.ROOT, "%.4f", d) : v));
    if (save != null) {
      Interactions tr = r.train();
      Map<String, Object> prov = Provenance.of(c, ds, tr);
      ModelArtifact.save(
          save, (Persistable) r.model(), tr, Provenance.trainer(tc), prov, r.metrics());
      out.println("saved            " + save.toAbsolutePath());
      fields.put("saved", save.toAbsolutePath().toString());
    }
    if (json.enabled()) JsonMixin.print(out, fields);
    out.flush();
    return ExitCode.OK;
  }

  private int multiSeed(
      PrintWriter out, ExperimentConfig c, Dataset ds, TrainingListener[] listeners) {
    if (save != null)
      throw new IllegalArgumentException(
          "--save cannot be combined with --seeds (which model would be saved?)");
    MultiSeed.Result res = MultiSeed.run(c, ds, seeds, listeners);
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("model", c.model());
    fields.put("seeds", seeds.length);
    res.summary()
        .forEach((k, s) -> {
          out.printf(Locale.ROOT, "%-16s %s%n", k, s);
          fields.put(k + "_mean", s.mean());
          fields.put(k + "_std", s.std());
        });
    fields.put(
        "train_seconds", res.runs().stream().mapToDouble(x -> x.history().trainSeconds()).sum());
    if (json.enabled()) JsonMixin.print(out, fields);
    return ExitCode.OK;
  }

  /** The result line fields: metrics, then run facts. */
  static Map<String, Object> summary(ExperimentConfig c, ExperimentResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("model", c.model());
    m.putAll(r.metrics());
    m.computeIfPresent(
        "best_epoch",
        (k, v) -> ((Double) v).intValue()); // an epoch number, not a metric: no decimals
    m.computeIfPresent("best_epoch" + Experiment.ON_TEST, (k, v) -> ((Double) v).intValue());
    m.put("epochs", r.history().epochs().size());
    m.put("train_seconds", r.history().trainSeconds());
    m.put("samples_per_s", r.history().medianSamplesPerSecond());
    m.put("eval_seconds", r.evalSeconds());
    m.put("users_evaluated", r.usersEvaluated());
    if (r.metrics().containsKey("best_epoch" + Experiment.ON_TEST)) m.put("validated_on", "test");
    else if (r.metrics().containsKey("best_epoch")) m.put("validated_on", "validation");
    m.put("parameters", r.model().parameterCount());
    if (r.history().stopReason() != null) m.put("stopped", r.history().stopReason());
    return m;
  }

  /** Adapts a PrintWriter to the PrintStream the core listeners write to. */
  static final class WriterStream extends java.io.OutputStream {
    private final PrintWriter w;

    WriterStream(PrintWriter w) {
      this.w = w;
    }

    @Override
    public void write(int b) {
      w.write(b);
    }

    @Override
    public void write(byte[] b, int off, int len) {
      w.write(new String(b, off, len, java.nio.charset.StandardCharsets.UTF_8));
    }

    @Override
    public void flush() {
      w.flush();
    }
  }
}
