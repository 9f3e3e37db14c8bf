package org.rec4j.artifact.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * Every exportable model, trained briefly so its weights are off their initial values, is exported
 * and run by ONNX Runtime on every (user, item) pair of its id space (so ids 0 and the largest are
 * included); the runtime's scores must equal the Java model's {@code scorePairs} within 1e-5
 * relative (plus a 1e-6 absolute floor).
 */
class OnnxExportTest {
  static final int USERS = 13, ITEMS = 10;
  private static OrtEnvironment env;

  @BeforeAll
  static void loadRuntime() {
    try {
      env = OrtEnvironment.getEnvironment();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      Assumptions.abort("ONNX Runtime's native library does not load here: " + e);
    }
  }

  static Interactions data(boolean rating) {
    InteractionsBuilder b = Interactions.builder(IdIndex.range(USERS), IdIndex.range(ITEMS));
    Rng rng = new Rng(11);
    for (int u = 0; u < USERS; u++) {
      for (int i = 0; i < ITEMS; i++) {
        if ((u + 2 * i) % 3 == 0) b.add(u, i, rating ? 1 + rng.nextInt(5) : 1f);
      }
    }
    return b.build();
  }

  /** name, rating, batch norm, dropout, cross buckets. */
  static Stream<Arguments> configurations() {
    return Stream.of(
        Arguments.of("mf", true, false, 0f, 0),
        Arguments.of("mf", false, false, 0f, 0),
        Arguments.of("gmf", true, false, 0f, 0),
        Arguments.of("gmf", false, false, 0f, 0),
        Arguments.of("ncf", false, false, 0.2f, 0),
        Arguments.of("ncf", true, true, 0.1f, 0),
        Arguments.of("neumf", false, false, 0f, 0),
        Arguments.of("neumf", true, true, 0.2f, 0),
        Arguments.of("widedeep", true, false, 0.1f, 16),
        Arguments.of("widedeep", false, true, 0f, 7),
        Arguments.of("widedeep", false, false, 0f, 0));
  }

  static NeuralRecommender trained(
      String name, boolean rating, boolean batchNorm, float dropout, int cross) {
    ModelOptions o =
        new ModelOptions(
            USERS, ITEMS, 4, new int[] {8, 6, 4}, dropout, batchNorm, rating, 7, 0.1f, cross);
    NeuralRecommender m = (NeuralRecommender) ModelRegistry.create(name, o);
    m.fit(
        data(rating),
        null,
        new TrainerConfig(
            2,
            8,
            2e-2,
            OptimizerKind.ADAM,
            0f,
            rating ? Objective.MSE : Objective.BCE,
            2,
            7,
            1,
            1,
            "rmse",
            0,
            false));
    return m;
  }

  @ParameterizedTest(name = "{0} rating={1} bn={2} dropout={3} cross={4}")
  @MethodSource("configurations")
  void runtimeScoresEqualJavaScores(
      String name, boolean rating, boolean batchNorm, float dropout, int cross, @TempDir Path dir)
      throws Exception {
    NeuralRecommender m = trained(name, rating, batchNorm, dropout, cross);
    int n = USERS * ITEMS;
    int[] users = new int[n], items = new int[n];
    for (int k = 0; k < n; k++) {
      users[k] = k / ITEMS;
      items[k] = k % ITEMS;
    }
    float[] expected = new float[n];
    m.scorePairs(users, items, expected);
    Path file = dir.resolve(name + ".onnx");
    OnnxExport.write(m, file);
    float[] actual = run(file, users, items);
    float spread = 0;
    for (int k = 0; k < n; k++) {
      assertEquals(
          expected[k],
          actual[k],
          1e-6 + 1e-5 * Math.abs(expected[k]),
          name + " pair (" + users[k] + ", " + items[k] + ")");
      spread = Math.max(spread, Math.abs(expected[k] - expected[0]));
    }
    assertTrue(
        spread > 1e-4,
        name + " scores barely vary (" + spread + "): the check would not notice swapped ids");
  }

  /**
   * With every cross bucket holding a distinct, large wide weight, a pair hashed to a different
   * bucket in the graph than in {@code WideDeep.crossBucket} would change its score by at least 1.
   */
  @Test
  void wideDeepCrossBucketsMatchBitForBit(@TempDir Path dir) throws Exception {
    int buckets = 37;
    NeuralRecommender m = trained("widedeep", true, false, 0f, buckets);
    Map<String, Tensor> state = m.stateDict();
    float[] w = state.get("wide_cross.weight").data();
    for (int b = 0; b < buckets; b++) w[b] = 1000f + b;
    m.loadStateDict(state);
    int n = USERS * ITEMS;
    int[] users = new int[n], items = new int[n];
    for (int k = 0; k < n; k++) {
      users[k] = k / ITEMS;
      items[k] = k % ITEMS;
    }
    float[] expected = new float[n];
    m.scorePairs(users, items, expected);
    Path file = dir.resolve("wd.onnx");
    OnnxExport.write(m, file);
    float[] actual = run(file, users, items);
    java.util.Set<Integer> seen = new java.util.HashSet<>();
    for (int k = 0; k < n; k++) {
      assertEquals(
          expected[k],
          actual[k],
          1e-5 * Math.abs(expected[k]),
          "pair (" + users[k] + ", " + items[k] + ")");
      seen.add(Math.round(expected[k]) - 1000);
    }
    assertTrue(seen.size() > buckets / 2, "pairs cover only " + seen.size() + " buckets");
  }

