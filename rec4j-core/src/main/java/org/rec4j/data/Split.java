package org.rec4j.data;

import java.util.Objects;

/**
 * Train, validation and test interactions of one data set, all sharing the same user and item
 * {@link IdIndex}, so dense ids mean the same thing in the three parts. Validation may be empty.
 *
 * @param train training interactions
 * @param validation validation interactions (possibly empty)
 * @param test test interactions
 */
public record Split(Interactions train, Interactions validation, Interactions test) {

  /** Checks that the three parts share their id indexes. */
  public Split {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(test, "test");
    if (train.userIndex() != test.userIndex()
        || train.itemIndex() != test.itemIndex()
        || train.userIndex() != validation.userIndex()
        || train.itemIndex() != validation.itemIndex()) {
      throw new IllegalArgumentException(
          "train, validation and test must share the same IdIndex pair");
    }
  }

  /** A split without validation part. */
  public static Split of(Interactions train, Interactions test) {
    return new Split(train, train.subset(new int[0]), test);
  }
}
