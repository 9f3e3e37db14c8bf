package org.rec4j.model;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;

/**
 * A service-provider entry for one model of any family: the {@link ModelRegistry} finds every
 * factory listed in {@code META-INF/services/org.rec4j.model.RecommenderFactory}, so a new model is
 * one package and one registry line. A factory declares what its model needs ({@link #inputs()})
 * and its settings with their defaults ({@link #settings()}, the one place they are written: the
 * command line, config files, {@code rec4j config show} and the artifact read them from there).
 */
public interface RecommenderFactory {
  /** The lower-case registry name (e.g. {@code "neumf"}). */
  String name();

  /** One line for help texts. */
  String description();

  /** The inputs the model needs; ids only by default. */
  default Set<ModelInput> inputs() {
    return EnumSet.of(ModelInput.IDS);
  }

  /** Every setting the model reads, in the order help texts show them. */
  List<Setting<?>> settings();

  /**
   * Builds an untrained model from the run's inputs (which provide every kind {@link #inputs()}
   * names) and its resolved settings.
   */
  Recommender create(ModelInputs inputs, Settings settings);

  /**
   * The inputs of a saved model, rebuilt from what its {@link ModelSpec#inputs()} recorded; the
   * rest of them (tables, vectors) comes back with its state. Ids only by default.
   */
  default ModelInputs restoreInputs(ModelInputs ids, Map<String, Object> recorded) {
    return ids;
  }
}