  @Test
  void modelStartsWithIrVersionAndProducer() {
    byte[] b =
        OnnxExport.encode(
            (NeuralRecommender) ModelRegistry.create("gmf", ModelOptions.implicit(2, 2, 1)),
            Map.of());
    byte[] head = {0x08, 0x08, 0x12, 0x05, 'r', 'e', 'c', '4', 'j', 0x1A};
    assertEquals(
        java.util.Arrays.toString(head),
        java.util.Arrays.toString(java.util.Arrays.copyOf(b, head.length)));
  }

  /**
   * The training moved the weights and batch-norm statistics the export reads off their initial
   * values.
   */
  @Test
  void trainedStateDiffersFromInitialState() {
    NeuralRecommender m = trained("neumf", true, true, 0f, 0);
    NeuralRecommender fresh = (NeuralRecommender) ModelRegistry.create("neumf", m.options());
    Map<String, Tensor> a = m.stateDict(), b = fresh.stateDict();
    for (String k :
        List.of(
            "gmf_user.weight",
            "mlp.linear0.weight",
            "out.weight",
            "buffer:mlp.norm0.runningMean",
            "buffer:mlp.norm0.runningVar")) {
      assertNotEquals(
          java.util.Arrays.toString(b.get(k).data()),
          java.util.Arrays.toString(a.get(k).data()),
          k);
    }
  }

  @Test
  void writesMetadataAndChecksumAtomically(@TempDir Path dir) throws Exception {
    NeuralRecommender m = trained("mf", true, false, 0f, 0);
    Path file = dir.resolve("sub/model.onnx");
    String sha = OnnxExport.write(m, file, Map.of("data_hash", "abc", "rec4j.version", "9.9"));
    assertEquals(OnnxExport.sha256(Files.readAllBytes(file)), sha);
    assertEquals(
        sha,
        OnnxExport.sha256(OnnxExport.encode(m, Map.of("data_hash", "abc", "rec4j.version", "9.9"))),
        "the streamed file equals the in-memory encoding");
    assertEquals(sha + "  model.onnx\n", Files.readString(dir.resolve("sub/model.onnx.sha256")));
    try (Stream<Path> s = Files.list(dir.resolve("sub"))) {
      assertEquals(
          List.of("model.onnx", "model.onnx.sha256"),
          s.map(p -> p.getFileName().toString()).sorted().toList(),
          "no temporary files left");
    }
    try (OrtSession session = env.createSession(file.toString(), new OrtSession.SessionOptions())) {
      var meta = session.getMetadata();
      assertEquals("rec4j", meta.getProducerName());
      assertEquals("mf", meta.getCustomMetadata().get("rec4j.model"));
      assertEquals("rating", meta.getCustomMetadata().get("rec4j.output"));
      assertEquals("abc", meta.getCustomMetadata().get("data_hash"));
      assertEquals(
          "9.9",
          meta.getCustomMetadata().get("rec4j.version"),
          "caller metadata replaces the defaults");
      assertTrue(meta.getCustomMetadata().get("rec4j.options").contains("\"num_users\":" + USERS));
      assertEquals(List.of(OnnxExport.USER, OnnxExport.ITEM), List.copyOf(session.getInputNames()));
      assertEquals(List.of(OnnxExport.SCORE), List.copyOf(session.getOutputNames()));
    }
    // writing again replaces the file
    NeuralRecommender other = trained("mf", false, false, 0f, 0);
    assertNotEquals(sha, OnnxExport.write(other, file));
  }

  @Test
  void outOfRangeIdsFailInTheRuntime(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("gmf.onnx");
    OnnxExport.write(trained("gmf", false, false, 0f, 0), file);
    assertThrows(OrtException.class, () -> run(file, new int[] {USERS}, new int[] {0}));
  }

  @Test
  void modelWithoutTheCapabilityIsRefusedByName() {
    NeuralRecommender custom = new NotExportable(ModelOptions.implicit(3, 4, 2));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> OnnxExport.encode(custom, Map.of()));
    assertEquals("export: custom has no ONNX form yet", e.getMessage());
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

  /** A model the export does not know. */
  private static final class NotExportable extends NeuralRecommender {
    private final ModelOptions options;

    NotExportable(ModelOptions options) {
      super(options.numUsers(), options.numItems());
      this.options = options;
    }

    @Override
    public Tensor forward(int[] users, int[] items) {
      return Tensor.zeros(users.length);
    }

    @Override
    public ModelOptions options() {
      return options;
    }

    @Override
    public String name() {
      return "custom";
    }

    @Override
    public long flopsPerPrediction() {
      return 1;
    }
  }
}
