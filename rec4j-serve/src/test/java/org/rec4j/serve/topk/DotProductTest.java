package org.rec4j.serve.topk;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.junit.jupiter.api.Test;
import org.rec4j.model.DotProductModel;
import org.rec4j.model.ItemEmbeddingTables;
import org.rec4j.model.Recommendation;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.Tensor;

/**
 * Serving's views come from capabilities, never from a model's name or parameter names (issue 17):
 * the dot-product view plus its offset equals the model's own pair scores (the forward pass, not
 * the catalog path built from the same vectors), and a model under another name that forwards the
 * capabilities gets the same views.
 */
class DotProductTest {
  @Test
  void viewPlusOffsetEqualsTheForwardScores() {
    for (String type : new String[] {"mf", "gmf"}) {
      Recommender m = HnswTopKTest.random(type, 15, 120, 6);
      DotProduct dot = DotProduct.of(m);
      int[] all = new int[120];
      for (int i = 0; i < all.length; i++) all[i] = i;
      float[] s = new float[120], d = new float[120];
      for (int u = 0; u < 15; u++) {
        m.score(u, all, s);
        dot.dotAll(u, d);
        for (int i = 0; i < 120; i++)
          assertEquals(
              s[i],
              d[i] + dot.offset(u),
              1e-4 * (1 + Math.abs(s[i])),
              type + " user " + u + " item " + i);
      }
    }
  }

  @Test
  void aRenamedModelWithTheCapabilitiesGetsTheSameViews() {
    Recommender mf = HnswTopKTest.random("mf", 10, 50, 4);
    Recommender renamed = new Renamed(mf);
    DotProduct a = DotProduct.of(mf), b = DotProduct.of(renamed);
    assertNotNull(b, "no name switch: the capability is enough");
    for (int u = 0; u < 10; u++)
      for (int i = 0; i < 50; i++) assertEquals(a.dot(u, i), b.dot(u, i), 0f);
    assertNotNull(ItemEmbeddings.of(renamed));
    assertEquals(ItemEmbeddings.of(mf).tables(), ItemEmbeddings.of(renamed).tables());
    assertNull(
        DotProduct.of(new Renamed(HnswTopKTest.random("ncf", 5, 10, 4))),
        "an MLP model has no dot-product view");
  }

  /** Another name over a model, forwarding its capabilities. */
  private record Renamed(Recommender inner) implements Recommender {
    @Override
    public <T> Optional<T> capability(Class<T> type) {
      return type == DotProductModel.class || type == ItemEmbeddingTables.class
          ? inner.capability(type)
          : Optional.empty();
    }

    @Override
    public String name() {
      return "custom";
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
