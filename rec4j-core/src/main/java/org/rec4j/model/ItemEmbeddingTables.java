package org.rec4j.model;

import java.util.Map;
import org.rec4j.tensor.Tensor;

/**
 * Capability of a model that learns item embedding tables: one row per item, usable for
 * item-to-item similarity (serving's {@code /similar} ranks items by the cosine of their rows). A
 * model with several tables (e.g. NeuMF's GMF and MLP branches) returns each of them.
 */
public interface ItemEmbeddingTables {
  /**
   * Each item embedding table by a stable name (its parameter path, e.g. {@code item.weight}): a
   * {@code [numItems, d]} tensor with {@code d > 1}. Copies or live weights; callers only read
   * them.
   */
  Map<String, Tensor> itemEmbeddingTables();
}
