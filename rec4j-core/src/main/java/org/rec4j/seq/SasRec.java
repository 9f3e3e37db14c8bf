package org.rec4j.seq;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.rec4j.config.Settings;
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
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.SequenceOps;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * SASRec (Kang &amp; McAuley, "Self-Attentive Sequential Recommendation", ICDM 2018), as the
 * authors' TensorFlow graph (and {@code ../shared/bench/torch_sasrec.py}) computes it:
 *
 * <ul>
 *   <li>input {@code x = E[s_t]·√d + P[slot]} (slot = the left-padded position {@code L − n + t}),
 *       dropout;
 *   <li>each block: {@code q = LN(x)}; {@code x = q + Attn(q·W_q, x·W_k, x·W_v)} (causal, dropout
 *       on the weights; queries layer-normalised, keys and values not; the residual adds the
 *       normalised input); {@code y = LN(x)}; {@code x = y + Drop(W₂·Drop(ReLU(W₁·y + b₁)) + b₂)};
 *   <li>output {@code h = LN(x)}; {@code score(t, i) = h_t·E[i]} with the shared item table;
 *   <li>loss: BCE of the next item against one uniform negative per position, summed over target
 *       positions and divided by their count; Adam (β₂ = 0.98 as the authors').
 * </ul>
 *
 * <p>Layer-norm ε is 1e-8, weights and embeddings Glorot-uniform, biases zero (TF1 defaults).
 * Variants, as settings: sinusoidal instead of learned positions, Shaw relative-position logits
 * (clip K), local or strided sparse attention, any number of heads. The packed computation skips
 * padding entirely (see the package comment).
 */
public final class SasRec extends SequentialRecommender {
  private final int d;
  private final float sqrtD;
  private final Embedding items;
  private final Embedding positions;
  private final SinusoidalPositionalEncoding sinusoid;
  private final Dropout embDrop;
  private final List<Block> blocks = new ArrayList<>();
  private final LayerNorm out;
  private final Parameter relative;
  private final int heads;
  private final SequenceOps.Pattern pattern;
  private final float dropout;
  private final double beta2;
  private final SampledBce loss = new SampledBce();
  private final String lossKind;
  private final int sampledNegatives;
  private final org.rec4j.loss.CatalogSoftmaxLoss softmax;
  private final Rng candidates;
  private int[] slot = new int[0];

  /** Hyper-parameters as settings (see {@link SequenceFactories}). */
  SasRec(int numUsers, int numItems, long seed, Settings s) {
    super("sasrec", numUsers, numItems, s.get(SequenceFactories.MAX_LENGTH), seed, s);
    this.d = s.get(SequenceFactories.FACTORS);
    this.heads = s.get(SequenceFactories.HEADS);
    if (d % heads != 0)
      throw new IllegalArgumentException(
          "sasrec: factors " + d + " must be a multiple of heads " + heads);
    this.sqrtD = (float) Math.sqrt(d);
    this.dropout = s.get(SequenceFactories.DROPOUT).floatValue();
    this.beta2 = s.get(SequenceFactories.BETA2);
    this.pattern =
        new SequenceOps.Pattern(
            true, s.get(SequenceFactories.WINDOW), s.get(SequenceFactories.STRIDE));
    Rng rng = new Rng(seed * 31 + 11);
    this.lossKind = s.get(SequenceFactories.LOSS);
    this.sampledNegatives = s.get(SequenceFactories.SAMPLED_NEGATIVES);
    this.softmax = lossKind.equals("bce") ? null : new org.rec4j.loss.CatalogSoftmaxLoss();
    this.candidates = new Rng(seed * 31 + 17);
    // the full softmax gives every item row a gradient: a dense table; the others touch few rows
    this.items =
        register(
            "item",
            new Embedding(
                Embedding.Config.of(numItems, d)
                    .withInit(Initializer.xavierUniform())
                    .withSparse(!lossKind.equals("softmax")),
                rng));
    boolean learned = s.get(SequenceFactories.POSITIONS).equals("learned");
    this.positions =
        learned
            ? register(
                "position",
                new Embedding(
                    Embedding.Config.of(maxLength, d)
                        .withInit(Initializer.xavierUniform())
                        .withSparse(false),
                    rng))
            : null;
    this.sinusoid = learned ? null : new SinusoidalPositionalEncoding(maxLength, d);
    int relK = s.get(SequenceFactories.RELATIVE);
    this.relative =
        relK > 0
            ? register(
                new Parameter(
                    "relative", Initializer.xavierUniform().create(rng, 2 * relK + 1, d / heads)))
            : null;
    this.embDrop = register("embDrop", new Dropout(dropout, rng.split()));
    int nBlocks = s.get(SequenceFactories.BLOCKS);
    for (int b = 0; b < nBlocks; b++) blocks.add(register("block" + b, new Block(rng)));
    this.out = register("out", new LayerNorm(d, 1e-8f));
  }

  /** One SASRec block (see the class comment). */
  private final class Block extends Module {
    final LayerNorm lnQ = register("lnQ", new LayerNorm(d, 1e-8f));
    final Linear wq, wk, wv, ff1, ff2;
    final LayerNorm lnF = register("lnF", new LayerNorm(d, 1e-8f));
    final Dropout drop1, drop2;
    final Rng attnRng;

    Block(Rng rng) {
      wq = register("wq", new Linear(d, d, rng));
      wk = register("wk", new Linear(d, d, rng));
      wv = register("wv", new Linear(d, d, rng));
      ff1 =
          register("ff1", new Linear(Linear.Config.of(d, d).withActivation(Activation.RELU), rng));
      ff2 = register("ff2", new Linear(d, d, rng));
      drop1 = register("drop1", new Dropout(dropout, rng.split()));
      drop2 = register("drop2", new Dropout(dropout, rng.split()));
      attnRng = rng.split();
    }

    Tensor forward(Tensor x, int[] offsets) {
      Tensor q = lnQ.forward(x);
      Tensor a =
          SequenceOps.attention(
              wq.forward(q),
              wk.forward(x),
              wv.forward(x),
              relative == null ? null : relative.value(),
              offsets,
              heads,
              pattern,
              dropout,
              isTraining(),
              attnRng);
      x = MathOps.add(q, a);
      Tensor y = lnF.forward(x);
      return MathOps.add(y, drop2.forward(ff2.forward(drop1.forward(ff1.forward(y)))));
    }

    float[][] lastWeights(Tensor x, int[] offsets) {
      Tensor q = lnQ.forward(x);
      return SequenceOps.lastQueryWeights(
          wq.forward(q),
          wk.forward(x),
          relative == null ? null : relative.value(),
          offsets,
          heads,
          pattern);
    }
  }

  private Tensor embed(int[] tokens, int[] slots) {
    Tensor e = MathOps.mulScalar(items.forward(tokens), sqrtD);
    Tensor p;
    if (positions != null) {
      p = positions.forward(slots);
    } else {
      p = Tensor.zeros(tokens.length, d);
      float[] table = sinusoid.encoding(maxLength).data(), pd = p.data();
      for (int r = 0; r < slots.length; r++) System.arraycopy(table, slots[r] * d, pd, r * d, d);
    }
    return embDrop.forward(MathOps.add(e, p));
  }

  @Override
  protected Tensor encode(int[] tokens, int[] slots, int[] offsets) {
    Tensor x = embed(tokens, slots);
    for (Block b : blocks) x = b.forward(x, offsets);
    return out.forward(x);
  }

  @Override
  protected Optional<float[][]> lastAttention(int[] tokens, int[] slots, int[] offsets) {
    Tensor x = embed(tokens, slots);
    for (int i = 0; i < blocks.size() - 1; i++) x = blocks.get(i).forward(x, offsets);
    return Optional.of(blocks.get(blocks.size() - 1).lastWeights(x, offsets));
  }

  @Override
  protected Tensor trainingLoss(SequenceBatch b) {
    Tensor h = encode(b.tokens, b.positions, b.offsets);
    return switch (lossKind) {
      case "softmax" -> softmax.compute(h, items.weight().value(), null, b.targets, b.real);
      case "sampled-softmax" -> sampledSoftmax(h, b);
      default -> loss.apply(h, items.forward(b.targets), items.forward(b.negatives), b.real);
    };
  }

  /**
   * Softmax over a shared candidate set: the batch's distinct targets plus {@code
   * sampled_negatives} uniform items, each row labelled with its own target (no correction for the
   * sampling probabilities). The candidate arrays vary with the batch, so this loss allocates them
   * per step (the default BCE does not).
   */
  private Tensor sampledSoftmax(Tensor h, SequenceBatch b) {
    if (slot.length != numItems) {
      slot = new int[numItems];
      java.util.Arrays.fill(slot, -1);
    }
    int[] cand = new int[b.real + sampledNegatives];
    int c = 0;
    for (int r = 0; r < b.real; r++) if (slot[b.targets[r]] < 0) slot[cand[c] = b.targets[r]] = c++;
    for (int n = 0; n < sampledNegatives; n++) {
      int j = candidates.nextInt(numItems);
      if (slot[j] < 0) slot[cand[c] = j] = c++;
    }
    int[] labels = new int[b.targets.length];
    for (int r = 0; r < b.real; r++) labels[r] = slot[b.targets[r]];
    int[] used = java.util.Arrays.copyOf(cand, c);
    for (int i : used) slot[i] = -1;
    return softmax.compute(h, items.forward(used), null, labels, b.real);
  }

  @Override
  protected Tensor itemTable() {
    return items.weight().value();
  }

  @Override
  protected List<Optimizer> optimizers(TrainerConfig config) {
    Regularizer reg = config.l2() > 0 ? Regularizer.l2(config.l2()) : Regularizer.none();
    if (config.optimizer() != OptimizerKind.ADAM)
      return List.of(config.optimizer().create(parameters(), config.learningRate(), config.l2()));
    List<Optimizer> opts = new ArrayList<>();
    Adam adam =
        new Adam(parameters(), new Adam.Config(config.learningRate(), 0.9, beta2, 1e-8), reg);
    // dense Adam's behaviour for the item table's untouched rows (they keep drifting on their
    // moments), as PyTorch and TF's Adam give the reference; plain lazy Adam learned visibly slower
    adam.catchUpSkippedRows(true);
    opts.add(adam);
    return opts;
  }
}
