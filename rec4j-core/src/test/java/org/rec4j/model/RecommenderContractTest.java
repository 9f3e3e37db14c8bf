package org.rec4j.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;

/**
 * The contract every registered model inherits (STYLE #8): each one is built from the registry and
 * trained one epoch on a tiny data set (closed-form models are fitted once, without epochs), for a
 * rating and an implicit objective; then scoring, recommendation, batch-vs-single, k beyond the
 * catalog, state save/load and the unknown-user policy are checked.
 */
class RecommenderContractTest {
  static final int USERS = 12, ITEMS = 9;

  static Interactions tiny(boolean rating) {
    InteractionsBuilder b = Interactions.builder(IdIndex.range(USERS), IdIndex.range(ITEMS));
    Rng rng = new Rng(5);
    for (int u = 0; u < USERS; u++) {
      for (int i = 0; i < ITEMS; i++) {
        if ((u + i) % 3 == 0) b.add(u, i, rating ? 1 + rng.nextInt(5) : 1f);
      }
    }
    return b.build();
  }

  static Stream<Arguments> models() {
    return ModelRegistry.names().stream()
        .flatMap(n -> Stream.of(Arguments.of(n, true), Arguments.of(n, false)))
        .filter(a -> TestModels.supports((String) a.get()[0], (Boolean) a.get()[1]));
  }

  private static Recommender trained(String name, boolean rating) {
    Recommender m = TestModels.build(name, USERS, ITEMS, rating, 7);
    TrainerConfig tc =
        new TrainerConfig(
            1,
            8,
            1e-2,
            OptimizerKind.ADAM,
            0f,
            rating ? Objective.MSE : Objective.BCE,
            2,
            7,
            1,
            1,
            "rmse",
            0,
            false);
    TrainingHistory h = TestModels.fit(m, tiny(rating), tc);
    if (!h.epochs().isEmpty() || m instanceof org.rec4j.train.Trainable) {
      assertEquals(1, h.epochs().size());
      assertTrue(Double.isFinite(h.last().trainLoss()), name + " loss " + h.last().trainLoss());
    } else {
      assertTrue(h.epochs().isEmpty(), name + " is fitted in closed form, without epochs");
    }
    return m;
  }

  @ParameterizedTest(name = "{0} rating={1}")
  @MethodSource("models")
  void fitScoreRecommend(String name, boolean rating) {
    Recommender m = trained(name, rating);
    assertEquals(name, m.name());
    assertTrue(m.parameterCount() > 0 && m.flopsPerPrediction() > 0);
    float[] s = new float[ITEMS];
    int[] all = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) all[i] = i;
    m.score(3, all, s);
    for (float v : s) assertTrue(Float.isFinite(v));

    Recommendation r = m.recommend(3, 4, true, null);
    assertFalse(r.unknownUser());
    assertEquals(4, r.items().length);
    Set<Integer> seen = new HashSet<>();
    for (int i = 0; i < r.items().length; i++) {
      int it = r.items()[i];
      assertTrue(seen.add(it), "duplicate item");
      assertTrue((3 + it) % 3 != 0, "seen item " + it + " must be excluded");
      assertEquals(s[it], r.scores()[i], 1e-5f, "recommendation score equals score()");
      if (i > 0) assertTrue(r.scores()[i - 1] >= r.scores()[i], "sorted by score");
    }
    Recommendation filtered = m.recommend(3, 4, false, it -> it % 2 == 0);
    for (int it : filtered.items()) assertEquals(0, it % 2);
  }

  @ParameterizedTest(name = "{0} rating={1}")
  @MethodSource("models")
  void batchEqualsSingleAndScoreAllEqualsScore(String name, boolean rating) {
    Recommender m = trained(name, rating);
    int[] users = {0, 5, 11};
    Recommendation[] batch = m.recommendBatch(users, 3, true, null);
    for (int i = 0; i < users.length; i++)
      assertArrayEquals(m.recommend(users[i], 3, true, null).items(), batch[i].items());
    float[] all = new float[users.length * ITEMS];
    m.scoreAll(users, all);
    int[] items = new int[ITEMS];
    for (int i = 0; i < ITEMS; i++) items[i] = i;
    float[] one = new float[ITEMS];
    for (int u = 0; u < users.length; u++) {
      m.score(users[u], items, one);
      for (int i = 0; i < ITEMS; i++)
        assertEquals(one[i], all[u * ITEMS + i], 1e-5f, "scoreAll vs score");
    }
    float[] pairs = new float[3];
    m.scorePairs(new int[] {0, 5, 11}, new int[] {1, 2, 3}, pairs);
    m.score(5, new int[] {2}, one);
    assertEquals(one[0], pairs[1], 1e-6f);
  }

  @ParameterizedTest(name = "{0} rating={1}")
  @MethodSource("models")
  void kBeyondCatalogAndUnknownUsers(String name, boolean rating) {
    Recommender m = trained(name, rating);
    assertEquals(ITEMS, m.recommend(0, 100, false, null).items().length);
    assertEquals(
        ITEMS - 3, m.recommend(0, 100, true, null).items().length, "user 0 saw items 0, 3, 6");
    Recommendation unknown = m.recommend(USERS + 5, 3, true, null);
    assertTrue(unknown.unknownUser());
    assertEquals(0, unknown.items().length);
    assertThrows(IllegalArgumentException.class, () -> m.score(-1, new int[] {0}, new float[1]));
    assertThrows(IllegalArgumentException.class, () -> m.recommend(0, 0, true, null));
  }

  @ParameterizedTest(name = "{0} rating={1}")
  @MethodSource("models")
  void stateRoundTripGivesIdenticalScores(String name, boolean rating) {
    Recommender m = trained(name, rating);
    Map<String, Tensor> state = m.stateDict();
    Recommender fresh = TestModels.build(name, USERS, ITEMS, rating, 99);
    fresh.loadStateDict(state);
    int[] items = {0, 1, 2, 3, 4, 5, 6, 7, 8};
    float[] a = new float[ITEMS], b = new float[ITEMS];
    for (int u = 0; u < USERS; u++) {
      m.score(u, items, a);
      fresh.score(u, items, b);
      assertArrayEquals(a, b, 0f, "bit-identical scores after load");
    }
  }
}
