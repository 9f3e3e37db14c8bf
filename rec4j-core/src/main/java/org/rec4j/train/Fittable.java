package org.rec4j.train;

import org.rec4j.data.Interactions;

/**
 * Capability of a model that trains through the {@link Trainer}: look it up with {@code
 * model.capability(Fittable.class)}. Kept out of the serving contract ({@code
 * org.rec4j.model.Recommender}), which carries no training types.
 */
public interface Fittable {
  /**
   * Trains on {@code train}, validating with {@code validator} (may be null), and remembers {@code
   * train} as the model's seen items.
   */
  TrainingHistory fit(
      Interactions train, Validator validator, TrainerConfig config, TrainingListener... listeners);

  /**
   * Refuses training data whose id space exceeds the model's ({@code numUsers} × {@code numItems}),
   * naming both sizes.
   */
  static void requireIdSpace(Interactions train, int numUsers, int numItems) {
    if (train.numUsers() > numUsers || train.numItems() > numItems)
      throw new IllegalArgumentException(
          "training data has "
              + train.numUsers()
              + " users and "
              + train.numItems()
              + " items but the model was built for "
              + numUsers
              + " and "
              + numItems);
  }
}
