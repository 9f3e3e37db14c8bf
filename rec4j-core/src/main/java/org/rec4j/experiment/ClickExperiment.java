package org.rec4j.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.ctr.CtrInputs;
import org.rec4j.ctr.CtrTask;
import org.rec4j.ctr.CtrTasks;
import org.rec4j.ctr.Field;
import org.rec4j.ctr.FieldSchema;
import org.rec4j.ctr.FieldTrainable;
import org.rec4j.data.Dataset;
import org.rec4j.data.io.DataSpec;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.Recommender;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;

/**
 * The click-through task of {@link Experiment} ({@link Protocol#CTR}): build the task's labelled
 * field examples from the data ({@link CtrTasks}: MovieLens with its user and item files, label
 * rating ≥ 4, seeded 8:1:1 split of the ratings; Frappe's libFM files), build the model from the
 * registry with the task's fields as its {@link ModelInput#FEATURES} input, train it through its
 * {@link FieldTrainable} capability (early stopping on validation AUC, best epoch restored when
 * asked), and report test AUC, log loss and gAUC (per user) with the validation AUC.
 */
final class ClickExperiment {
  /**
   * Seed of the task's random split, kept apart from the training seed so several training seeds
   * see the same split.
   */
  static final long SPLIT_SEED = 2026;

  private ClickExperiment() {}

  static ExperimentResult run(ExperimentConfig c, Dataset ds, TrainingListener... listeners) {
    TrainerConfig tc = c.trainer();
    CtrTask task = task(c.data(), ds);
    requireBothLabels(task.name() + ": the validation part", task.valid().labels());
    requireBothLabels(task.name() + ": the test part", task.test().labels());
    FieldSchema schema = task.schema();
    int users =
        task.trainPairs() != null
            ? task.trainPairs().userIndex().size()
            : fieldSize(schema, "user");
    int items =
        task.trainPairs() != null
            ? task.trainPairs().itemIndex().size()
            : fieldSize(schema, "item");
    ModelInputs inputs =
        ModelInputs.ids(users, items, false, tc.seed())
            .with(ModelInput.FEATURES, CtrInputs.class, task.inputs());
    Experiment.requireInputs(c, inputs);
    Recommender model =
        ModelRegistry.create(c.model(), inputs, c.modelSettings(), "model settings");
    FieldTrainable fit =
        model
            .capability(FieldTrainable.class)
            .orElseThrow(() ->
                new IllegalArgumentException(
                    c.model()
                        + " does not train on field examples; --task ctr takes the feature models ("
                        + String.join(", ", ModelRegistry.namesNeeding(ModelInput.FEATURES))
                        + ")"));
    TrainingHistory h = fit.fit(task.train(), () -> fit.evaluate(task.valid()), tc, listeners);
    if (task.trainPairs() != null && model instanceof org.rec4j.model.Persistable p)
      p.rememberSeen(task.trainPairs());
    long t0 = System.nanoTime();
    Map<String, Double> test = fit.evaluate(task.test());
    double evalSeconds = (System.nanoTime() - t0) / 1e9;
    Map<String, Double> valid = fit.evaluate(task.valid());
    Map<String, Double> metrics = new LinkedHashMap<>(test);
    metrics.put("valid_auc", valid.get("auc"));
    if (h.bestEpoch() > 0) {
      metrics.put("best_" + tc.monitor(), h.bestValue());
      metrics.put("best_epoch", (double) h.bestEpoch());
    }
    int evaluated = (int) java.util.Arrays.stream(task.test().groups()).distinct().count();
    return new ExperimentResult(
        metrics, h, evalSeconds, model, null, evaluated, task.trainPairs(), task.testPairs());
  }

  /** AUC needs clicks and non-clicks: a part with one kind only is too little data, said so. */
  private static void requireBothLabels(String part, float[] labels) {
    int pos = 0;
    for (float y : labels) if (y > 0.5f) pos++;
    if (pos == 0 || pos == labels.length)
      throw new IllegalArgumentException(
          part
              + " has "
              + labels.length
              + " examples, all labelled "
              + (pos == 0 ? 0 : 1)
              + "; AUC needs both clicks and non-clicks: use more data");
  }

  /**
   * The CTR task of the data: Frappe from its libFM folder, else a dataset with user and item
   * features.
   */
  static CtrTask task(DataSpec spec, Dataset ds) {
    if (spec.format() == DataSpec.Format.LIBFM)
      return CtrTasks.frappe(Path.of(spec.path()), SPLIT_SEED);
    if (ds == null) ds = spec.load();
    if (ds.users().isEmpty() && ds.items().isEmpty()) {
      throw new IllegalArgumentException(
          "--task ctr needs feature fields; "
              + spec
              + " has no user or item features; use "
              + ModelInput.FEATURES.providedBy());
    }
    return CtrTasks.movieLens(spec.format().label(), ds, SPLIT_SEED);
  }

  private static int fieldSize(FieldSchema schema, String name) {
    if (schema.fields().stream().noneMatch(x -> x.name().equals(name))) return 1;
    int f = schema.indexOf(name);
    Field field = schema.field(f);
    return Math.max(1, field.size());
  }
}
