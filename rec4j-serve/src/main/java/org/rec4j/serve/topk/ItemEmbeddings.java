package org.rec4j.serve.topk;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntPredicate;
import org.rec4j.eval.TopK;
import org.rec4j.model.ItemEmbeddingTables;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.Tensor;

/**
 * Item-to-item cosine similarity over a model's item embedding tables, which the model hands out
 * through its {@link ItemEmbeddingTables} capability (tables with one row per item and more than
 * one column are used). With several tables (e.g. a two-branch model) each row is L2-normalized per
 * table and the parts concatenated in name order, so the cosine is the mean of the per-table
 * cosines. Brute force: O(items × dim) per query.
 */
public final class ItemEmbeddings {
  private final int numItems;
  private final int dim;
  private final float[] unit;
  private final List<String> tables;

  private ItemEmbeddings(int numItems, int dim, float[] unit, List<String> tables) {
    this.numItems = numItems;
    this.dim = dim;
    this.unit = unit;
    this.tables = tables;
  }

  /**
   * The embeddings of {@code model}, or null when it has no {@link ItemEmbeddingTables} capability
   * or no usable table.
   */
  public static ItemEmbeddings of(Recommender model) {
    return model
        .capability(ItemEmbeddingTables.class)
        .map(t -> of(t.itemEmbeddingTables(), model.numItems()))
        .orElse(null);
  }

  /**
   * The embeddings of {@code tables} (by name) for {@code numItems} items, or null when none is a
   * {@code [numItems, d > 1]} table.
   */
  public static ItemEmbeddings of(Map<String, Tensor> tables, int numItems) {
    Map<String, Tensor> found = new TreeMap<>();
    for (var e : tables.entrySet()) {
      Tensor t = e.getValue();
      if (t.shape().rank() == 2 && t.dim(0) == numItems && t.dim(1) > 1) found.put(e.getKey(), t);
    }
    if (found.isEmpty()) return null;
    int dim = 0;
    for (Tensor t : found.values()) dim += t.dim(1);
    float[] unit = new float[numItems * dim];
    float share = (float) (1 / Math.sqrt(found.size()));
    int off = 0;
    for (Tensor t : found.values()) {
      int w = t.dim(1);
      float[] d = t.data();
      for (int i = 0; i < numItems; i++) {
        double s = 0;
        for (int c = 0; c < w; c++) s += (double) d[i * w + c] * d[i * w + c];
        float scale = s == 0 ? 0 : (float) (share / Math.sqrt(s));
        for (int c = 0; c < w; c++) unit[i * dim + off + c] = d[i * w + c] * scale;
      }
      off += w;
    }
    return new ItemEmbeddings(numItems, dim, unit, new ArrayList<>(found.keySet()));
  }

  /** The names of the tables the embeddings come from (as the model gave them). */
  public List<String> tables() {
    return tables;
  }

  /**
   * The {@code k} items most cosine-similar to {@code item} (itself excluded) that {@code keep}
   * accepts (null accepts all), best first; their cosines go into {@code scoresOut[0..returned)}.
   */
  public int[] similar(int item, int k, IntPredicate keep, float[] scoresOut) {
    TopK top = new TopK(Math.max(1, Math.min(k, numItems)));
    int base = item * dim;
    for (int j = 0; j < numItems; j++) {
      if (j == item || (keep != null && !keep.test(j))) continue;
      float s = 0;
      int o = j * dim;
      for (int c = 0; c < dim; c++) s += unit[base + c] * unit[o + c];
      top.offer(j, s);
    }
    return top.drain(scoresOut);
  }
}
