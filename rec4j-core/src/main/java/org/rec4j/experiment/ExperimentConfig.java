package org.rec4j.experiment;

import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.train.TrainerConfig;

/**
 * Everything one run needs: data, split, model and its sizes, training, evaluation protocol.
 *
 * @param data where the data comes from ({@code FORMAT:PATH})
 * @param split how it is divided
 * @param model registry name
 * @param factors embedding size of dot-product parts
 * @param layers MLP tower (NCF convention, input width first)
 * @param dropout dropout after hidden layers
 * @param batchNorm batch norm in hidden layers
 * @param trainer training settings (objective, epochs, optimizer, …)
 * @param protocol evaluation protocol
 * @param sampledNegatives negatives per test case when the data provides none (sampled protocol)
 * @param ks cut-offs for ranking metrics
 * @param pretrain NeuMF only: pre-train GMF and NCF with the same trainer settings, then fine-tune
 * @param pretrainOptimizerSgd NeuMF pre-training: fine-tune with plain SGD (the paper) instead of
 *     the trainer's optimizer
 * @param crossBuckets Wide&amp;Deep hashed user×item cross buckets (0 = none)
 * @param validationFraction when the split has no validation part, hold out this fraction of each
 *     user's training interactions for per-epoch validation and early stopping (0 = validate on the
 *     test part, as the NCF code does)
 * @param embeddingStd standard deviation of the N(0, std²) embedding initialization (0.01 as in
 *     NCF)
 * @param pretrainedGmf with {@code pretrain}: a saved GMF artifact (directory or zip) to use
 *     instead of training the GMF stage, or null — as the NCF authors' code takes pre-trained model
 *     files, so each stage can have its own recipe
 * @param pretrainedMlp with {@code pretrain}: a saved NCF (MLP) artifact to use instead of training
 *     that stage, or null
 * @param pretrainAlpha with {@code pretrain}: the weight α of the GMF stage's output layer in
 *     NeuMF's, 1 − α for the MLP stage's (He et al. §3.4.1; 0.5 in the paper), in [0, 1]
 * @param finetuneEpochs with {@code pretrain}: epochs of training the combined NeuMF; −1 = the
 *     trainer's epochs, 0 = none (the combination is evaluated and kept as built — the NCF code's
 *     "Init" model)
 */
