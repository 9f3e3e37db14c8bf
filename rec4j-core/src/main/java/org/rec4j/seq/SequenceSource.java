package org.rec4j.seq;

import java.util.Arrays;
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
 * The next-item {@link EpochSource} of the one trainer: every epoch visits each user with at least
 * two training items once, in a fresh shuffled order (pmixer/SASRec.pytorch; the authors' code
 * draws users with replacement); one example is one user sequence, as the reference counts samples.
 * Each step packs its users into a reusable {@link SequenceBatch} (negatives redrawn) and runs the
 * model's loss and backward inside a reusable {@link Arena}. Single-threaded.
 */
final class SequenceSource implements EpochSource {
  private final SequentialRecommender model;
  private final UserSequences seqs;
  private final int[][] exclude;
  private final int[] users;
  private final int[] order;
  private final SequenceBatch batch;
  private final Arena arena = new Arena();
  private final Rng negatives;

  SequenceSource(SequentialRecommender model, UserSequences seqs, TrainerConfig config) {
    this.model = model;
    this.seqs = seqs;
    int n = 0;
    for (int u = 0; u < seqs.users(); u++) if (seqs.length(u) >= 2) n++;
    if (n == 0)
      throw new IllegalArgumentException(
          model.name() + ": no user has two training items; sequences need at least two");
    users = new int[n];
    n = 0;
    for (int u = 0; u < seqs.users(); u++) if (seqs.length(u) >= 2) users[n++] = u;
    order = new int[n];
    exclude = new int[seqs.users()][];
    for (int u = 0; u < seqs.users(); u++)
      exclude[u] = Arrays.stream(seqs.sequence(u)).distinct().sorted().toArray();
    batch = new SequenceBatch(model.maxLength());
    negatives = new Rng(config.seed() * 0x2545F4914F6CDD1DL + 3);
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
    for (int i = order.length - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1), t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    return order.length;
  }

  /** Float buffers the step's arena has allocated so far (constant in a steady state). */
  long arenaAllocations() {
    return arena.allocations();
  }

  /** Tensor and node objects the step's arena has created so far. */
  long arenaObjects() {
    return arena.objects();
  }

  @Override
  public float step(int from, int size) {
    batch.fill(seqs, exclude, model.numItems(), order, from, size, negatives);
    try (Arena.Scope s = arena.open()) {
      Tensor l = model.trainingLoss(batch);
      l.backward();
      return l.item();
    }
  }
}
