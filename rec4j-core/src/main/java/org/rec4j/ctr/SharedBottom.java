package org.rec4j.ctr;

import java.util.Arrays;
import org.rec4j.loss.BceWithLogitsLoss;
import org.rec4j.loss.MseLoss;
import org.rec4j.loss.MultiTaskLoss;
import org.rec4j.loss.UncertaintyWeightedLoss;
import org.rec4j.loss.WeightedSumLoss;
import org.rec4j.nn.Activation;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * A shared-bottom multi-task model (Caruana, "Multitask Learning", Machine Learning 28, 1997,
 * doi:10.1023/A:1007379730211; the baseline of MMoE, Ma et al. KDD 2018): the field embeddings feed
 * one shared ReLU layer, on top of which two towers predict the click logit (task 1, binary
 * cross-entropy) and the second target of the examples, e.g. the rating (task 2, mean squared
 * error). The two losses are combined by a fixed weighted sum or by learned
 * homoscedastic-uncertainty weights (Kendall, Gal, Cipolla, CVPR 2018, arXiv:1705.07115), both from
 * {@code org.rec4j.loss}. {@link #logits} is the click tower, so the model is scored like any
 * {@link CtrModel}; {@link #secondary} gives the second task's predictions.
 *
 * <p>Departure: the second head predicts the raw target through a bias that starts at the mean
 * target of the first training batch (so a 1–5 rating does not start with a loss of ~10 whose
 * gradients kill the shared ReLU units).
 */
public final class SharedBottom extends CtrNetwork {

  /** How the two task losses are combined. */
  public enum Weighting {
    /** {@code L = L_click + w·L_rating} with the configured weight. */
    WEIGHTED_SUM,
    /** Learned weights {@code e^{−s_i}} with {@code L = Σ e^{−s_i} L_i + s_i}. */
    UNCERTAINTY
  }

  /**
   * Hyper-parameters of a {@link SharedBottom}.
   *
   * @param embedDim embedding size, &gt; 0
   * @param hidden the shared layer's width followed by the towers' hidden widths (at least two)
   * @param dropout dropout in the towers, in [0, 1)
   * @param weighting how task losses combine
   * @param secondWeight weight of the second task for {@link Weighting#WEIGHTED_SUM}, ≥ 0
   */
  public record Config(
      int embedDim, int[] hidden, float dropout, Weighting weighting, float secondWeight) {
    /** Validates every field. */
    public Config {
      if (embedDim <= 0)
        throw new IllegalArgumentException("sharedbottom embedDim must be > 0, got " + embedDim);
      hidden = CtrNetwork.checkHidden("sharedbottom", hidden, false);
      if (hidden.length < 2)
        throw new IllegalArgumentException(
            "sharedbottom hidden needs the shared width and at least one tower width, got "
                + Arrays.toString(hidden));
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException(
            "sharedbottom dropout must be in [0, 1), got " + dropout);
      if (weighting == null)
        throw new IllegalArgumentException("sharedbottom weighting must be set");
      if (!(secondWeight >= 0) || Float.isInfinite(secondWeight))
        throw new IllegalArgumentException(
            "sharedbottom secondWeight must be finite and >= 0, got " + secondWeight);
    }

    @Override
    public String toString() {
      return "SharedBottom.Config[embedDim="
          + embedDim
          + ", hidden="
          + Arrays.toString(hidden)
          + ", dropout="
          + dropout
          + ", weighting="
          + weighting
          + ", secondWeight="
          + secondWeight
          + "]";
    }
  }

  private final Parameter embedding;
  private final MLP bottom;
  private final MLP click;
  private final MLP second;
  private final MultiTaskLoss combine;
  private final Parameter secondBias;
  private boolean calibrated;
  private final BceWithLogitsLoss bce = new BceWithLogitsLoss();
  private final MseLoss mse = new MseLoss();

  /** A shared-bottom model over {@code schema}. */
  public SharedBottom(FieldSchema schema, Config config, Rng rng) {
    super(schema);
    int[] h = config.hidden();
    this.embedding = newEmbedding("embedding", config.embedDim(), rng);
    this.bottom =
        register(
            "bottom",
            MLP.builder(schema.size() * config.embedDim(), h[0])
                .lastActivation(Activation.RELU)
                .build(rng));
    int[] towerHidden = Arrays.copyOfRange(h, 1, h.length);
    this.click = register("click", tower(h[0], towerHidden, config.dropout(), rng));
    this.second = register("second", tower(h[0], towerHidden, config.dropout(), rng));
    this.secondBias = register(new Parameter("second_bias", Tensor.zeros(1)));
    if (config.weighting() == Weighting.UNCERTAINTY) {
      this.combine = register("weights", new UncertaintyWeightedLoss(2));
    } else {
      this.combine = new WeightedSumLoss(1f, config.secondWeight());
    }
  }

  @Override
  public String name() {
    return "sharedbottom";
  }

  private Tensor shared(FieldBatch batch) {
    return bottom.forward(ShapeOps.reshape(embed(embedding, batch), batch.size(), -1));
  }

  @Override
  public Tensor logits(FieldBatch batch) {
    return squeeze(click.forward(shared(batch)));
  }

  /** Predictions of the second task {@code [B]}. */
  public Tensor secondary(FieldBatch batch) {
    return squeeze(MathOps.add(second.forward(shared(batch)), secondBias.value()));
  }

  @Override
  public Tensor trainingLoss(FieldBatch batch) {
    if (Float.isNaN(batch.secondary()[0]))
      throw new IllegalArgumentException(
          "sharedbottom needs a second target per example (e.g. the rating); this task has none");
    int n = batch.size();
    if (!calibrated) {
      double mean = 0;
      for (int i = 0; i < n; i++) mean += batch.secondary()[i];
      secondBias.value().data()[0] = (float) (mean / n);
      calibrated = true;
    }
    Tensor h = shared(batch);
    Tensor l1 = bce.compute(squeeze(click.forward(h)), Tensor.wrap(batch.labels(), n));
    Tensor l2 =
        mse.compute(
            squeeze(MathOps.add(second.forward(h), secondBias.value())),
            Tensor.wrap(batch.secondary(), n));
    return combine.combine(l1, l2);
  }

  /** The current task weights (fixed, or learned under uncertainty weighting). */
  public float[] taskWeights() {
    return combine instanceof UncertaintyWeightedLoss u
        ? u.taskWeights()
        : ((WeightedSumLoss) combine).weights();
  }
}
