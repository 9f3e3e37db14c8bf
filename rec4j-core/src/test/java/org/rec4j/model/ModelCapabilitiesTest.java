package org.rec4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Fittable;
import org.rec4j.train.TrainerConfig;

/**
 * The capabilities of every registered model (issue 17): what a model says it can do holds. A
 * {@link DotProductModel}'s vectors reproduce its scores (offset + dot product, for known users),
 * and its full-catalog and tiled scoring go through them; item embedding tables have one row per
 * item; trained models remember their seen items; and the serving contract names no training type.
 */
class ModelCapabilitiesTest {
  static final int USERS = 23, ITEMS = 37;

  static java.util.List<String> names() {
    return ModelRegistry.names();
  }

  /**
   * A model of {@code name} with every parameter and buffer drawn at random (biases included, so
   * none is zero).
   */
  static Recommender randomized(String name, long seed) {
    Recommender m = TestModels.build(name, USERS, ITEMS, false, 7);
    Rng rng = new Rng(seed);
    if (m.capability(Fittable.class).isPresent() && !(m instanceof org.rec4j.train.Trainable)) {
      // a closed-form model (pop, itemknn, ease) has no free parameters to draw: fit it on random
      // interactions
      org.rec4j.data.InteractionsBuilder b =
          org.rec4j.data.Interactions.builder(
              org.rec4j.data.IdIndex.range(USERS), org.rec4j.data.IdIndex.range(ITEMS));
      for (int u = 0; u < USERS; u++)
        for (int i = 0; i < ITEMS; i++) if (rng.nextFloat() < 0.3f) b.add(u, i, 1f);
      m.capability(org.rec4j.train.Fittable.class)
          .orElseThrow()
          .fit(b.build(), null, org.rec4j.train.TrainerConfig.implicitDefaults());
      return m;
    }
    Map<String, Tensor> state = m.stateDict();
    for (var e : state.entrySet()) {
      if (e.getKey().startsWith("features."))
        continue; // the inputs of a feature model, not weights
      float[] d = e.getValue().data();
      boolean variance = e.getKey().endsWith("runningVar");
      for (int i = 0; i < d.length; i++)
        d[i] = variance ? 0.5f + rng.nextFloat() : (float) rng.nextGaussian() * 0.5f;
    }
    m.loadStateDict(state);
    return m;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void dotProductVectorsReproduceTheScore(String name) {
    Recommender m = randomized(name, 11);
    Optional<DotProductModel> dp = m.capability(DotProductModel.class);
    if (dp.isEmpty()) return;
    Factorization f = dp.get().factorization();
    assertEquals(USERS, f.numUsers());
    assertEquals(ITEMS, f.numItems());
    int[] all = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) all[i] = i;
    float[] s = new float[ITEMS];
    for (int u = 0; u < USERS; u++) {
      m.score(u, all, s);
      for (int i = 0; i < ITEMS; i++) {
        double dot = f.userOffsets()[u];
        for (int c = 0; c < f.dim(); c++)
          dot += f.users()[u * f.dim() + c] * f.items()[i * f.dim() + c];
        assertEquals(s[i], dot, 1e-4 * (1 + Math.abs(s[i])), name + " user " + u + " item " + i);
      }
      for (int c = f.free(); c < f.dim(); c++)
        assertEquals(1f, f.users()[u * f.dim() + c], name + ": fixed coordinate " + c + " is 1");
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void fullCatalogAndTiledScoringEqualPairScoring(String name) {
    Recommender m = randomized(name, 12);
    int[] users = {0, 5, USERS - 1, 5};
    int[] all = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) all[i] = i;
    float[] whole = new float[users.length * ITEMS];
    m.scoreAll(users, whole);
    float[] row = new float[ITEMS];
    for (int u = 0; u < users.length; u++) {
      m.score(users[u], all, row);
      for (int i = 0; i < ITEMS; i++)
        assertEquals(row[i], whole[u * ITEMS + i], 1e-4 * (1 + Math.abs(row[i])), name);
    }
    float[] tile = new float[users.length * 10];
    boolean tiled = m.scoreItemRange(users, 0, 10, tile);
    // every dot-product model scores item ranges through its vectors; others may (closed-form
    // baselines do) or not
    if (m.capability(DotProductModel.class).isPresent())
      assertTrue(tiled, name + ": dot-product models score item ranges");
    if (!tiled) return;
    for (int from = 0; from < ITEMS; from += 10) {
      int to = Math.min(ITEMS, from + 10), n = to - from;
      assertTrue(m.scoreItemRange(users, from, to, tile));
      for (int u = 0; u < users.length; u++) {
        for (int i = 0; i < n; i++)
          assertEquals(whole[u * ITEMS + from + i], tile[u * n + i], 1e-5f, name + " tile " + from);
      }
    }
  }

  @Test
  void mfAndGmfAreDotProductModelsAndTheMlpModelsAreNot() {
    for (String n : names()) {
      boolean expected = n.equals("mf") || n.equals("gmf");
      if (!java.util.List.of("mf", "gmf", "ncf", "neumf", "widedeep").contains(n)) continue;
      assertEquals(
          expected,
          ModelRegistry.create(n, ModelOptions.implicit(3, 4, 2))
              .capability(DotProductModel.class)
              .isPresent(),
          n);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void itemEmbeddingTablesHaveOneRowPerItem(String name) {
    Recommender m = randomized(name, 13);
    m.capability(ItemEmbeddingTables.class)
        .ifPresent(t -> {
          assertFalse(t.itemEmbeddingTables().isEmpty(), name);
          t.itemEmbeddingTables()
              .forEach((k, v) -> {
                assertEquals(2, v.rank(), name + " " + k);
                assertEquals(ITEMS, v.dim(0), name + " " + k);
              });
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void trainingRemembersSeenItems(String name) {
    Recommender m = randomized(name, 14);
    Optional<SeenItems> seen = m.capability(SeenItems.class);
    if (seen.isEmpty()) return;
    if (m instanceof org.rec4j.train.Trainable || TestModels.featureModel(name)) {
      assertTrue(
          seen.get().seenItems().isEmpty(),
          name + ": nothing seen before training"); // randomized() fitted the others
    }
    Interactions train = RecommenderContractTest.tiny(false);
    Recommender small =
        TestModels.build(
            name, RecommenderContractTest.USERS, RecommenderContractTest.ITEMS, false, 7);
    TestModels.fit(small, train, TrainerConfig.implicitDefaults().withEpochs(1));
    Csr s = small.capability(SeenItems.class).orElseThrow().seenItems().orElseThrow();
    Csr expected = train.byUser();
    for (int u = 0; u < RecommenderContractTest.USERS; u++) {
      assertEquals(
          java.util.Arrays.toString(expected.targetsOf(u)),
          java.util.Arrays.toString(s.targetsOf(u)),
          name + " user " + u);
    }
  }

  @Test
  void aWrapperCanProvideACapabilityItDoesNotImplement() {
    Recommender inner = randomized("gmf", 15);
    Recommender wrapper = new Delegate(inner);
    assertTrue(wrapper.capability(DotProductModel.class).isPresent());
    assertSame(inner, wrapper.capability(DotProductModel.class).orElseThrow());
    assertTrue(
        wrapper.capability(OnnxExportable.class).isEmpty(),
        "the default answers by instance check");
  }

  @Test
  void theServingContractNamesNoTrainingType() {
    for (Method m : Recommender.class.getMethods()) {
      for (Class<?> p : m.getParameterTypes())
        assertFalse(p.getPackageName().startsWith("org.rec4j.train"), m.toString());
      assertFalse(m.getReturnType().getPackageName().startsWith("org.rec4j.train"), m.toString());
    }
  }

  /**
   * A recommender that passes everything to another and forwards only the dot-product capability.
   */
  private record Delegate(Recommender inner) implements Recommender {
    @Override
    public <T> Optional<T> capability(Class<T> type) {
      return type == DotProductModel.class
          ? inner.capability(type)
          : Recommender.super.capability(type);
    }

    @Override
    public String name() {
      return "delegate";
    }

    @Override
    public int numUsers() {
      return inner.numUsers();
    }

    @Override
    public int numItems() {
      return inner.numItems();
    }

    @Override
    public void score(int user, int[] items, float[] out) {
      inner.score(user, items, out);
    }

    @Override
    public Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter) {
      return inner.recommend(user, k, excludeSeen, filter);
    }

    @Override
    public long parameterCount() {
      return inner.parameterCount();
    }

    @Override
    public long flopsPerPrediction() {
      return inner.flopsPerPrediction();
    }

    @Override
    public Map<String, Tensor> stateDict() {
      return inner.stateDict();
    }

    @Override
    public void loadStateDict(Map<String, Tensor> state) {
      inner.loadStateDict(state);
    }
  }
}
