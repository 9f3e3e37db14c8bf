package org.rec4j.train;

/**
 * One mini-batch of (user, item[, negative item], label) examples in reusable arrays of exactly {@link #size()}
 * entries (ops take the array length as the batch size). The trainer keeps one full-size and one tail batch.
 */
public final class Batch {
  final int[] users;
  final int[] items;
  final int[] negatives;
  final float[] labels;

  Batch(int size) {
    users = new int[size];
    items = new int[size];
    negatives = new int[size];
    labels = new float[size];
  }

  /** Number of examples. */
  public int size() {
    return users.length;
  }
}
