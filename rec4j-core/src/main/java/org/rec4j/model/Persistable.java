package org.rec4j.model;

import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;

/**
 * What a model artifact needs beyond {@link Recommender#stateDict()} to save a model and rebuild
 * it: the spec the registry builds it from, and the training interactions it excludes from
 * recommendations (written as {@code seen.bin} and given back on load). Neural models and the
 * closed-form baselines both provide it.
 */
public interface Persistable extends Recommender, SeenItems {
  /**
   * What this model was built from (the registry rebuilds it from this before loading its state).
   */
  ModelSpec spec();

  /** The remembered training interactions by user, or null when none were recorded. */
  Csr seen();

  /** {@link SeenItems} from {@link #seen()}. */
  @Override
  default java.util.Optional<Csr> seenItems() {
    return java.util.Optional.ofNullable(seen());
  }

  /** Records seen items as a user → items CSR (e.g. read back from a saved artifact). */
  void rememberSeen(Csr byUser);

  /** Records the training interactions used to exclude seen items in {@link #recommend}. */
  default void rememberSeen(Interactions train) {
    rememberSeen(train.byUser());
  }
}
