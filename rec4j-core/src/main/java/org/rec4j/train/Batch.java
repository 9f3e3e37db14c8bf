package org.rec4j.train;

import org.rec4j.tensor.Tensor;

/**
 * One mini-batch of (user, item[, negative item], label) examples in reusable arrays of exactly
 * {@link #size()} entries (ops take the array length as the batch size). The trainer keeps one
 * full-size and one tail batch.
 */
public final class Batch {
  final int[] users;
  final int[] items;
  final int[] negatives;
  final float[] labels;

  /**
   * {@link #labels} as a {@code [size]} tensor (a heap wrapper, made once rather than per step).
   */
  final Tensor labelTensor;

  Batch(int size) {
    users = new int[size];
    items = new int[size];
    negatives = new int[size];
    labels = new float[size];
    labelTensor = Tensor.wrap(labels, size);
  }

  /** Number of examples. */
  public int size() {
    return users.length;
  }
}
