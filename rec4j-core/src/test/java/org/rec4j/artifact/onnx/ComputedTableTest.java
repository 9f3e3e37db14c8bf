package org.rec4j.artifact.onnx;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.rec4j.config.Settings;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelSpec;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.model.OnnxExportable;
import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Tensor;

/**
 * Constant tables a model computes from its state ({@link ScoringGraph#tableLookup}) keep the
 * export's check that every parameter is placed: the entries a table is derived from count as
 * placed, the others still fail the export, and a table can neither claim a missing entry nor
 * shadow an existing one.
 */
class ComputedTableTest {
  static final int USERS = 5, ITEMS = 3;

  /** score(u, i) = 2·Σ a[u] + b, described by {@code description}. */
  private static final class Doubled extends NeuralRecommender implements OnnxExportable {
    private final Parameter a, b;
    private final Function<ScoringGraph, String> description;

    Doubled(Function<ScoringGraph, String> description) {
      super(USERS, ITEMS);
      this.description = description;
      float[] v = new float[USERS * 2];
      for (int j = 0; j < v.length; j++) v[j] = 0.25f * j - 1;
      a = register(new Parameter("a", Tensor.wrap(v, USERS, 2)));
      b = register(new Parameter("b", Tensor.wrap(new float[] {0.5f}, 1)));
    }

    /** The precomputed per-user table 2·Σ a[u], {@code [USERS]}. */
    Tensor table() {
      float[] t = new float[USERS];
      for (int u = 0; u < USERS; u++)
        t[u] = 2 * (a.value().data()[2 * u] + a.value().data()[2 * u + 1]);
      return Tensor.wrap(t, USERS);
    }

    @Override
    public Tensor forward(int[] users, int[] items) {
      float[] t = table().data(), out = new float[users.length];
      for (int j = 0; j < users.length; j++) out[j] = t[users[j]] + b.value().data()[0];
      return Tensor.wrap(out, users.length);
    }

    @Override
    public ModelOptions options() {
      return ModelOptions.implicit(USERS, ITEMS, 2);
    }

    @Override
    public String name() {
      return "doubled";
    }

    /** Not a registered model: its own spec. */
    @Override
    public ModelSpec spec() {
      return new ModelSpec(
          "doubled",
          USERS,
          ITEMS,
          false,
          0,
          Settings.resolve("doubled", List.of(), Map.of(), false, "test"),
          Map.of());
    }

    @Override
    public long flopsPerPrediction() {
      return 1;
    }

    @Override
    public String describeScoring(ScoringGraph g) {
      return description.apply(g);
    }
  }

  private static Doubled model(List<String> derivedFrom, String tableName) {
    Doubled[] self = new Doubled[1];
    self[0] =
        new Doubled(g ->
            g.add(
                g.tableLookup(tableName, self[0].table(), g.users(), derivedFrom), g.vector("b")));
    return self[0];
  }

  @Test
  void aTableDerivedFromItsSourcesExportsAndRuns() throws Exception {
    OrtEnvironment env;
    try {
      env = OrtEnvironment.getEnvironment();
    } catch (UnsatisfiedLinkError | RuntimeException e) {
      Assumptions.abort("ONNX Runtime's native library does not load here: " + e);
      return;
    }
    Doubled m = model(List.of("a"), "a_doubled");
    byte[] bytes = OnnxExport.encode(m, Map.of());
    long[] users = {0, 1, 2, 3, 4, 2}, items = {0, 1, 2, 0, 1, 2};
    float[] expected = new float[users.length];
    m.scorePairs(new int[] {0, 1, 2, 3, 4, 2}, new int[] {0, 1, 2, 0, 1, 2}, expected);
    try (OrtSession s = env.createSession(bytes, new OrtSession.SessionOptions());
        OnnxTensor u = OnnxTensor.createTensor(env, users);
        OnnxTensor i = OnnxTensor.createTensor(env, items);
        OrtSession.Result r = s.run(Map.of(OnnxExport.USER, u, OnnxExport.ITEM, i))) {
      float[] actual = (float[]) r.get(0).getValue();
      for (int j = 0; j < users.length; j++) assertEquals(expected[j], actual[j], 1e-6);
    }
  }

  @Test
  void aTableThatDoesNotNameItsSourcesLeavesThemUnplaced() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxExport.encode(model(List.of(), "a_doubled"), Map.of()));
    assertTrue(e.getMessage().contains("holds [a]"), e.getMessage());
  }

  @Test
  void aTableCannotClaimAMissingEntry() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxExport.encode(model(List.of("a", "c"), "a_doubled"), Map.of()));
    assertTrue(e.getMessage().contains("no state entry 'c'"), e.getMessage());
  }

  @Test
  void aTableCannotShadowAStateEntry() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> OnnxExport.encode(model(List.of("a"), "b"), Map.of()));
    assertTrue(e.getMessage().contains("would shadow"), e.getMessage());
  }
}
