package org.rec4j.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;

/**
 * The settings of the id-based neural models (MF, GMF, NCF, NeuMF, Wide&amp;Deep), each default
 * written once here: implicit feedback follows the NCF paper (factors 8, layers [8f, 4f, 2f, f], no
 * dropout), ratings the seed setup (factors 10, layers [20, 20, 10], dropout 0.1). Each model's
 * factory declares the subset it reads; {@link #options} turns them into the {@link ModelOptions}
 * the models are built from.
 */
public final class IdModelSettings {
  private IdModelSettings() {}

  /** Embedding size of dot-product parts. */
  public static final Setting<Integer> FACTORS =
      Setting.integer(
          "factors",
          c -> c.rating() ? 10 : 8,
          1,
          "embedding size of dot-product parts (8 ranking, 10 ratings)");

  /** MLP widths, input first. */
  public static final Setting<int[]> LAYERS =
      new Setting<>(
          "layers",
          Setting.Kind.INTS,
          "MLP widths, input (concatenated user+item embedding) first, NCF convention ([8f,4f,2f,f] ranking, [20,20,10] ratings)",
          c -> {
            int f = c.get(FACTORS);
            return c.rating() ? new int[] {20, 20, 10} : new int[] {8 * f, 4 * f, 2 * f, f};
          },
          v -> v.length >= 2 && v[0] % 2 == 0 && java.util.Arrays.stream(v).allMatch(w -> w >= 1),
          "an even input width and at least one hidden width, integers >= 1, e.g. 64,32,16,8");

  /** Dropout after hidden layers. */
  public static final Setting<Double> DROPOUT =
      Setting.number(
          "dropout",
          c -> c.rating() ? 0.1 : 0.0,
          0,
          1,
          "dropout after hidden layers (0 ranking, 0.1 ratings)");

  /** Batch normalization in hidden layers. */
  public static final Setting<Boolean> BATCH_NORM =
      Setting.flag("batch_norm", false, "batch normalization in hidden layers");

  /** Std of the N(0, std²) embedding initialization. */
  public static final Setting<Double> EMBEDDING_STD =
      Setting.positive(
          "embedding_std", 0.01, "std of the N(0, std^2) embedding initialization (NCF: 0.01)");

  /** Wide&amp;Deep hashed user×item cross buckets. */
  public static final Setting<Integer> CROSS_BUCKETS =
      Setting.integer(
          "cross_buckets",
          0,
          0,
          "hashed user x item cross-product buckets of the wide part (0 = none)");

  /** MF and GMF. */
  public static final List<Setting<?>> DOT = List.of(FACTORS, EMBEDDING_STD);

  /** NCF and NeuMF. */
  public static final List<Setting<?>> MLP =
      List.of(FACTORS, LAYERS, DROPOUT, BATCH_NORM, EMBEDDING_STD);

  /** Wide&amp;Deep over ids. */
  public static final List<Setting<?>> WIDE_DEEP =
      List.of(FACTORS, LAYERS, DROPOUT, BATCH_NORM, EMBEDDING_STD, CROSS_BUCKETS);

  private static final List<Setting<?>> ALL = WIDE_DEEP;

  /**
   * The options a model is built from: its declared settings, and for the ones it does not read
   * their defaults in the same context.
   */
  public static ModelOptions options(ModelInputs in, Settings s) {
    Settings all = Settings.resolveLenient(s.owner(), ALL, s.asMap(), in.rating(), "settings");
    return new ModelOptions(
        in.numUsers(),
        in.numItems(),
        all.get(FACTORS),
        all.get(LAYERS),
        all.get(DROPOUT).floatValue(),
        all.get(BATCH_NORM),
        in.rating(),
        in.seed(),
        all.get(EMBEDDING_STD).floatValue(),
        all.get(CROSS_BUCKETS));
  }

  /** The settings held by {@code o}, as given values (for building a model from options). */
  public static Map<String, Object> given(ModelOptions o) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(FACTORS.key(), o.factors());
    m.put(LAYERS.key(), o.layers());
    m.put(DROPOUT.key(), (double) o.dropout());
    m.put(BATCH_NORM.key(), o.batchNorm());
    m.put(EMBEDDING_STD.key(), (double) o.embeddingStd());
    m.put(CROSS_BUCKETS.key(), o.crossBuckets());
    return m;
  }

  /** The inputs held by {@code o}. */
  public static ModelInputs inputs(ModelOptions o) {
    return ModelInputs.ids(o.numUsers(), o.numItems(), o.rating(), o.seed());
  }

  /** The spec of an id model {@code name} built from {@code o}. */
  public static ModelSpec spec(String name, List<Setting<?>> declared, ModelOptions o) {
    return new ModelSpec(
        name,
        o.numUsers(),
        o.numItems(),
        o.rating(),
        o.seed(),
        Settings.resolveLenient(name, declared, given(o), o.rating(), name),
        Map.of());
  }
}
