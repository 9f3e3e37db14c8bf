package org.rec4j.seq;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.Recommender;
import org.rec4j.model.RecommenderFactory;

/**
 * The registry entries of the sequential models ({@link ModelInput#HISTORY}), with their settings.
 * Defaults are SASRec's paper settings for Amazon Games / Beauty (L = 50, d = 50, 2 blocks, 1 head,
 * dropout 0.5, Adam β₂ = 0.98); BERT4Rec declares the keys whose defaults or meaning differ as its
 * own {@code BERT_*} settings (same keys, the BERT4Rec paper's defaults: d = 64, 2 heads, dropout
 * 0.1, Adam β₂ = 0.999) plus its mask probability.
 */
public final class SequenceFactories {
  private SequenceFactories() {}

  /** Longest history read (L). */
  public static final Setting<Integer> MAX_LENGTH =
      Setting.integer("max_length", 50, 1, "longest history read (L): the last L items");

  /** Hidden width d (item and position embeddings, every block). */
  public static final Setting<Integer> FACTORS =
      Setting.integer("factors", 50, 1, "hidden width d of embeddings and blocks");

  /** Number of self-attention blocks. */
  public static final Setting<Integer> BLOCKS =
      Setting.integer("blocks", 2, 1, "self-attention blocks");

  /** Attention heads. */
  public static final Setting<Integer> HEADS =
      Setting.integer("heads", 1, 1, "attention heads (must divide factors)");

  /** Dropout rate. */
  public static final Setting<Double> DROPOUT =
      Setting.number(
          "dropout", c -> 0.5, 0, 1, "dropout on embeddings, attention weights and the FFN");

  /** Positional encoding. */
  public static final Setting<String> POSITIONS =
      Setting.text(
          "positions",
          "learned",
          s -> s.equals("learned") || s.equals("sinusoidal"),
          "learned or sinusoidal",
          "absolute positions: learned embeddings (the paper) or fixed sinusoids (Vaswani et al.)");

  /** Relative-position clip distance. */
  public static final Setting<Integer> RELATIVE =
      Setting.integer(
          "relative",
          0,
          0,
          "Shaw et al. relative-position logits with distances clipped to ±K (0 = off)");

  /** Local attention window. */
  public static final Setting<Integer> WINDOW =
      Setting.integer(
          "window", 0, 0, "local attention: attend to the last W positions only (0 = all)");

  /** Strided sparse attention. */
  public static final Setting<Integer> STRIDE =
      Setting.integer(
          "stride",
          0,
          0,
          "strided sparse attention (Child et al. 2019): distances < S or multiples of S (0 = dense)");

  /** SASRec's training loss. */
  public static final Setting<String> LOSS =
      Setting.text(
          "loss",
          "bce",
          x -> x.equals("bce") || x.equals("softmax") || x.equals("sampled-softmax"),
          "bce, softmax or sampled-softmax",
          "next-item loss: BCE against one uniform negative per position (the paper), full softmax"
              + " cross-entropy over the catalog, or softmax over the batch's targets plus"
              + " sampled_negatives uniform items");

  /** Uniform negatives shared by a batch for the sampled softmax. */
  public static final Setting<Integer> SAMPLED_NEGATIVES =
      Setting.integer(
          "sampled_negatives",
          100,
          1,
          "loss=sampled-softmax: uniform items added to the batch's targets");

  /** Adam's second-moment decay. */
  public static final Setting<Double> BETA2 =
      Setting.number("beta2", c -> 0.98, 0, 1, "Adam β₂ (the SASRec code uses 0.98)");

  /** BERT4Rec's input length: the history and the appended [MASK] (the paper: 50 for Amazon). */
  public static final Setting<Integer> BERT_MAX_LENGTH =
      Setting.integer(
          "max_length", 50, 2, "positions read (L): the last L − 1 items, then the [MASK] scored");

  /** BERT4Rec's hidden width (the paper: d = 64). */
  public static final Setting<Integer> BERT_FACTORS =
      Setting.integer("factors", 64, 1, "hidden width d of embeddings and blocks");

