package org.rec4j.seq;

import java.util.List;
import org.rec4j.config.Settings;
import org.rec4j.nn.Dropout;
import org.rec4j.nn.Embedding;
import org.rec4j.nn.GRU;
import org.rec4j.nn.Initializer;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.TrainerConfig;

/**
 * GRU4Rec (Hidasi et al., "Session-based Recommendations with Recurrent Neural Networks", ICLR
 * 2016), the recurrent baseline of the sequential family, in its padded (here: packed) form rather
 * than with session-parallel mini-batches: item embeddings (dropout) feed one GRU layer whose
 * hidden state after each item scores the next one against the same item table ({@code h_t·E[i]},
 * the tied "constrained embeddings" variant). Trained like SASRec — every position predicts the
 * next item, BCE against one uniform negative — so the two differ only in the encoder; sequences
 * read their last {@code max_length} items.
 */
public final class Gru4Rec extends SequentialRecommender {
  private final Embedding items;
  private final Dropout drop;
  private final GRU gru;
  private final SampledBce loss = new SampledBce();

  Gru4Rec(int numUsers, int numItems, long seed, Settings s) {
    super("gru4rec", numUsers, numItems, s.get(SequenceFactories.MAX_LENGTH), seed, s);
    int d = s.get(SequenceFactories.FACTORS);
    Rng rng = new Rng(seed * 31 + 13);
    this.items =
        register(
            "item",
            new Embedding(
                Embedding.Config.of(numItems, d).withInit(Initializer.xavierUniform()), rng));
    this.drop =
        register("drop", new Dropout(s.get(SequenceFactories.DROPOUT).floatValue(), rng.split()));
    this.gru = register("gru", new GRU(d, d, rng));
  }

  @Override
  protected Tensor encode(int[] tokens, int[] positions, int[] offsets) {
    return gru.forward(drop.forward(items.forward(tokens)), offsets);
  }

  @Override
  protected Tensor trainingLoss(SequenceBatch b) {
    Tensor h = encode(b.tokens, b.positions, b.offsets);
    return loss.apply(h, items.forward(b.targets), items.forward(b.negatives), b.real);
  }

  @Override
  protected Tensor itemTable() {
    return items.weight().value();
  }

  @Override
  protected List<Optimizer> optimizers(TrainerConfig config) {
    return List.of(config.optimizer().create(parameters(), config.learningRate(), config.l2()));
  }
}
