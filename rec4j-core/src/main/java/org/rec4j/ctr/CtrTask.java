package org.rec4j.ctr;

import java.util.List;

/**
 * A CTR task ready to train: train, validation and test examples over one {@link FieldSchema}, the
 * field pairs the task suggests for Wide&amp;Deep's cross-product transformations, and notes on how
 * it was built.
 *
 * @param name e.g. {@code ml-1m}
 * @param train training examples
 * @param valid validation examples (early stopping)
 * @param test test examples (reported metrics)
 * @param crosses suggested field pairs for Wide&amp;Deep
 * @param notes how labels, fields and splits were made
 */
public record CtrTask(
    String name,
    FieldDataset train,
    FieldDataset valid,
    FieldDataset test,
    List<List<String>> crosses,
    List<String> notes) {
  /** Copies the lists. */
  public CtrTask {
    crosses = List.copyOf(crosses);
    notes = List.copyOf(notes);
  }

  /** The fields. */
  public FieldSchema schema() {
    return train.schema();
  }
}
