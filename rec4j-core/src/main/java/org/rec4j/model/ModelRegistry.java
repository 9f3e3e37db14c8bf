package org.rec4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;

/**
 * Finds every {@link RecommenderFactory} on the class path (ServiceLoader) so the CLI, the server
 * and the contract test build models by name.
 */
public final class ModelRegistry {
  private static final Map<String, RecommenderFactory> FACTORIES = load();

  private ModelRegistry() {}

  private static Map<String, RecommenderFactory> load() {
    Map<String, RecommenderFactory> m = new LinkedHashMap<>();
    for (RecommenderFactory f :
        ServiceLoader.load(RecommenderFactory.class, ModelRegistry.class.getClassLoader())) {
      RecommenderFactory prev = m.putIfAbsent(f.name(), f);
      if (prev != null)
        throw new IllegalStateException(
            "two models named '" + f.name() + "': " + prev.getClass() + " and " + f.getClass());
    }
    return m;
  }

  /** All registered names, in discovery order. */
  public static List<String> names() {
    return new ArrayList<>(FACTORIES.keySet());
  }

  /** All factories. */
  public static List<RecommenderFactory> factories() {
    return new ArrayList<>(FACTORIES.values());
  }

  /** The factory for {@code name} (case-insensitive); unknown names list the known ones. */
  public static RecommenderFactory factory(String name) {
    RecommenderFactory f = FACTORIES.get(name.toLowerCase(java.util.Locale.ROOT));
    if (f == null)
      throw new IllegalArgumentException(
          "unknown model '" + name + "'; known models: " + String.join(", ", FACTORIES.keySet()));
    return f;
  }

  /** Builds an untrained model by name. */
  public static Recommender create(String name, ModelOptions options) {
    return factory(name).create(options);
  }
}
