package org.rec4j.experiment;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.config.Settings;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.model.ModelRegistry;
import org.rec4j.train.TrainerConfig;

/**
 * Everything one run needs: data, split, model and the settings given for it, training, and the
 * task (evaluation protocol). Built with {@link #builder}; every field has a default there except
 * data, model and trainer.
 *
 * @param data where the data comes from ({@code FORMAT:PATH})
 * @param split how it is divided (a CTR task uses its own seeded 8:1:1 split of impressions)
 * @param model registry name
 * @param modelSettings the model's settings given for this run (key → raw value); the rest take the
 *     defaults its factory declares, for this task — see {@link #settings()}
 * @param trainer training settings (objective, epochs, optimizer, …)
 * @param protocol the task: ranking (sampled or full), rating or CTR
 * @param sampledNegatives negatives per test case when the data provides none (sampled protocol)
 * @param ks cut-offs for ranking metrics
 * @param validationFraction when the split has no validation part, hold out this fraction of each
 *     user's training interactions for per-epoch validation and early stopping (0 = validate on the
 *     test part, as the NCF code does)
 * @param pretrain NeuMF's pre-training stages, or {@link Pretrain#NONE}
 * @param evalSampler how sampled negatives are drawn: {@code uniform} (SASRec, NCF) or {@code
 *     popularity} (in proportion to training counts, BERT4Rec's protocol)
 */
