package org.rec4j.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import org.rec4j.config.KeySuggester;
import org.rec4j.config.Settings;

/**
 * Finds every {@link RecommenderFactory} on the class path (ServiceLoader) — id models, feature
 * (CTR) models and baselines alike — so the CLI, the server, the artifact and the contract test
 * build any model by name from its inputs and settings.
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

  /** The names of the registered models that need {@code input}, in discovery order. */
  public static List<String> namesNeeding(ModelInput input) {
    return FACTORIES.values().stream()
        .filter(f -> f.inputs().contains(input))
        .map(RecommenderFactory::name)
        .toList();
  }

  /** All factories. */
  public static List<RecommenderFactory> factories() {
    return new ArrayList<>(FACTORIES.values());
  }

  /**
   * The factory for {@code name} (case-insensitive); an unknown name suggests the closest and lists
   * the known ones.
   */
  public static RecommenderFactory factory(String name) {
    RecommenderFactory f = FACTORIES.get(name.toLowerCase(java.util.Locale.ROOT));
    if (f == null) {
      String hint =
          KeySuggester.closest(name.toLowerCase(java.util.Locale.ROOT), FACTORIES.keySet())
              .map(s -> "; did you mean '" + s + "'?")
              .orElse("");
      throw new IllegalArgumentException(
          "unknown model '"
              + name
              + "'"
              + hint
              + " (known models: "
              + String.join(", ", FACTORIES.keySet())
              + ")");
    }
    return f;
  }

  /** The kinds of input {@code f}'s model needs that {@code available} lacks (empty when none). */
  public static Set<ModelInput> missing(RecommenderFactory f, Set<ModelInput> available) {
    Set<ModelInput> m = EnumSet.noneOf(ModelInput.class);
    for (ModelInput i : f.inputs()) if (!available.contains(i)) m.add(i);
    return m;
  }

  /**
   * Resolves the settings of model {@code name}: {@code given} values (raw, from {@code where})
   * checked against its declared settings, the rest defaulted for the task of {@code inputs}.
   */
  public static Settings settings(String name, Map<String, ?> given, boolean rating, String where) {
    RecommenderFactory f = factory(name);
    return Settings.resolve(f.name(), f.settings(), given, rating, where);
  }

  /**
   * Builds an untrained model {@code name} from {@code inputs} and {@code given} settings (from
   * {@code where}); a model whose inputs are missing is refused naming them.
   */
  public static Recommender create(
      String name, ModelInputs inputs, Map<String, ?> given, String where) {
    RecommenderFactory f = factory(name);
    Set<ModelInput> miss = missing(f, inputs.available());
    if (!miss.isEmpty()) {
      ModelInput first = miss.iterator().next();
      throw new IllegalArgumentException(
          f.name()
              + " needs "
              + first.what()
              + ", which this data does not provide; use "
              + first.providedBy());
    }
    return f.create(
        inputs, Settings.resolve(f.name(), f.settings(), given, inputs.rating(), where));
  }

  /** Builds an untrained id model {@code name} from {@code options} (the settings it reads). */
  public static Recommender create(String name, ModelOptions options) {
    RecommenderFactory f = factory(name);
    return f.create(
        IdModelSettings.inputs(options),
        Settings.resolveLenient(
            f.name(), f.settings(), IdModelSettings.given(options), options.rating(), "options"));
  }

  /**
   * Rebuilds a saved model (before its state is loaded) from its recorded settings ({@code
   * settings}, keys it no longer reads ignored) and input layout.
   */
  public static Recommender restore(
      String name, ModelInputs ids, Map<String, Object> settings, Map<String, Object> inputs) {
    RecommenderFactory f = factory(name);
    ModelInputs in = f.restoreInputs(ids, inputs);
    return f.create(
        in, Settings.resolveLenient(f.name(), f.settings(), settings, in.rating(), "model.json"));
  }
}
