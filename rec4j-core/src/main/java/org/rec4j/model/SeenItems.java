package org.rec4j.model;

import java.util.Optional;
import org.rec4j.data.Csr;

/**
 * Capability of a model that remembers the interactions it was trained on, by user: what "exclude
 * seen items" means for {@link Recommender#recommend} and for serving, and what an artifact stores
 * next to the weights.
 */
public interface SeenItems {
  /** The training interactions as a user → items CSR, or empty when none were recorded. */
  Optional<Csr> seenItems();
}
