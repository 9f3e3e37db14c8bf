package org.rec4j.graph;

import java.util.Arrays;
import java.util.List;
import org.rec4j.data.Csr;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.EpochSource;
import org.rec4j.train.TrainerConfig;

/**
 * LightGCN's epochs for the one trainer: BPR triples drawn as the authors' sampler ({@code
 * UniformSample_original} in gusye1234/LightGCN-PyTorch): each epoch draws as many triples as there
 * are distinct training pairs; each picks a user uniformly among users with training items (and at
 * least one item they have not seen), one of their training items uniformly, and a negative
 * uniformly among the items not in their training set (rejection sampling). Each step runs the
 * model's full propagation, loss and backward over one slice inside a reusable {@link Arena}.
 * Single-threaded (the propagation dominates; data-parallel lanes would repeat it).
 */
final class BprTripleSource implements EpochSource {
  private final LightGcn model;
  private final int[][] items;
  private final int[] active;
  private final int triples;
  private final int[] users;
  private final int[] positives;
  private final int[] negatives;
  private final Arena arena = new Arena();
  private int[] bu = new int[0], bp = new int[0], bn = new int[0];

  BprTripleSource(LightGcn model, Csr byUser, TrainerConfig config) {
    this.model = model;
    int nu = Math.min(model.numUsers(), byUser.rows()), ni = model.numItems();
    items = new int[nu][];
    int pairs = 0, act = 0;
    for (int u = 0; u < nu; u++) {
      items[u] = Arrays.stream(byUser.targetsOf(u)).distinct().sorted().toArray();
      pairs += items[u].length;
      if (items[u].length > 0 && items[u].length < ni) act++;
    }
    if (act == 0)
      throw new IllegalArgumentException(
          "lightgcn: no user has a training item and an unseen item to contrast it with");
    active = new int[act];
    act = 0;
    for (int u = 0; u < nu; u++) if (items[u].length > 0 && items[u].length < ni) active[act++] = u;
    triples = pairs;
    users = new int[pairs];
    positives = new int[pairs];
    negatives = new int[pairs];
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
    int ni = model.numItems();
    for (int t = 0; t < triples; t++) {
      int u = active[rng.nextInt(active.length)];
      int[] seen = items[u];
      int neg;
      do neg = rng.nextInt(ni);
      while (Arrays.binarySearch(seen, neg) >= 0);
      users[t] = u;
      positives[t] = seen[rng.nextInt(seen.length)];
      negatives[t] = neg;
    }
    return triples;
  }

  @Override
  public float step(int from, int size) {
    if (bu.length != size) {
      bu = new int[size];
      bp = new int[size];
      bn = new int[size];
    }
    int offset = model.numUsers();
    for (int k = 0; k < size; k++) {
      bu[k] = users[from + k];
      bp[k] = offset + positives[from + k];
      bn[k] = offset + negatives[from + k];
    }
    try (Arena.Scope s = arena.open()) {
      Tensor l = model.trainingLoss(bu, bp, bn);
      l.backward();
      return l.item();
    }
  }

  @Override
  public void update(List<Optimizer> optimizers) {
    EpochSource.super.update(optimizers);
    model.invalidate();
  }
}
