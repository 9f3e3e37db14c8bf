package org.rec4j.artifact.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.ctr.CtrInputs;
import org.rec4j.ctr.DeepFM;
import org.rec4j.ctr.EntityFeatures;
import org.rec4j.ctr.FeatureRecommender;
import org.rec4j.ctr.Field;
import org.rec4j.ctr.FieldTrainable;
import org.rec4j.ctr.FieldValues;
import org.rec4j.data.IdIndex;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.OnnxExportable;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommender;
import org.rec4j.model.TestModels;
import org.rec4j.tensor.Rng;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * The CTR models with an ONNX form, trained briefly, are exported and run by ONNX Runtime on every
 * (user, item) pair; the runtime's click probabilities must equal {@code scorePairs} within 1e-5.
 * Once over the contract tests' synthetic features (user id, item id, a categorical user field, a
 * categorical and a numeric item field) and once over every kind of field — multi-hot mean pooled
 * with empty sets, categorical with missing values, numeric with NaN, dense vectors of users and
 * items — in a schema order that interleaves user and item fields.
 */
class CtrOnnxExportTest {
  static final int USERS = OnnxExportTest.USERS, ITEMS = OnnxExportTest.ITEMS;

  /** The CTR models that describe their scoring. */
  static final Set<String> EXPORTABLE = Set.of("lr", "fm", "deepfm", "dcn");

  private static OrtEnvironment env;

  @BeforeAll
  static void loadRuntime() {
    try {
      env = OrtEnvironment.getEnvironment();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      Assumptions.abort("ONNX Runtime's native library does not load here: " + e);
    }
  }

  static TrainerConfig twoEpochs() {
    return new TrainerConfig(
        2, 16, 2e-2, OptimizerKind.ADAM, 0f, Objective.BCE, 1, 7, 1, 1, "auc", 0, false);
  }

  /** Every feature model of the registry without an ONNX form. */
  static Stream<String> withoutOnnxForm() {
    return ModelRegistry.names().stream()
        .filter(TestModels::featureModel)
        .filter(n -> !EXPORTABLE.contains(n));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lr", "fm", "deepfm", "dcn"})
  void runtimeProbabilitiesEqualJavaOnTheContractFeatures(String name, @TempDir Path dir)
      throws Exception {
    Recommender m = TestModels.build(name, USERS, ITEMS, false, 5);
    TestModels.fit(m, OnnxExportTest.data(false), twoEpochs());
    assertMatches(m, dir.resolve(name + ".onnx"));
  }

  @ParameterizedTest(name = "{0}")
  @ValueSource(strings = {"lr", "fm", "deepfm", "dcn"})
  void runtimeProbabilitiesEqualJavaOverEveryFieldKind(String name, @TempDir Path dir)
      throws Exception {
    Recommender m = richModel(name, 9);
    assertMatches(m, dir.resolve(name + ".onnx"));
  }

  @Test
  void metadataSaysClickProbability(@TempDir Path dir) throws Exception {
    Recommender m = TestModels.build("deepfm", USERS, ITEMS, false, 5);
    Path file = dir.resolve("deepfm.onnx");
    OnnxExport.write(m, file);
    try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
      var meta = session.getMetadata().getCustomMetadata();
      assertEquals("deepfm", meta.get("rec4j.model"));
      assertEquals("click_probability", meta.get("rec4j.output"));
      assertEquals(Integer.toString(USERS), meta.get("rec4j.num_users"));
      assertEquals(List.of(OnnxExport.USER, OnnxExport.ITEM), List.copyOf(session.getInputNames()));
      assertEquals(List.of(OnnxExport.SCORE), List.copyOf(session.getOutputNames()));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("withoutOnnxForm")
  void aNetworkWithoutAnOnnxFormIsRefusedInOneLine(String name) {
    Recommender m = TestModels.build(name, USERS, ITEMS, false, 5);
    assertTrue(m.capability(OnnxExportable.class).isEmpty(), name);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.encode(m, Map.of()));
    assertEquals("export: " + name + " has no ONNX form yet", e.getMessage());
  }

  @Test
  void xdeepfmIsRefusedByName() {
    assertTrue(withoutOnnxForm().anyMatch("xdeepfm"::equals));
    Recommender m = TestModels.build("xdeepfm", USERS, ITEMS, false, 5);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.encode(m, Map.of()));
    assertEquals("export: xdeepfm has no ONNX form yet", e.getMessage());
  }

