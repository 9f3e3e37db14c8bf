package org.rec4j.seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rec4j.config.Settings;
import org.rec4j.data.UserSequences;
import org.rec4j.loss.CatalogSoftmaxLoss;
import org.rec4j.nn.Activation;
import org.rec4j.nn.Dropout;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.Initializer;
import org.rec4j.nn.LayerNorm;
import org.rec4j.nn.Linear;
import org.rec4j.nn.Module;
import org.rec4j.nn.Parameter;
import org.rec4j.nn.SinusoidalPositionalEncoding;
import org.rec4j.optim.Adam;
import org.rec4j.optim.Optimizer;
import org.rec4j.optim.Regularizer;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.SequenceOps;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.EpochSource;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * BERT4Rec (Sun, Liu, Wu, Pei, Lin, Ou &amp; Jiang, "BERT4Rec: Sequential Recommendation with
 * Bidirectional Encoder Representations from Transformer", CIKM 2019):
 *
 * <ul>
 *   <li>input {@code x = Drop(LN(E[s_t] + P[slot]))} — item embedding plus position embedding (eq.
 *       in §3.4; slot = the left-padded position {@code L − n + t}, learned or sinusoidal), then
 *       layer norm and dropout as BERT's embedding layer, which the authors' model builds on. The
 *       [MASK] token has its own learned vector ({@code mask}), kept apart from the item table so
 *       that the table is exactly {@code [numItems, d]} and [MASK] is never scored;
 *   <li>L bidirectional Transformer blocks, post-LN as the paper (eq. 1–5): {@code x = LN(x +
 *       Drop(MH(x)·W_O))}; {@code x = LN(x + Drop(GELU(x·W₁ + b₁)·W₂ + b₂))} with FFN width 4d,
 *       multi-head attention through {@link SequenceOps#attention} with a bidirectional {@link
 *       SequenceOps.Pattern} (optionally local or strided, with Shaw relative positions, as
 *       SASRec's settings), dropout on the attention weights;
 *   <li>output (eq. 7): {@code P(v) = softmax(LN(GELU(h·W_P + b_P))·Eᵀ + b_O)} with the item table
 *       tied to the input embedding and a per-item bias {@code b_O} (the layer norm as in the
 *       authors' code);
 *   <li>training (§3.6, the cloze task): each epoch every user's last L training items, each
 *       position masked with probability ρ ({@code mask_prob}, at least one per sequence; plain
 *       [MASK] replacement, see {@link ClozeBatch}); the loss is the softmax cross-entropy over the
 *       whole catalog at the masked positions only, averaged over them — one fused op ({@link
 *       CatalogSoftmaxLoss}) over the {@code [M, d]} masked rows, never a {@code [B, L, items]}
 *       tensor; Adam with β₂ = 0.999;
 *   <li>prediction (§3.6): [MASK] is appended to the history and its final hidden state is scored;
 *       the input is trimmed to L positions including the mask, so the last L − 1 items are read
 *       ({@link #maxLength()} reports L − 1).
 * </ul>
 *
 * <p>Initialisation as BERT: weights and embeddings truncated normal (std 0.02), biases zero, layer
 * norms γ = 1, β = 0 (ε = 1e-12).
 */
public final class Bert4Rec extends SequentialRecommender {
  private static final float INIT_STD = 0.02f, LN_EPS = 1e-12f;

  private final int d;
  private final int heads;
  private final float dropout;
  private final double beta2;
  private final double maskProb;
  private final SequenceOps.Pattern pattern;
  private final int[] appended;
  private final Embedding items;
  private final Parameter mask;
  private final Embedding positions;
  private final SinusoidalPositionalEncoding sinusoid;
  private final LayerNorm embNorm;
  private final Dropout embDrop;
  private final Parameter relative;
  private final List<Block> blocks = new ArrayList<>();
  private final Linear outDense;
  private final LayerNorm outNorm;
  private final Parameter outBias;
  private final CatalogSoftmaxLoss loss = new CatalogSoftmaxLoss();

  /** Hyper-parameters as settings (see {@link SequenceFactories}). */
  Bert4Rec(int numUsers, int numItems, long seed, Settings s) {
    super("bert4rec", numUsers, numItems, s.get(SequenceFactories.BERT_MAX_LENGTH), seed, s);
    if (maxLength < 2)
      throw new IllegalArgumentException(
          "bert4rec: max_length must be >= 2 (the history and the appended [MASK]), got "
              + maxLength);
    this.d = s.get(SequenceFactories.BERT_FACTORS);
    this.heads = s.get(SequenceFactories.BERT_HEADS);
    if (d % heads != 0)
      throw new IllegalArgumentException(
          "bert4rec: factors " + d + " must be a multiple of heads " + heads);
    this.dropout = s.get(SequenceFactories.BERT_DROPOUT).floatValue();
    this.beta2 = s.get(SequenceFactories.BERT_BETA2);
    this.maskProb = s.get(SequenceFactories.MASK_PROB);
    this.pattern =
        new SequenceOps.Pattern(
            false, s.get(SequenceFactories.WINDOW), s.get(SequenceFactories.STRIDE));
    this.appended = new int[] {numItems};
    Rng rng = new Rng(seed * 31 + 17);
    Initializer init = Initializer.truncatedNormal(INIT_STD);
    this.items =
        register(
            "item",
            new Embedding(Embedding.Config.of(numItems, d).withInit(init).withSparse(false), rng));
    this.mask = register(new Parameter("mask", init.create(rng, 1, d)));
    boolean learned = s.get(SequenceFactories.POSITIONS).equals("learned");
    this.positions =
        learned
            ? register(
                "position",
                new Embedding(
                    Embedding.Config.of(maxLength, d).withInit(init).withSparse(false), rng))
            : null;
    this.sinusoid = learned ? null : new SinusoidalPositionalEncoding(maxLength, d);
    this.embNorm = register("embNorm", new LayerNorm(d, LN_EPS));
    this.embDrop = register("embDrop", new Dropout(dropout, rng.split()));
    int relK = s.get(SequenceFactories.RELATIVE);
    this.relative =
        relK > 0
            ? register(new Parameter("relative", init.create(rng, 2 * relK + 1, d / heads)))
            : null;
    int nBlocks = s.get(SequenceFactories.BLOCKS);
    for (int b = 0; b < nBlocks; b++) blocks.add(register("block" + b, new Block(rng, init)));
    this.outDense =
        register(
            "outDense",
            new Linear(
                Linear.Config.of(d, d).withActivation(Activation.GELU).withWeightInit(init), rng));
    this.outNorm = register("outNorm", new LayerNorm(d, LN_EPS));
    this.outBias = register(new Parameter("outBias", Tensor.zeros(numItems)));
  }

  /** One post-LN Transformer block (see the class comment). */
  private final class Block extends Module {
    final Linear wq, wk, wv, wo, ff1, ff2;
    final LayerNorm ln1 = register("ln1", new LayerNorm(d, LN_EPS));
    final LayerNorm ln2 = register("ln2", new LayerNorm(d, LN_EPS));
    final Dropout drop1, drop2;
    final Rng attnRng;

    Block(Rng rng, Initializer init) {
      wq = register("wq", new Linear(Linear.Config.of(d, d).withWeightInit(init), rng));
      wk = register("wk", new Linear(Linear.Config.of(d, d).withWeightInit(init), rng));
      wv = register("wv", new Linear(Linear.Config.of(d, d).withWeightInit(init), rng));
      wo = register("wo", new Linear(Linear.Config.of(d, d).withWeightInit(init), rng));
      ff1 =
          register(
              "ff1",
              new Linear(
                  Linear.Config.of(d, 4 * d).withActivation(Activation.GELU).withWeightInit(init),
                  rng));
      ff2 = register("ff2", new Linear(Linear.Config.of(4 * d, d).withWeightInit(init), rng));
      drop1 = register("drop1", new Dropout(dropout, rng.split()));
      drop2 = register("drop2", new Dropout(dropout, rng.split()));
      attnRng = rng.split();
    }

    Tensor forward(Tensor x, int[] offsets) {
      Tensor a =
          SequenceOps.attention(
              wq.forward(x),
              wk.forward(x),
              wv.forward(x),
              relative == null ? null : relative.value(),
              offsets,
              heads,
              pattern,
              dropout,
              isTraining(),
              attnRng);
      x = ln1.forward(MathOps.add(x, drop1.forward(wo.forward(a))));
      return ln2.forward(MathOps.add(x, drop2.forward(ff2.forward(ff1.forward(x)))));
    }

    float[][] lastWeights(Tensor x, int[] offsets) {
      return SequenceOps.lastQueryWeights(
          wq.forward(x),
          wk.forward(x),
          relative == null ? null : relative.value(),
          offsets,
          heads,
          pattern);
    }
  }

  // ---- what the trainer and the cloze source read

  /** L, the positions of a training or scoring input (history items plus the mask). */
  int inputLength() {
    return maxLength;
  }

  /** The [MASK] token id: one past the last item. */
  int maskToken() {
    return numItems;
  }

  /** ρ. */
  double maskProb() {
    return maskProb;
  }

  // ---- the encoder

  /**
   * Item rows of {@code tokens}, the [MASK] vector where a token is {@link #maskToken()}: {@code
   * E[ids]·keep + isMask ⊗ mask}, two 0/1 columns, so gradients reach the item rows and the mask
   * vector through the engine's own ops.
   */
  private Tensor tokenEmbedding(int[] tokens) {
    int t = tokens.length, masks = 0;
    for (int tok : tokens) if (tok == numItems) masks++;
    if (masks == 0) return items.forward(tokens);
    int[] ids = new int[t]; // per call: scoring runs concurrently
    Tensor keep = Tensor.zeros(t, 1), isMask = Tensor.zeros(t, 1);
    float[] kd = keep.data(), md = isMask.data();
    for (int r = 0; r < t; r++) {
      boolean m = tokens[r] == numItems;
      ids[r] = m ? 0 : tokens[r];
      kd[r] = m ? 0f : 1f;
      md[r] = m ? 1f : 0f;
    }
    return MathOps.add(MathOps.mul(items.forward(ids), keep), LinAlg.matmul(isMask, mask.value()));
  }

  private Tensor embed(int[] tokens, int[] slots) {
    Tensor e = tokenEmbedding(tokens);
    Tensor p;
    if (positions != null) {
      p = positions.forward(slots);
    } else {
      p = Tensor.zeros(tokens.length, d);
      float[] table = sinusoid.encoding(maxLength).data(), pd = p.data();
      for (int r = 0; r < slots.length; r++) System.arraycopy(table, slots[r] * d, pd, r * d, d);
    }
    return embDrop.forward(embNorm.forward(MathOps.add(e, p)));
  }

  @Override
  protected Tensor encode(int[] tokens, int[] slots, int[] offsets) {
    Tensor x = embed(tokens, slots);
    for (Block b : blocks) x = b.forward(x, offsets);
    return x;
  }

  @Override
  protected Optional<float[][]> lastAttention(int[] tokens, int[] slots, int[] offsets) {
    Tensor x = embed(tokens, slots);
    for (int i = 0; i < blocks.size() - 1; i++) x = blocks.get(i).forward(x, offsets);
    return Optional.of(blocks.get(blocks.size() - 1).lastWeights(x, offsets));
  }

  /** The output transform {@code LN(GELU(h·W_P + b_P))} (eq. 7). */
  private Tensor transform(Tensor h) {
    return outNorm.forward(outDense.forward(h));
  }

  // ---- scoring hooks

  @Override
  protected int[] appendedTokens() {
    return appended;
  }

  @Override
  protected Tensor head(Tensor lastHidden) {
    return transform(lastHidden);
  }

  @Override
  protected float[] itemBias() {
    return outBias.value().data();
  }

  @Override
  protected Tensor itemTable() {
    return items.weight().value();
  }

  // ---- training

  @Override
  protected EpochSource trainingSource(UserSequences seqs, TrainerConfig config) {
    return new ClozeSource(this, seqs, config);
  }

  /**
   * The cloze loss of one batch: the masked rows' hidden states, transformed, against the whole
   * catalog (see the class comment).
   */
  Tensor clozeLoss(ClozeBatch b) {
    Tensor h = encode(b.tokens, b.positions, b.offsets);
    Tensor masked = IndexOps.indexSelect(h, 0, b.maskedRows);
    return loss.compute(
        transform(masked), items.weight().value(), outBias.value(), b.labels, b.masked);
  }

  @Override
  protected List<Optimizer> optimizers(TrainerConfig config) {
    Regularizer reg = config.l2() > 0 ? Regularizer.l2(config.l2()) : Regularizer.none();
    if (config.optimizer() != OptimizerKind.ADAM)
      return List.of(config.optimizer().create(parameters(), config.learningRate(), config.l2()));
    return List.of(
        new Adam(parameters(), new Adam.Config(config.learningRate(), 0.9, beta2, 1e-8), reg));
  }
}
