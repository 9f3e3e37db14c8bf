package org.rec4j.cli.config;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Locale;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.Protocol;
import org.rec4j.model.ModelRegistry;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.ScheduleSpec;
import org.rec4j.train.TrainerConfig;

/**
 * The contents of a config file ({@code --config FILE}): one typed record per section, snake_case
 * keys in the file. Every field is optional ({@code null} = not set, so a command-line flag or the
 * task-dependent default decides); a value that is set is validated by the section's compact
 * constructor, which names the key and the allowed values.
 *
 * <pre>
 * data:       spec (FORMAT:PATH), split
 * model:      name, factors, layers, dropout, batch_norm, cross_buckets, init_std, settings (the model's
 *             own keys, e.g. lambda for ease; rec4j config show --model NAME lists them), pretrain,
 *             finetune_sgd, pretrained_gmf, pretrained_mlp, alpha, finetune_epochs
 * trainer:    task (rating, implicit, ctr), objective, epochs, batch, optimizer, lr, l2, negatives, threads, seed, validation, patience, monitor,
 *             schedule, swa, eval_every
 * evaluation: protocol, k, eval_negatives
 * </pre>
 *
 * @param data where the data comes from and how it is split
 * @param model the model and its sizes
 * @param trainer the training settings
 * @param evaluation the evaluation protocol
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"data", "model", "trainer", "evaluation"})
public record RunConfig(Data data, Model model, Trainer trainer, Evaluation evaluation) {
  /** A config that sets nothing. */
  public static final RunConfig EMPTY = new RunConfig(null, null, null, null);

  /** Replaces absent sections by empty ones. */
  public RunConfig {
    data = data != null ? data : new Data(null, null);
    model =
        model != null
            ? model
            : new Model(
                null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    trainer =
        trainer != null
            ? trainer
            : new Trainer(
                null, null, null, null, null, null, null, null, null, null, null, null, null);
    evaluation = evaluation != null ? evaluation : new Evaluation(null, null, null);
  }

  /**
   * The section {@code data}.
   *
   * @param spec {@code FORMAT:PATH} as for {@code --data}
   * @param split {@code METHOD[:ARGS]} as for {@code --split}
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"spec", "split"})
  public record Data(String spec, String split) {
    /** Validates the set fields. */
    public Data {
      if (spec != null) parse("data.spec", () -> DataSpec.parse(spec));
      if (split != null) parse("data.split", () -> SplitSpec.parse(split));
    }
  }

  /**
   * The section {@code model}.
   *
   * @param name registry name (mf, gmf, ncf, neumf, widedeep, …)
   * @param factors embedding size of dot-product parts (≥ 1)
   * @param layers MLP widths, input first (each ≥ 1)
   * @param dropout dropout after hidden layers, in [0, 1)
   * @param batchNorm batch normalization in hidden layers
   * @param crossBuckets Wide&amp;Deep hashed cross buckets (≥ 0)
   * @param initStd std of the embedding initialization (&gt; 0)
   * @param settings the model's other settings by key (checked against the model's own list when
   *     the run is resolved)
   * @param pretrain NeuMF: pre-train GMF and NCF first
   * @param finetuneSgd with pretrain: fine-tune with plain SGD
   * @param pretrainedGmf with pretrain: a saved GMF artifact (directory or zip) used instead of
   *     training that stage
   * @param pretrainedMlp with pretrain: a saved NCF artifact used instead of training that stage
   * @param alpha with pretrain: weight of the GMF stage's output layer (1 − alpha for the MLP
   *     stage's), in [0, 1]
   * @param finetuneEpochs with pretrain: epochs of training the combined model (≥ 0; 0 = keep the
   *     combination as built)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "name",
    "factors",
    "layers",
    "dropout",
    "batch_norm",
    "cross_buckets",
    "init_std",
    "settings",
    "pretrain",
    "finetune_sgd",
    "pretrained_gmf",
    "pretrained_mlp",
    "alpha",
    "finetune_epochs"
  })
  public record Model(
      String name,
      Integer factors,
      List<Integer> layers,
      Float dropout,
      Boolean batchNorm,
      Integer crossBuckets,
      Float initStd,
      java.util.Map<String, Object> settings,
      Boolean pretrain,
      Boolean finetuneSgd,
      String pretrainedGmf,
      String pretrainedMlp,
      Float alpha,
      Integer finetuneEpochs) {
    /** Validates the set fields. */
    public Model {
      settings =
          settings == null
              ? null
              : java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(settings));
      if (name != null && !ModelRegistry.names().contains(name.toLowerCase(Locale.ROOT))) {
        throw new InvalidValueException(
            "model.name", "expected one of " + String.join(", ", ModelRegistry.names()), name);
      }
      atLeast("model.factors", factors, 1);
      if (layers != null) {
        if (layers.isEmpty())
          throw new InvalidValueException(
              "model.layers", "expected a non-empty list of integers >= 1", "[]");
        for (Integer w : layers) {
          if (w == null || w < 1)
            throw new InvalidValueException(
                "model.layers", "expected a list of integers >= 1", layers);
        }
        layers = List.copyOf(layers);
      }
      if (dropout != null && !(dropout >= 0 && dropout < 1))
        throw new InvalidValueException("model.dropout", "expected a number in [0, 1)", dropout);
      atLeast("model.cross_buckets", crossBuckets, 0);
      if (alpha != null && !(alpha >= 0 && alpha <= 1))
        throw new InvalidValueException("model.alpha", "expected a number in [0, 1]", alpha);
      atLeast("model.finetune_epochs", finetuneEpochs, 0);
      if (initStd != null && !(initStd > 0 && Float.isFinite(initStd))) {
        throw new InvalidValueException("model.init_std", "expected a number > 0", initStd);
      }
    }
  }

  /**
   * The section {@code trainer}.
   *
   * @param task rating, implicit or ctr
   * @param objective mse, mae, huber, bce or bpr
   * @param epochs training epochs (≥ 1)
   * @param batch mini-batch size (≥ 1)
   * @param optimizer adam, adamw, sgd, adagrad, rmsprop or ftrl
   * @param lr learning rate (&gt; 0)
   * @param l2 L2 penalty (≥ 0)
   * @param negatives sampled negatives per positive (≥ 0; ≥ 1 for implicit tasks)
   * @param threads training and evaluation threads (≥ 1)
   * @param seed seed of every random draw
   * @param validation fraction held out for validation, in [0, 0.5)
   * @param patience early stopping patience in validations (≥ 0, 0 = off)
   * @param monitor validation metric for early stopping (e.g. ndcg@10, rmse)
   * @param schedule learning-rate schedule in epochs (constant, cosine[:MIN], step:EVERY,GAMMA,
   *     exp:GAMMA, warmup:W+…)
   * @param swa average the weights of this epoch and the later ones (stochastic weight averaging; ≥
   *     0, 0 = off)
   * @param evalEvery evaluate every this many epochs and at the last one, on the validation part
   *     (else on test); 0 = never (≥ 0)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({
    "task",
    "objective",
    "epochs",
    "batch",
    "optimizer",
    "lr",
    "l2",
    "negatives",
    "threads",
    "seed",
    "validation",
    "patience",
    "monitor",
    "schedule",
    "swa",
    "eval_every"
  })
  public record Trainer(
      String task,
      String objective,
      Integer epochs,
      Integer batch,
      String optimizer,
      Double lr,
      Float l2,
      Integer negatives,
      Integer threads,
      Long seed,
      Double validation,
      Integer patience,
      String monitor,
      String schedule,
      Integer swa,
      Integer evalEvery) {
    /** Validates the set fields. */
    public Trainer {
      if (task != null
          && !task.equalsIgnoreCase("rating")
          && !task.equalsIgnoreCase("implicit")
          && !task.equalsIgnoreCase("ctr")) {
        throw new InvalidValueException("trainer.task", "expected rating, implicit or ctr", task);
      }
      if (objective != null) parse("trainer.objective", () -> Objective.of(objective));
      atLeast("trainer.epochs", epochs, 1);
      atLeast("trainer.batch", batch, 1);
      if (optimizer != null) parse("trainer.optimizer", () -> OptimizerKind.of(optimizer));
      if (lr != null && !(lr > 0 && Double.isFinite(lr)))
        throw new InvalidValueException("trainer.lr", "expected a number > 0", lr);
      if (l2 != null && !(l2 >= 0 && Float.isFinite(l2)))
        throw new InvalidValueException("trainer.l2", "expected a number >= 0", l2);
      atLeast("trainer.negatives", negatives, 0);
      atLeast("trainer.threads", threads, 1);
      if (validation != null && !(validation >= 0 && validation < 0.5)) {
        throw new InvalidValueException(
            "trainer.validation", "expected a number in [0, 0.5)", validation);
      }
      atLeast("trainer.patience", patience, 0);
      if (monitor != null && monitor.isBlank())
        throw new InvalidValueException(
            "trainer.monitor", "expected a metric name such as ndcg@10 or rmse", "''");
      if (schedule != null) parse("trainer.schedule", () -> ScheduleSpec.parse(schedule));
      atLeast("trainer.swa", swa, 0);
      atLeast("trainer.eval_every", evalEvery, 0);
    }

    /** A section without a schedule (constant learning rate). */
    public Trainer(
        String task,
        String objective,
        Integer epochs,
        Integer batch,
        String optimizer,
        Double lr,
        Float l2,
        Integer negatives,
        Integer threads,
        Long seed,
        Double validation,
        Integer patience,
        String monitor) {
      this(
          task,
          objective,
          epochs,
          batch,
          optimizer,
          lr,
          l2,
          negatives,
          threads,
          seed,
          validation,
          patience,
          monitor,
          null,
          null,
          null);
    }
  }

  /**
   * The section {@code evaluation}.
   *
   * @param protocol sampled, full or rating
   * @param k cut-offs of the ranking metrics (each ≥ 1)
   * @param evalNegatives sampled candidates per test case when the data provides none (≥ 1)
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"protocol", "k", "eval_negatives"})
  public record Evaluation(String protocol, List<Integer> k, Integer evalNegatives) {
    /** Validates the set fields. */
    public Evaluation {
      if (protocol != null) parse("evaluation.protocol", () -> Protocol.of(protocol));
      if (k != null) {
        if (k.isEmpty())
          throw new InvalidValueException(
              "evaluation.k", "expected a non-empty list of integers >= 1", "[]");
        for (Integer c : k)
          if (c == null || c < 1)
            throw new InvalidValueException("evaluation.k", "expected a list of integers >= 1", k);
        k = List.copyOf(k);
      }
      atLeast("evaluation.eval_negatives", evalNegatives, 1);
    }
  }

  /** The file form of a resolved experiment: every key set, names in lower case. */
  public static RunConfig of(ExperimentConfig c) {
    TrainerConfig t = c.trainer();
    String task =
        c.protocol() == Protocol.CTR ? "ctr" : t.objective().isRating() ? "rating" : "implicit";
    java.util.Map<String, Object> s = new java.util.LinkedHashMap<>(c.settings().asMap());
    ExperimentConfig.Pretrain p = c.pretrain();
    boolean neumf = c.model().equalsIgnoreCase("neumf");
    return new RunConfig(
        new Data(specText(c.data()), c.split().toString()),
        new Model(
            c.model(),
            (Integer) s.remove("factors"),
            intList(s.remove("layers")),
            number(s.remove("dropout")),
            (Boolean) s.remove("batch_norm"),
            (Integer) s.remove("cross_buckets"),
            number(s.remove("embedding_std")),
            s.isEmpty() ? null : s,
            neumf ? p.enabled() : null,
            neumf ? p.finetuneSgd() : null,
            pathText(p.gmf()),
            pathText(p.mlp()),
            neumf ? p.alpha() : null,
            p.finetuneEpochs() < 0 ? null : p.finetuneEpochs()),
        new Trainer(
            task,
            lower(t.objective()),
            t.epochs(),
            t.batchSize(),
            lower(t.optimizer()),
            t.learningRate(),
            t.l2(),
            t.negatives(),
            t.threads(),
            t.seed(),
            c.validationFraction(),
            t.patience(),
            t.monitor(),
            t.schedule().text(),
            t.swaFrom(),
            t.validateEvery()),
        new Evaluation(lower(c.protocol()), ints(c.ks()), c.sampledNegatives()));
  }

  @SuppressWarnings("unchecked")
  private static List<Integer> intList(Object o) {
    return o == null ? null : List.copyOf((List<Integer>) o);
  }

  private static Float number(Object o) {
    return o == null ? null : ((Number) o).floatValue();
  }

  private static String pathText(java.nio.file.Path p) {
    return p == null ? null : p.toString();
  }

  /** {@code FORMAT:PATH[?OPTIONS]} such that {@link DataSpec#parse} gives {@code spec} back. */
  static String specText(DataSpec spec) {
    if (spec.format() == DataSpec.Format.SYNTHETIC || spec.options().isEmpty())
      return spec.toString();
    StringBuilder b = new StringBuilder(spec.toString()).append('?');
    spec.options().entrySet().stream()
        .sorted(java.util.Map.Entry.comparingByKey())
        .forEach(e ->
            b.append(b.charAt(b.length() - 1) == '?' ? "" : "&")
                .append(e.getKey())
                .append('=')
                .append(e.getValue()));
    return b.toString();
  }

  private static List<Integer> ints(int[] a) {
    return java.util.Arrays.stream(a).boxed().toList();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  private static void atLeast(String key, Integer v, int min) {
    if (v != null && v < min)
      throw new InvalidValueException(key, "expected an integer >= " + min, v);
  }

  /** Runs a core parser and rethrows its complaint under {@code key}. */
  private static void parse(String key, Runnable parser) {
    try {
      parser.run();
    } catch (IllegalArgumentException e) {
      throw new InvalidValueException(key, e.getMessage());
    }
  }
}
