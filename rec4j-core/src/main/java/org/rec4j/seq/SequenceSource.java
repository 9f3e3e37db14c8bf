package org.rec4j.seq;

import java.util.Arrays;
import java.util.List;
import org.rec4j.data.UserSequences;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.tensor.kernel.Parallel;
import org.rec4j.train.EpochSource;
import org.rec4j.train.Lane;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.Workers;

/**
 * The next-item {@link EpochSource} of the one trainer: every epoch visits each user with at least
 * two training items once, in a fresh shuffled order (pmixer/SASRec.pytorch; the authors' code
 * draws users with replacement); one example is one user sequence, as the reference counts samples.
 * Each step packs its users into a reusable {@link SequenceBatch} (negatives redrawn) and runs the
 * model's loss and backward inside a reusable {@link Arena}.
 *
 * <p><b>Threads.</b> With {@code threads > 1} the batch's users are cut into one contiguous slice
 * per worker; worker 0 is the model, the others {@linkplain SequentialRecommender#replica replicas}
 * sharing its parameters, each on its own {@link Lane} with its own batch, arena and negative
 * stream. Each worker's loss is weighted by its share of the batch's target positions, so the
 * summed gradient is the whole batch's; the replicas' gradients are added to the model's in worker
 * order and the optimizer update is split across the workers. Deterministic for a given thread
 * count.
 */
final class SequenceSource implements EpochSource {
  private final SequentialRecommender[] models;
  private final SequenceBatch[] batches;
  private final Arena[] arenas;
  private final Rng[] negatives;
  private final float[] losses;
  private final Lane[] lanes;
  private final Slice[] slices;
  private final UserSequences seqs;
  private final int[][] exclude;
  private final int[] users;
  private final int[] order;

  SequenceSource(SequentialRecommender model, UserSequences seqs, TrainerConfig config) {
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
    int t = Math.max(1, Math.min(config.threads(), config.batchSize() / 2));
    models = new SequentialRecommender[t];
    batches = new SequenceBatch[t];
    arenas = new Arena[t];
    negatives = new Rng[t];
    losses = new float[t];
    lanes = new Lane[t];
    slices = new Slice[t];
    models[0] = model;
    for (int k = 0; k < t; k++) {
      if (k > 0) models[k] = model.replica(k);
      batches[k] = new SequenceBatch(model.maxLength());
      arenas[k] = new Arena();
      negatives[k] = new Rng(config.seed() * 0x2545F4914F6CDD1DL + 3 + 7919L * k);
      slices[k] = new Slice(k);
      if (k > 0) {
        lanes[k] = new Lane("rec4j-seq-" + k);
        lanes[k].start();
      }
    }
  }

  @Override
  public List<Parameter> parameters() {
    return models[0].parameters();
  }

  @Override
  public List<Optimizer> optimizers(TrainerConfig config) {
    return models[0].optimizers(config);
  }

  @Override
  public void setTraining(boolean on) {
    for (SequentialRecommender m : models) m.setTraining(on);
  }

  /** Float buffers the first worker's arena has allocated so far (constant in a steady state). */
  long arenaAllocations() {
    return arenas[0].allocations();
  }

  /** Tensor and node objects the first worker's arena has created so far. */
  long arenaObjects() {
    return arenas[0].objects();
  }

  @Override
  public int prepareEpoch(Rng rng) {
    System.arraycopy(users, 0, order, 0, users.length);
    rng.shuffle(order);
    return order.length;
  }

  @Override
  public float step(int from, int size) {
    int t = models.length;
    if (t == 1 || size < 2 * t) {
      run(0, from, size, 1f);
      return losses[0];
    }
    int total = 0;
    for (int k = 0; k < t; k++) {
      int a = from + (int) ((long) size * k / t), e = from + (int) ((long) size * (k + 1) / t);
      total += slices[k].range(a, e - a);
    }
    for (int k = 1; k < t; k++) lanes[k].submit(slices[k].weighted(total));
    boolean wasSerial = Parallel.serialOnThisThread(true); // the lanes hold the other cores
    try {
      slices[0].weighted(total).run();
    } finally {
      Parallel.serialOnThisThread(wasSerial);
    }
    for (int k = 1; k < t; k++) lanes[k].await();
    float loss = losses[0];
    List<Parameter> master = models[0].parameters();
    for (int k = 1; k < t; k++) {
      loss += losses[k];
      List<Parameter> mine = models[k].parameters();
      for (int j = 0; j < master.size(); j++)
        Workers.reduceInto(master.get(j).value(), mine.get(j).value());
    }
    return loss;
  }

  @Override
  public void update(List<Optimizer> optimizers) {
    int t = models.length;
    if (t == 1) {
      EpochSource.super.update(optimizers);
      return;
    }
    for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).advance();
    for (int k = 1; k < t; k++) lanes[k].submit(slices[k].update(optimizers));
    for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).updatePart(0, t);
    for (int k = 1; k < t; k++) lanes[k].await();
  }

  /** Worker {@code k}: packs users {@code order[from..from+size)} and back-propagates. */
  private void run(int k, int from, int size, float weight) {
    SequenceBatch b = batches[k];
    b.fill(seqs, exclude, models[k].numItems(), order, from, size, negatives[k]);
    try (Arena.Scope s = arenas[k].open()) {
      Tensor l = models[k].trainingLoss(b);
      if (weight != 1f) l = MathOps.mulScalar(l, weight);
      l.backward();
      losses[k] = l.item();
    }
  }

  @Override
  public void close() {
    for (int k = 1; k < lanes.length; k++) lanes[k].shutdown();
  }

  /**
   * Worker {@code k}'s task for a lane, reset for each batch (a capturing lambda would allocate):
   * its slice of the forward/backward pass, or its share of the optimizer update.
   */
  private final class Slice implements Runnable {
    private final int k;
    private int from;
    private int size;
    private int positions;
    private float weight;
    private List<Optimizer> optimizers;

    Slice(int k) {
      this.k = k;
    }

    /** Sets the slice and returns its target positions (what its loss averages over). */
    int range(int from, int size) {
      this.from = from;
      this.size = size;
      int p = 0;
      for (int i = from; i < from + size; i++)
        p += Math.min(seqs.length(order[i]) - 1, models[k].maxLength());
      positions = p;
      return p;
    }

    Slice weighted(int total) {
      this.weight = total == 0 ? 0f : (float) positions / total;
      this.optimizers = null;
      return this;
    }

    Slice update(List<Optimizer> optimizers) {
      this.optimizers = optimizers;
      return this;
    }

    @Override
    public void run() {
      if (optimizers == null) {
        SequenceSource.this.run(k, from, size, weight);
        return;
      }
      for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).updatePart(k, models.length);
    }
  }
}