public record ExperimentConfig(
    DataSpec data,
    SplitSpec split,
    String model,
    Map<String, Object> modelSettings,
    TrainerConfig trainer,
    Protocol protocol,
    int sampledNegatives,
    int[] ks,
    double validationFraction,
    Pretrain pretrain,
    String evalSampler) {

  /**
   * NeuMF pre-training (He et al. §3.4.1).
   *
   * @param enabled pre-train GMF and NCF with the same trainer settings, then fine-tune NeuMF
   * @param finetuneSgd fine-tune with plain SGD (the paper) instead of the trainer's optimizer
   * @param gmf a saved GMF artifact (directory or zip) used instead of training that stage, or null
   * @param mlp a saved NCF (MLP) artifact used instead of training that stage, or null
   * @param alpha the weight of the GMF stage's output layer in NeuMF's, 1 − α for the MLP stage's
   *     (0.5 in the paper), in [0, 1]
   * @param finetuneEpochs epochs of training the combined NeuMF; −1 = the trainer's epochs, 0 =
   *     none (the combination is evaluated and kept as built — the NCF code's "Init" model)
   */
  public record Pretrain(
      boolean enabled, boolean finetuneSgd, Path gmf, Path mlp, float alpha, int finetuneEpochs) {
    /** No pre-training. */
    public static final Pretrain NONE = new Pretrain(false, false, null, null, 0.5f, -1);

    /** Validates the combination. */
    public Pretrain {
      if ((gmf != null || mlp != null) && !enabled)
        throw new IllegalArgumentException("--pretrained-gmf/--pretrained-mlp need --pretrain");
      if (!(alpha >= 0 && alpha <= 1))
        throw new IllegalArgumentException("--alpha must be in [0, 1], got " + alpha);
      if (alpha != 0.5f && !enabled)
        throw new IllegalArgumentException(
            "--alpha needs --pretrain (it mixes the pre-trained stages)");
      if (finetuneEpochs < -1)
        throw new IllegalArgumentException("--finetune-epochs must be >= 0, got " + finetuneEpochs);
      if (finetuneEpochs >= 0 && !enabled)
        throw new IllegalArgumentException("--finetune-epochs needs --pretrain");
      if (finetuneSgd && !enabled)
        throw new IllegalArgumentException("--finetune-sgd needs --pretrain");
    }

    /**
     * Pre-training with the paper's α = 0.5, both stages trained, fine-tuning for the trainer's
     * epochs.
     */
    public static Pretrain on(boolean finetuneSgd) {
      return new Pretrain(true, finetuneSgd, null, null, 0.5f, -1);
    }
  }

  /** Validates what the parts do not validate themselves. */
  public ExperimentConfig {
    if (data == null || split == null || model == null || trainer == null || protocol == null) {
      throw new IllegalArgumentException(
          "data, split, model, trainer and protocol must all be set");
    }
    modelSettings = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(modelSettings));
    pretrain = pretrain == null ? Pretrain.NONE : pretrain;
    if (ks == null || ks.length == 0)
      throw new IllegalArgumentException("at least one k is needed");
    for (int k : ks) if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    if (evalSampler == null) evalSampler = "uniform";
    if (!evalSampler.equals("uniform") && !evalSampler.equals("popularity"))
      throw new IllegalArgumentException(
          "--eval-sampler: expected uniform or popularity, got '" + evalSampler + "'");
    if (sampledNegatives < 1)
      throw new IllegalArgumentException("sampled negatives must be >= 1, got " + sampledNegatives);
    if (protocol == Protocol.RATING && !trainer.objective().isRating()) {
      throw new IllegalArgumentException(
          "protocol rating needs a rating objective (mse, mae, huber), got " + trainer.objective());
    }
    if (protocol != Protocol.RATING && trainer.objective().isRating()) {
      throw new IllegalArgumentException(
          "protocol "
              + protocol.name().toLowerCase(java.util.Locale.ROOT)
              + (protocol == Protocol.CTR ? " predicts clicks" : " ranks items")
              + "; use an implicit objective (bce"
              + (protocol == Protocol.CTR ? "" : ", bpr")
              + ") or --protocol rating");
    }
    if (!(validationFraction >= 0 && validationFraction < 0.5)) {
      throw new IllegalArgumentException(
          "--validation must be in [0, 0.5), got " + validationFraction);
    }
    if (pretrain.finetuneEpochs() > 0 && trainer.swaFrom() > pretrain.finetuneEpochs()) {
      throw new IllegalArgumentException(
          "--swa "
              + trainer.swaFrom()
              + " is beyond --finetune-epochs "
              + pretrain.finetuneEpochs());
    }
    ks = ks.clone();
    // unknown models and settings fail here, with the closest valid name or key
    ModelRegistry.settings(model, modelSettings, protocol == Protocol.RATING, "model settings");
  }

  /** The model's resolved settings: the given ones, and its factory's defaults for this task. */
  public Settings settings() {
    return ModelRegistry.settings(
        model, modelSettings, protocol == Protocol.RATING, "model settings");
  }

  @Override
  public int[] ks() {
    return ks.clone();
  }

  /** A builder for {@code model} on {@code data}, trained with {@code trainer}. */
  public static Builder builder(DataSpec data, String model, TrainerConfig trainer) {
    return new Builder(data, model, trainer);
  }

  /** This run as a builder, to change a few fields. */
  public Builder toBuilder() {
    Builder b = new Builder(data, model, trainer);
    b.split = split;
    b.settings.putAll(modelSettings);
    b.protocol = protocol;
    b.sampledNegatives = sampledNegatives;
    b.evalSampler = evalSampler;
    b.ks = ks.clone();
    b.validationFraction = validationFraction;
    b.pretrain = pretrain;
    return b;
  }

  /** This run with other training settings (e.g. another seed). */
  public ExperimentConfig withTrainer(TrainerConfig t) {
    return toBuilder().trainer(t).build();
  }

  /**
   * Builds an {@link ExperimentConfig}. Defaults: split {@code given}, no model settings, protocol
   * sampled (rating when the trainer's objective regresses ratings), 99 sampled negatives, k = 10,
   * no validation hold-out, no pre-training.
   */
  public static final class Builder {
    private final DataSpec data;
    private final String model;
    private TrainerConfig trainer;
    private SplitSpec split = SplitSpec.parse("given");
    private final Map<String, Object> settings = new LinkedHashMap<>();
    private Protocol protocol;
    private int sampledNegatives = 99;
    private String evalSampler = "uniform";
    private int[] ks = {10};
    private double validationFraction;
    private Pretrain pretrain = Pretrain.NONE;

    private Builder(DataSpec data, String model, TrainerConfig trainer) {
      this.data = data;
      this.model = model;
      this.trainer = trainer;
    }

    /** The split. */
    public Builder split(SplitSpec s) {
      split = s;
      return this;
    }

    /** The split, parsed ({@code loo}, {@code ratio:0.8}, …). */
    public Builder split(String s) {
      return split(SplitSpec.parse(s));
    }

    /** One model setting (a raw value: number, switch, int[] or text). */
    public Builder set(String key, Object value) {
      settings.put(key, value);
      return this;
    }

    /** Several model settings. */
    public Builder settings(Map<String, ?> values) {
      settings.putAll(values);
      return this;
    }

    /**
     * The values of {@code values} whose keys the model declares (one bag of settings for several
     * models, e.g. in a benchmark over mf and neumf); the others are ignored.
     */
    public Builder settingsWhereDeclared(Map<String, ?> values) {
      for (org.rec4j.config.Setting<?> s : ModelRegistry.factory(model).settings())
        if (values.containsKey(s.key())) settings.put(s.key(), values.get(s.key()));
      return this;
    }

    /** The trainer settings. */
    public Builder trainer(TrainerConfig t) {
      trainer = t;
      return this;
    }

    /** The task. */
    public Builder protocol(Protocol p) {
      protocol = p;
      return this;
    }

    /** Sampled negatives per test case. */
    /** How sampled negatives are drawn: uniform or popularity. */
    public Builder evalSampler(String s) {
      evalSampler = s;
      return this;
    }

    /** Negatives per test case when the data provides none. */
    public Builder sampledNegatives(int n) {
      sampledNegatives = n;
      return this;
    }

    /** Cut-offs of ranking metrics. */
    public Builder ks(int... k) {
      ks = k.clone();
      return this;
    }

    /** Validation hold-out fraction. */
    public Builder validation(double f) {
      validationFraction = f;
      return this;
    }

    /** NeuMF pre-training. */
    public Builder pretrain(Pretrain p) {
      pretrain = p;
      return this;
    }

    /** The validated configuration. */
    public ExperimentConfig build() {
      Protocol p =
          protocol != null
              ? protocol
              : trainer != null && trainer.objective().isRating()
                  ? Protocol.RATING
                  : Protocol.SAMPLED;
      return new ExperimentConfig(
          data,
          split,
          model,
          settings,
          trainer,
          p,
          sampledNegatives,
          ks,
          validationFraction,
          pretrain,
          evalSampler);
    }
  }
}
