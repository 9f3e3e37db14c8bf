package org.rec4j.seq;

import java.util.List;
import org.rec4j.data.UserSequences;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.EpochSource;
import org.rec4j.train.TrainerConfig;

/**
 * The cloze {@link EpochSource} of {@link Bert4Rec}: every epoch visits each user with at least one
 * training item once, in a fresh shuffled order, with fresh masks (one example is one user
 * sequence, as {@link SequenceSource} counts them). Each step packs its users into a reusable
 * {@link ClozeBatch} and runs the model's cloze loss and backward inside a reusable {@link Arena}.
 * Single-threaded.
 */
final class ClozeSource implements EpochSource {
  private final Bert4Rec model;
  private final UserSequences seqs;
  private final int[] users;
  private final int[] order;
  private final ClozeBatch batch;
  private final Arena arena = new Arena();
  private final Rng masks;

  ClozeSource(Bert4Rec model, UserSequences seqs, TrainerConfig config) {
    this.model = model;
    this.seqs = seqs;
    int n = 0;
    for (int u = 0; u < seqs.users(); u++) if (seqs.length(u) >= 1) n++;
    if (n == 0) throw new IllegalArgumentException(model.name() + ": no user has a training item");
    users = new int[n];
    n = 0;
    for (int u = 0; u < seqs.users(); u++) if (seqs.length(u) >= 1) users[n++] = u;
    order = new int[n];
    batch = new ClozeBatch(model.inputLength(), model.maskToken(), model.maskProb());
    masks = new Rng(config.seed() * 0x2545F4914F6CDD1DL + 5);
  }

  @Override
  public List<Parameter> parameters() {
    return model.parameters();
  }

  @Override
  public List<Optimizer> optimizers(TrainerConfig config) {
    return model.optimizers(config);
  }

  @Override
  public void setTraining(boolean on) {
    model.setTraining(on);
  }

  @Override
  public int prepareEpoch(Rng rng) {
    System.arraycopy(users, 0, order, 0, users.length);
    rng.shuffle(order);
    return order.length;
  }

  @Override
  public float step(int from, int size) {
    batch.fill(seqs, order, from, size, masks);
    try (Arena.Scope s = arena.open()) {
      Tensor l = model.clozeLoss(batch);
      l.backward();
      return l.item();
    }
  }
}
