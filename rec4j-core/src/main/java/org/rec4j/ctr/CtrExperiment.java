package org.rec4j.ctr;

import java.util.List;
import java.util.Map;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Rng;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;

/**
 * The single entry point for CTR training: load the task, build the model from the registry, train
 * it through the one {@link Trainer} loop (validating on the validation set each epoch, early
 * stopping on the monitored metric, best epoch restored), and report test AUC, logloss and gAUC.
 */
public final class CtrExperiment {
  private static final int EVAL_BATCH = 4096;

  private CtrExperiment() {}

  /** Loads the task of {@code config} and runs it. */
  public static CtrResult run(CtrConfig config) {
    return run(config, CtrTasks.load(config.dataset(), config.path(), config.splitSeed()));
  }

  /**
   * Runs {@code config}'s model on an already loaded {@code task}; {@code listeners} plug into the
   * trainer.
   */
  public static CtrResult run(CtrConfig config, CtrTask task, TrainingListener... listeners) {
    CtrModels.Options options = config.options();
    if (options.crosses().isEmpty()) options = options.withCrosses(task.crosses());
    CtrModel model =
        CtrModels.create(
            config.model(), task.schema(), options, new Rng(config.trainer().seed() * 31 + 7));
    CtrEvaluator eval = new CtrEvaluator(EVAL_BATCH);
    Trainer trainer = new Trainer(config.trainer());
    for (TrainingListener l : listeners) trainer.listen(l);
    TrainingHistory history =
        trainer.fit(new CtrSource(model, task.train()), () -> eval.evaluate(model, task.valid()));
    Map<String, Double> valid = eval.evaluate(model, task.valid());
    Map<String, Double> test = eval.evaluate(model, task.test());
    long params = 0;
    for (Parameter p : model.parameters()) params += p.value().size();
    return new CtrResult(model.name(), task.name(), test, valid, history, params);
  }

  /**
   * Runs every model of {@code models} on one loaded task with the same configuration otherwise.
   */
  public static List<CtrResult> runAll(
      CtrConfig config, CtrTask task, List<String> models, TrainingListener... listeners) {
    return models.stream()
        .map(m ->
            run(
                new CtrConfig(
                    config.dataset(),
                    config.path(),
                    m,
                    config.options(),
                    config.trainer(),
                    config.splitSeed()),
                task,
                listeners))
        .toList();
  }
}
