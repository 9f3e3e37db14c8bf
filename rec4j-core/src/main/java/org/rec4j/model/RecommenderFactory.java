package org.rec4j.model;

/**
 * A service-provider entry for one model: the {@link ModelRegistry} finds every factory listed in
 * {@code META-INF/services/org.rec4j.model.RecommenderFactory}, so other modules can add models.
 */
public interface RecommenderFactory {
  /** The lower-case registry name (e.g. {@code "neumf"}). */
  String name();

  /** One line for help texts. */
  String description();

  /** Builds an untrained model. */
  Recommender create(ModelOptions options);
}