  /** BERT4Rec's attention heads (the paper: h = 2). */
  public static final Setting<Integer> BERT_HEADS =
      Setting.integer("heads", 2, 1, "attention heads (must divide factors)");

  /** BERT4Rec's dropout (the paper: 0.1). */
  public static final Setting<Double> BERT_DROPOUT =
      Setting.number(
          "dropout",
          c -> 0.1,
          0,
          1,
          "dropout on the embeddings, attention weights, attention and feed-forward outputs");

  /** BERT4Rec's Adam β₂ (the paper: 0.999). */
  public static final Setting<Double> BERT_BETA2 =
      Setting.number("beta2", c -> 0.999, 0, 1, "Adam β₂ (BERT4Rec uses 0.999)");

  /** BERT4Rec's cloze mask probability ρ. */
  public static final Setting<Double> MASK_PROB =
      new Setting<>(
          "mask_prob",
          Setting.Kind.NUMBER,
          "cloze training: each position is masked with probability ρ (at least one per sequence)",
          c -> 0.2,
          v -> v > 0 && v <= 1,
          "a number in (0, 1]");

  /** A sequential model factory. */
  abstract static class Base implements RecommenderFactory {
    @Override
    public Set<ModelInput> inputs() {
      return EnumSet.of(ModelInput.IDS, ModelInput.HISTORY);
    }
  }

  /** {@link SasRec}. */
  public static final class SasRecFactory extends Base {
    /** Registered by ServiceLoader. */
    public SasRecFactory() {}

    @Override
    public String name() {
      return "sasrec";
    }

    @Override
    public String description() {
      return "SASRec: causal self-attention over each user's item sequence (Kang & McAuley 2018)";
    }

    @Override
    public List<Setting<?>> settings() {
      return List.of(
          MAX_LENGTH,
          FACTORS,
          BLOCKS,
          HEADS,
          DROPOUT,
          POSITIONS,
          RELATIVE,
          WINDOW,
          STRIDE,
          LOSS,
          SAMPLED_NEGATIVES,
          BETA2);
    }

    @Override
    public Recommender create(ModelInputs inputs, Settings settings) {
      return new SasRec(inputs.numUsers(), inputs.numItems(), inputs.seed(), settings);
    }
  }

  /** {@link Bert4Rec}. */
  public static final class Bert4RecFactory extends Base {
    /** Registered by ServiceLoader. */
    public Bert4RecFactory() {}

    @Override
    public String name() {
      return "bert4rec";
    }

    @Override
    public String description() {
      return "BERT4Rec: bidirectional self-attention trained by masked-item cloze (Sun et al. 2019)";
    }

    @Override
    public List<Setting<?>> settings() {
      return List.of(
          BERT_MAX_LENGTH,
          BERT_FACTORS,
          BLOCKS,
          BERT_HEADS,
          BERT_DROPOUT,
          MASK_PROB,
          POSITIONS,
          RELATIVE,
          WINDOW,
          STRIDE,
          BERT_BETA2);
    }

    @Override
    public Recommender create(ModelInputs inputs, Settings settings) {
      return new Bert4Rec(inputs.numUsers(), inputs.numItems(), inputs.seed(), settings);
    }
  }

  /** {@link Gru4Rec}. */
  public static final class Gru4RecFactory extends Base {
    /** Registered by ServiceLoader. */
    public Gru4RecFactory() {}

    @Override
    public String name() {
      return "gru4rec";
    }

    @Override
    public String description() {
      return "GRU4Rec: a GRU over each user's item sequence, the recurrent baseline (Hidasi et al. 2016)";
    }

    @Override
    public List<Setting<?>> settings() {
      return List.of(MAX_LENGTH, FACTORS, DROPOUT);
    }

    @Override
    public Recommender create(ModelInputs inputs, Settings settings) {
      return new Gru4Rec(inputs.numUsers(), inputs.numItems(), inputs.seed(), settings);
    }
  }
}
