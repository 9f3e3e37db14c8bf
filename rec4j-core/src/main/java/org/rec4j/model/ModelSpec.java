package org.rec4j.model;

import java.util.Map;
import org.rec4j.config.Settings;

/**
 * What the registry rebuilds a saved model from, besides its state: its name, id space, task, seed,
 * resolved settings, and a description of any richer inputs (e.g. a CTR model's fields), as plain
 * values for {@code model.json}.
 *
 * @param model registry name
 * @param numUsers users in the id space
 * @param numItems items in the id space
 * @param rating whether it regresses ratings
 * @param seed initialization seed
 * @param settings the resolved settings
 * @param inputs the recorded layout of richer inputs (empty for id models)
 */
public record ModelSpec(
    String model,
    int numUsers,
    int numItems,
    boolean rating,
    long seed,
    Settings settings,
    Map<String, Object> inputs) {
  /** Copies the map. */
  public ModelSpec {
    inputs = Map.copyOf(inputs);
  }
}
