package org.rec4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.train.TrainerConfig;

/**
 * Full-catalog scoring reuses weight-derived state in evaluation mode; every way the weights change
 * (more training, a loaded state, an explicit edit plus {@code dropInferenceCache}) must give fresh
 * scores that equal the pair path.
 */
class InferenceCacheTest {
  private static Interactions data() {
    IdIndex users = new IdIndex(), items = new IdIndex();
    for (int u = 0; u < 12; u++) users.add("u" + u);
    for (int i = 0; i < 9; i++) items.add("i" + i);
    InteractionsBuilder b = Interactions.builder(users, items);
    for (int u = 0; u < 12; u++)
      for (int i = 0; i < 9; i++) if ((u * 7 + i) % 3 == 0) b.add(u, i, 1f);
    return b.build();
  }

  private static void assertCatalogMatchesPairs(NeuralRecommender m, String when) {
    int n = m.numItems();
    int[] users = {0, 5, 11};
    float[] all = new float[users.length * n];
    m.scoreAll(users, all);
    int[] us = new int[n], is = new int[n];
    float[] pairs = new float[n];
    for (int j = 0; j < users.length; j++) {
      for (int i = 0; i < n; i++) {
        us[i] = users[j];
        is[i] = i;
      }
      m.scorePairs(us, is, pairs);
      for (int i = 0; i < n; i++)
        assertEquals(pairs[i], all[j * n + i], 1e-4f, when + ": user " + users[j] + " item " + i);
    }
  }

  @Test
  void cachedCatalogScoresFollowEveryWeightChange() {
    for (String name : new String[] {"ncf", "neumf"}) {
      Interactions d = data();
      NeuralRecommender m =
          (NeuralRecommender) ModelRegistry.create(name, ModelOptions.implicit(12, 9, 4));
      m.fit(d, null, TrainerConfig.implicitDefaults().withEpochs(1));
      m.train(false);
      assertCatalogMatchesPairs(m, name + " after fit");
      float[] before = new float[9];
      m.scoreAll(new int[] {3}, before);

      m.fit(d, null, TrainerConfig.implicitDefaults().withEpochs(3));
      m.train(false);
      float[] after = new float[9];
      m.scoreAll(new int[] {3}, after);
      boolean moved = false;
      for (int i = 0; i < 9; i++) moved |= before[i] != after[i];
      assertTrue(moved, name + ": scores must change after more training");
      assertCatalogMatchesPairs(m, name + " after more training");

      NeuralRecommender other =
          (NeuralRecommender)
              ModelRegistry.create(name, ModelOptions.implicit(12, 9, 4).withSeed(99));
      other.train(false);
      other.scoreAll(new int[] {3}, before); // fills other's cache
      other.loadStateDict(m.stateDict());
      assertCatalogMatchesPairs(other, name + " after loadStateDict");

      m.stateDict().values().iterator().next().data()[0] += 0.5f; // an edit in evaluation mode
      m.dropInferenceCache();
      assertCatalogMatchesPairs(m, name + " after an edit and dropInferenceCache");
    }
  }
}