public record ExperimentConfig(
    DataSpec data,
    SplitSpec split,
    String model,
    int factors,
    int[] layers,
    float dropout,
    boolean batchNorm,
    TrainerConfig trainer,
    Protocol protocol,
    int sampledNegatives,
    int[] ks,
    boolean pretrain,
    boolean pretrainOptimizerSgd,
    int crossBuckets,
    double validationFraction,
    float embeddingStd,
    java.nio.file.Path pretrainedGmf,
    java.nio.file.Path pretrainedMlp,
    float pretrainAlpha,
    int finetuneEpochs) {
  /** Validates what the parts do not validate themselves. */
  public ExperimentConfig {
    if (data == null || split == null || model == null || trainer == null || protocol == null) {
      throw new IllegalArgumentException(
          "data, split, model, trainer and protocol must all be set");
    }
    if (ks == null || ks.length == 0)
      throw new IllegalArgumentException("at least one k is needed");
    for (int k : ks) if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    if (sampledNegatives < 1)
      throw new IllegalArgumentException("sampled negatives must be >= 1, got " + sampledNegatives);
    if (protocol == Protocol.RATING && !trainer.objective().isRating()) {
      throw new IllegalArgumentException(
          "protocol rating needs a rating objective (mse, mae, huber), got " + trainer.objective());
    }
    if (protocol != Protocol.RATING && trainer.objective().isRating()) {
      throw new IllegalArgumentException(
          "protocol "
              + protocol.name().toLowerCase()
              + " ranks items; use an implicit objective (bce, bpr) or --protocol rating");
    }
    if (!(validationFraction >= 0 && validationFraction < 0.5)) {
      throw new IllegalArgumentException(
          "--validation must be in [0, 0.5), got " + validationFraction);
    }
    if (!(embeddingStd > 0))
      throw new IllegalArgumentException("--init-std must be > 0, got " + embeddingStd);
    if ((pretrainedGmf != null || pretrainedMlp != null) && !pretrain) {
      throw new IllegalArgumentException("--pretrained-gmf/--pretrained-mlp need --pretrain");
    }
    if (!(pretrainAlpha >= 0 && pretrainAlpha <= 1))
      throw new IllegalArgumentException("--alpha must be in [0, 1], got " + pretrainAlpha);
    if (pretrainAlpha != 0.5f && !pretrain)
      throw new IllegalArgumentException(
          "--alpha needs --pretrain (it mixes the pre-trained stages)");
    if (finetuneEpochs < -1)
      throw new IllegalArgumentException("--finetune-epochs must be >= 0, got " + finetuneEpochs);
    if (finetuneEpochs >= 0 && !pretrain)
      throw new IllegalArgumentException("--finetune-epochs needs --pretrain");
    if (finetuneEpochs > 0 && trainer.swaFrom() > finetuneEpochs) {
      throw new IllegalArgumentException(
          "--swa " + trainer.swaFrom() + " is beyond --finetune-epochs " + finetuneEpochs);
    }
    ks = ks.clone();
    layers = layers.clone();
  }

  /** A run without pre-trained stage artifacts, with the paper's α = 0.5. */
  public ExperimentConfig(
      DataSpec data,
      SplitSpec split,
      String model,
      int factors,
      int[] layers,
      float dropout,
      boolean batchNorm,
      TrainerConfig trainer,
      Protocol protocol,
      int sampledNegatives,
      int[] ks,
      boolean pretrain,
      boolean pretrainOptimizerSgd,
      int crossBuckets,
      double validationFraction,
      float embeddingStd) {
    this(
        data,
        split,
        model,
        factors,
        layers,
        dropout,
        batchNorm,
        trainer,
        protocol,
        sampledNegatives,
        ks,
        pretrain,
        pretrainOptimizerSgd,
        crossBuckets,
        validationFraction,
        embeddingStd,
        null,
        null,
        0.5f,
        -1);
  }

  /** A run whose pre-trained NeuMF (if any) fine-tunes for the trainer's epochs. */
  public ExperimentConfig(
      DataSpec data,
      SplitSpec split,
      String model,
      int factors,
      int[] layers,
      float dropout,
      boolean batchNorm,
      TrainerConfig trainer,
      Protocol protocol,
      int sampledNegatives,
      int[] ks,
      boolean pretrain,
      boolean pretrainOptimizerSgd,
      int crossBuckets,
      double validationFraction,
      float embeddingStd,
      java.nio.file.Path pretrainedGmf,
      java.nio.file.Path pretrainedMlp,
      float pretrainAlpha) {
    this(
        data,
        split,
        model,
        factors,
        layers,
        dropout,
        batchNorm,
        trainer,
        protocol,
        sampledNegatives,
        ks,
        pretrain,
        pretrainOptimizerSgd,
        crossBuckets,
        validationFraction,
        embeddingStd,
        pretrainedGmf,
        pretrainedMlp,
        pretrainAlpha,
        -1);
  }

  /** This run with other training settings (e.g. another seed). */
  public ExperimentConfig withTrainer(TrainerConfig t) {
    return new ExperimentConfig(
        data,
        split,
        model,
        factors,
        layers,
        dropout,
        batchNorm,
        t,
        protocol,
        sampledNegatives,
        ks,
        pretrain,
        pretrainOptimizerSgd,
        crossBuckets,
        validationFraction,
        embeddingStd,
        pretrainedGmf,
        pretrainedMlp,
        pretrainAlpha,
        finetuneEpochs);
  }
}
