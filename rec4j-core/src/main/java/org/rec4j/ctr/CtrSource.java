package org.rec4j.ctr;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.EpochSource;
import org.rec4j.train.TrainerConfig;

/**
 * The field-example {@link EpochSource} of the one {@link org.rec4j.train.Trainer} loop: each epoch
 * shuffles the training examples; each step copies a slice into a reusable {@link FieldBatch} and
 * runs the model's {@linkplain CtrModel#trainingLoss training loss} (binary cross-entropy with
 * logits for single-task models) and backward inside a reusable {@link Arena}. Single-threaded.
 */
public final class CtrSource implements EpochSource {
  private final CtrModel model;
  private final FieldDataset train;
  private final Map<Integer, FieldBatch> batches = new HashMap<>();
  private final Arena arena = new Arena();
  private final int[] order;

  /** Trains {@code model} on {@code train}. */
  public CtrSource(CtrModel model, FieldDataset train) {
    if (train.size() == 0) throw new IllegalArgumentException("training data is empty");
    this.model = model;
    this.train = train;
    this.order = new int[train.size()];
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
    for (int i = 0; i < order.length; i++) order[i] = i;
    rng.shuffle(order);
    return order.length;
  }

  @Override
  public float step(int from, int size) {
    FieldBatch batch = batches.computeIfAbsent(size, n -> new FieldBatch(train.schema(), n));
    train.fill(batch, order, from);
    try (Arena.Scope s = arena.open()) {
      Tensor l = model.trainingLoss(batch);
      l.backward();
      return l.item();
    }
  }
}
