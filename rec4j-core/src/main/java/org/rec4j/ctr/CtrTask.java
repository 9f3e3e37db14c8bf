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
 * @param entities the per-user and per-item field values when every field belongs to the user or
 *     the item (null otherwise)
 * @param trainPairs the (user, item) pairs of the training examples, with the data's id maps (null
 *     when the examples have no user and item ids of a dataset)
 * @param testPairs the pairs of the test examples (null likewise)
 */
public record CtrTask(
    String name,
    FieldDataset train,
    FieldDataset valid,
    FieldDataset test,
    List<List<String>> crosses,
    List<String> notes,
    EntityFeatures entities,
    org.rec4j.data.Interactions trainPairs,
    org.rec4j.data.Interactions testPairs) {
  /** Copies the lists. */
  public CtrTask {
    crosses = List.copyOf(crosses);
    notes = List.copyOf(notes);
  }

  /** A task whose examples are not (user, item) pairs of a dataset. */
  public CtrTask(
      String name,
      FieldDataset train,
      FieldDataset valid,
      FieldDataset test,
      List<List<String>> crosses,
      List<String> notes) {
    this(name, train, valid, test, crosses, notes, null, null, null);
  }

  /** The model input of this task. */
  public CtrInputs inputs() {
    return new CtrInputs(schema(), entities, crosses);
  }

  /** The fields. */
  public FieldSchema schema() {
    return train.schema();
  }
}
