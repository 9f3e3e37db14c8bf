package org.rec4j.ctr;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.config.Settings;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelRegistry;
import org.rec4j.tensor.Rng;

/**
 * CTR networks for tests, built by the registry's factories with small settings and an explicit
 * random stream.
 */
final class CtrTestModels {
  private CtrTestModels() {}

  /** Every registered model that needs feature fields. */
  static List<String> names() {
    return ModelRegistry.namesNeeding(ModelInput.FEATURES);
  }

  /**
   * Small settings: k = 8, DNN 32-32 with dropout 0.1, CIN 8-8, 2 cross layers, 2 interacting
   * layers of 2 heads × 8, crosses a×b (when the schema has them) in 1024 buckets.
   */
  static Map<String, Object> small(boolean crosses) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("factors", 8);
    m.put("layers", "32,32");
    m.put("dropout", 0.1);
    m.put("cin_sizes", "8,8");
    m.put("cross_layers", 2);
    m.put("attention_layers", 2);
    m.put("heads", 2);
    m.put("head_dim", 8);
    m.put("crosses", crosses ? "a*b" : "");
    m.put("cross_buckets", 1024);
    return m;
  }

  /**
   * Network {@code name} over {@code schema} with {@link #small} settings, initialized from {@code
   * rng}.
   */
  static CtrModel create(String name, FieldSchema schema, Rng rng) {
    boolean ab =
        schema.fields().stream().filter(f -> f.name().equals("a") || f.name().equals("b")).count()
            == 2;
    return create(name, schema, small(ab), rng);
  }

  /** Network {@code name} with {@code given} settings (keys it does not declare are dropped). */
  static CtrModel create(String name, FieldSchema schema, Map<String, Object> given, Rng rng) {
    CtrFactories.Base f = (CtrFactories.Base) ModelRegistry.factory(name);
    Map<String, Object> own = new LinkedHashMap<>();
    f.settings()
        .forEach(s -> {
          if (given.containsKey(s.key())) own.put(s.key(), given.get(s.key()));
        });
    CtrInputs in = new CtrInputs(schema, null, List.of());
    Settings s = f.effective(in, Settings.resolve(f.name(), f.settings(), own, false, "test"));
    return f.network(in, s, rng);
  }
}
