package org.rec4j.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.ctr.CtrInputs;
import org.rec4j.ctr.CtrTasks;
import org.rec4j.ctr.EntityFeatures;
import org.rec4j.ctr.FieldDataset;
import org.rec4j.ctr.FieldTrainable;
import org.rec4j.data.FeatureSchema;
import org.rec4j.data.FeatureSpec;
import org.rec4j.data.FeatureTable;
import org.rec4j.data.Interactions;
import org.rec4j.train.Fittable;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;

/**
 * Builds and trains any registered model, of any family, for the contract tests: small settings
 * (each model takes the keys it declares), and for models that need feature fields, synthetic user
 * and item features ({@code segment} = s(u mod 3), {@code kind} = k(i mod 4), {@code score} =
 * i/10). Feature models train on every (user, item) pair labelled 1 when the pair is in the data.
 */
public final class TestModels {
  private TestModels() {}

  /** Small settings for every family. */
  public static Map<String, Object> small() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("factors", 4);
    m.put("layers", new int[] {8, 6, 4});
    m.put("dropout", 0.1);
    m.put("embedding_std", 0.01);
    m.put("cross_buckets", 16);
    m.put("cin_sizes", new int[] {4, 4});
    m.put("attention_layers", 1);
    m.put("heads", 2);
    m.put("head_dim", 4);
    m.put("cross_layers", 1);
    m.put("neighbours", 5);
    m.put("lambda", 10.0);
    return m;
  }

  /** Whether {@code name} needs feature fields. */
  public static boolean featureModel(String name) {
    return ModelRegistry.factory(name).inputs().contains(ModelInput.FEATURES);
  }

  /** Whether {@code name} reads ordered histories (sequential models predict the next item). */
  public static boolean sequential(String name) {
    return ModelRegistry.factory(name).inputs().contains(ModelInput.HISTORY);
  }

  /** Whether {@code name} propagates over the user-item graph (ranks implicit feedback only). */
  public static boolean graphModel(String name) {
    return ModelRegistry.factory(name).inputs().contains(ModelInput.GRAPH);
  }

  /** Whether {@code name} can learn a rating task (feature models predict clicks). */
  public static boolean supports(String name, boolean rating) {
    return !(rating && (featureModel(name) || sequential(name) || graphModel(name)));
  }

  /** The synthetic features of {@code users} × {@code items} ids. */
  public static EntityFeatures features(int users, int items) {
    FeatureTable.Builder u =
        FeatureTable.builder(FeatureSchema.of(FeatureSpec.categorical("segment")), users);
    for (int r = 0; r < users; r++) u.set(r, "segment", "s" + r % 3);
    FeatureTable.Builder i =
        FeatureTable.builder(
            FeatureSchema.of(FeatureSpec.categorical("kind"), FeatureSpec.numeric("score")), items);
    for (int r = 0; r < items; r++) {
      i.set(r, "kind", "k" + r % 4);
      i.set(r, "score", Double.toString(r / 10.0));
    }
    return CtrTasks.entityFeatures(u.build(), i.build(), users, items);
  }

  /** An untrained model {@code name} over {@code users} × {@code items} ids. */
  public static Recommender build(String name, int users, int items, boolean rating, long seed) {
    RecommenderFactory f = ModelRegistry.factory(name);
    ModelInputs in = ModelInputs.ids(users, items, rating, seed);
    if (f.inputs().contains(ModelInput.FEATURES)) {
      EntityFeatures e = features(users, items);
      in = in.with(ModelInput.FEATURES, CtrInputs.class, new CtrInputs(e.schema(), e, List.of()));
    }
    if (f.inputs().contains(ModelInput.HISTORY))
      in = in.with(ModelInput.HISTORY, HistoryInput.class, new HistoryInput("row order"));
    if (f.inputs().contains(ModelInput.GRAPH))
      in = in.with(ModelInput.GRAPH, GraphInput.class, new GraphInput("test data"));
    Map<String, Object> given = new LinkedHashMap<>();
    f.settings()
        .forEach(s -> {
          if (small().containsKey(s.key())) given.put(s.key(), small().get(s.key()));
        });
    if (f.inputs().contains(ModelInput.GRAPH)) given.put("propagation_layers", 2);
    return ModelRegistry.create(name, in, given, "test");
  }

  /** {@code model} trained on {@code data} with {@code tc}, through its training capability. */
  public static TrainingHistory fit(Recommender model, Interactions data, TrainerConfig tc) {
    var fittable = model.capability(Fittable.class);
    if (fittable.isPresent()) return fittable.get().fit(data, null, tc);
    FieldTrainable ft = model.capability(FieldTrainable.class).orElseThrow();
    TrainingHistory h = ft.fit(grid(model, data), null, tc);
    model.capability(Persistable.class).orElseThrow().rememberSeen(data);
    return h;
  }

  /** Every (user, item) pair as an example, label 1 when it is in {@code data}. */
  private static FieldDataset grid(Recommender model, Interactions data) {
    int nu = model.numUsers(), ni = model.numItems();
    int[] us = new int[nu * ni], is = new int[nu * ni];
    float[] labels = new float[nu * ni];
    var seen = data.byUser();
    for (int u = 0; u < nu; u++)
      for (int i = 0; i < ni; i++) {
        us[u * ni + i] = u;
        is[u * ni + i] = i;
      }
    for (int u = 0; u < nu; u++) for (int i : seen.targetsOf(u)) labels[u * ni + i] = 1f;
    float[] second = new float[labels.length]; // a rating-like second target (multi-task)
    for (int j = 0; j < labels.length; j++) second[j] = 1 + 3 * labels[j] + (us[j] % 2);
    EntityFeatures e = features(nu, ni);
    return e.examples(us, is, labels, us, second);
  }

  /** Names of every registered model that supports the task. */
  public static List<String> names(boolean rating) {
    List<String> out = new ArrayList<>();
    for (String n : ModelRegistry.names()) if (supports(n, rating)) out.add(n);
    return out;
  }
}