  /** Fields keyed by the example (Frappe's context) leave a bare pair without a score. */
  @Test
  void aModelWithContextFieldsHasNoOnnxForm() {
    EntityFeatures e = richFeatures();
    DeepFM net = new DeepFM(e.schema(), new DeepFM.Config(4, new int[] {4}, 0f), new Rng(3));
    FeatureRecommender m =
        new FeatureRecommender(
            "deepfm",
            net,
            new CtrInputs(e.schema(), null, List.of()),
            USERS,
            ITEMS,
            3,
            org.rec4j.config.Settings.resolve("deepfm", List.of(), Map.of(), false, "test"));
    assertTrue(m.capability(OnnxExportable.class).isEmpty());
    assertEquals(
        "export: deepfm has no ONNX form yet",
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.encode(m, Map.of()))
            .getMessage());
  }

  /** A saved and reloaded DeepFM exports the same bytes as the model it was saved from. */
  @Test
  void aSavedThenLoadedDeepFmExportsIdentically(@TempDir Path dir) throws Exception {
    Recommender m = richModel("deepfm", 4);
    Path saved = dir.resolve("deepfm");
    ModelArtifact.save(
        saved,
        m.capability(Persistable.class).orElseThrow(),
        IdIndex.range(USERS),
        IdIndex.range(ITEMS),
        Map.of(),
        Map.of(),
        Map.of());
    Recommender loaded = ModelArtifact.load(saved).model();
    Map<String, String> meta = Map.of("rec4j.version", "test");
    assertArrayEquals(OnnxExport.encode(m, meta), OnnxExport.encode(loaded, meta));
    assertMatches(loaded, dir.resolve("loaded.onnx"));
  }

  /** Exports {@code m} to {@code file} and compares the runtime on every pair with Java. */
  private static void assertMatches(Recommender m, Path file) throws OrtException {
    int n = USERS * ITEMS;
    int[] users = new int[n], items = new int[n];
    for (int k = 0; k < n; k++) {
      users[k] = k / ITEMS;
      items[k] = k % ITEMS;
    }
    float[] expected = new float[n];
    m.scorePairs(users, items, expected);
    OnnxExport.write(m, file);
    float[] actual = run(file, users, items);
    float lo = 1, hi = 0, maxDiff = 0;
    for (int k = 0; k < n; k++) {
      assertEquals(
          expected[k], actual[k], 1e-5, m.name() + " pair (" + users[k] + ", " + items[k] + ")");
      maxDiff = Math.max(maxDiff, Math.abs(expected[k] - actual[k]));
      lo = Math.min(lo, expected[k]);
      hi = Math.max(hi, expected[k]);
    }
    assertTrue(
        hi - lo > 1e-3,
        m.name() + " probabilities barely vary (" + lo + ".." + hi + "): the check would be weak");
  }

  private static float[] run(Path file, int[] users, int[] items) throws OrtException {
    long[] u = java.util.Arrays.stream(users).asLongStream().toArray(),
        i = java.util.Arrays.stream(items).asLongStream().toArray();
    try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions());
        OnnxTensor ut = OnnxTensor.createTensor(env, u);
        OnnxTensor it = OnnxTensor.createTensor(env, i);
        OrtSession.Result r = session.run(Map.of(OnnxExport.USER, ut, OnnxExport.ITEM, it))) {
      return (float[]) r.get(0).getValue();
    }
  }

  /**
   * Fields of every kind, user and item fields interleaved: user id, genres (item, multi-hot mean,
   * some empty), segment (user, categorical, some missing), item id, vec (item, dense 3), age
   * (user, numeric, some NaN), taste (user, dense 2).
   */
  static EntityFeatures richFeatures() {
    Rng rng = new Rng(21);
    int[][] genres = new int[ITEMS][];
    for (int i = 0; i < ITEMS; i++)
      genres[i] = i % 4 == 3 ? new int[0] : i % 3 == 0 ? new int[] {i % 5} : new int[] {i % 5, 5};
    int[] segment = new int[USERS];
    double[] age = new double[USERS];
    float[][] taste = new float[USERS][];
    for (int u = 0; u < USERS; u++) {
      segment[u] = u % 5 == 4 ? -1 : u % 3;
      age[u] = u % 6 == 5 ? Double.NaN : 18 + 3 * u;
      taste[u] = u % 7 == 6 ? null : new float[] {rng.nextFloat() - 0.5f, rng.nextFloat()};
    }
    float[] vec = new float[ITEMS * 3];
    for (int j = 0; j < vec.length; j++) vec[j] = 2 * rng.nextFloat() - 1;
    List<FieldValues> fields = new ArrayList<>();
    List<EntityFeatures.Entity> keys = new ArrayList<>();
    var user = EntityFeatures.Entity.USER;
    var item = EntityFeatures.Entity.ITEM;
    fields.add(FieldValues.ids("user_id", USERS));
    keys.add(user);
    fields.add(FieldValues.multiHot("genres", genres, 6, Field.Pooling.MEAN));
    keys.add(item);
    fields.add(FieldValues.categorical("segment", segment, 3));
    keys.add(user);
    fields.add(FieldValues.ids("item_id", ITEMS));
    keys.add(item);
    fields.add(FieldValues.dense("vec", 3, vec));
    keys.add(item);
    fields.add(FieldValues.numeric("age", age));
    keys.add(user);
    fields.add(FieldValues.dense("taste", 2, taste));
    keys.add(user);
    return new EntityFeatures(fields, keys);
  }

  /**
   * Model {@code name} over {@link #richFeatures()}, trained two epochs on every pair labelled by
   * the contract data (dropout on, two cross layers).
   */
  static Recommender richModel(String name, long seed) {
    EntityFeatures e = richFeatures();
    ModelInputs in =
        ModelInputs.ids(USERS, ITEMS, false, seed)
            .with(ModelInput.FEATURES, CtrInputs.class, new CtrInputs(e.schema(), e, List.of()));
    Map<String, Object> given = new LinkedHashMap<>();
    ModelRegistry.factory(name)
        .settings()
        .forEach(s -> {
          switch (s.key()) {
            case "factors" -> given.put("factors", 4);
            case "layers" -> given.put("layers", new int[] {8, 6});
            case "dropout" -> given.put("dropout", 0.2);
            case "cross_layers" -> given.put("cross_layers", 2);
            default -> {}
          }
        });
    Recommender m = ModelRegistry.create(name, in, given, "test");
    int n = USERS * ITEMS;
    int[] us = new int[n], is = new int[n];
    float[] labels = new float[n];
    var seen = OnnxExportTest.data(false).byUser();
    for (int k = 0; k < n; k++) {
      us[k] = k / ITEMS;
      is[k] = k % ITEMS;
    }
    for (int u = 0; u < USERS; u++) for (int i : seen.targetsOf(u)) labels[u * ITEMS + i] = 1f;
    m.capability(FieldTrainable.class)
        .orElseThrow()
        .fit(e.examples(us, is, labels, us, null), null, twoEpochs());
    return m;
  }
}
