package org.rec4j.ctr;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.eval.Auc;
import org.rec4j.eval.GroupAuc;
import org.rec4j.eval.LogLoss;
import org.rec4j.tensor.Activations;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.Tensor;

/**
 * Scores a {@link FieldDataset} with a {@link CtrModel} in evaluation mode and reports AUC, logloss
 * and gAUC.
 */
public final class CtrEvaluator {
  private final int batchSize;

  /** An evaluator scoring {@code batchSize} examples at a time. */
  public CtrEvaluator(int batchSize) {
    if (batchSize <= 0)
      throw new IllegalArgumentException("batch size must be > 0, got " + batchSize);
    this.batchSize = batchSize;
  }

  /**
   * Click probabilities of every example, in dataset order (the model is left in evaluation mode).
   */
  public float[] predict(CtrModel model, FieldDataset data) {
    model.setTraining(false);
    float[] p = new float[data.size()];
    Arena arena = new Arena();
    Map<Integer, FieldBatch> batches = new java.util.HashMap<>();
    try (var ng = Autograd.noGrad()) {
      for (int from = 0; from < data.size(); from += batchSize) {
        int n = Math.min(batchSize, data.size() - from);
        FieldBatch batch = batches.computeIfAbsent(n, k -> new FieldBatch(data.schema(), k));
        data.fill(batch, null, from);
        try (Arena.Scope s = arena.open()) {
          Tensor logits = model.logits(batch);
          for (int i = 0; i < n; i++) p[from + i] = Activations.sigmoid(logits.data()[i]);
        }
      }
    }
    return p;
  }

  /**
   * {@code auc}, {@code logloss} and {@code gauc} (per group, impression-weighted) of {@code model}
   * on {@code data}.
   */
  public Map<String, Double> evaluate(CtrModel model, FieldDataset data) {
    return metrics(predict(model, data), data.labels(), data.groups());
  }

  /**
   * {@code auc}, {@code logloss} and {@code gauc} (per group, impression-weighted) of click
   * probabilities {@code p} against 0/1 {@code labels}.
   */
  public static Map<String, Double> metrics(float[] p, float[] labels, int[] groups) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("auc", new Auc().compute(p, labels));
    m.put("logloss", new LogLoss().compute(p, labels));
    m.put("gauc", new GroupAuc().compute(p, labels, groups));
    return m;
  }
}
