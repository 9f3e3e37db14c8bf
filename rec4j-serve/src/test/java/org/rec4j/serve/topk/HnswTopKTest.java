package org.rec4j.serve.topk;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.eval.TopK;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * The dot-product view ranks like the model, and HNSW recall@10 against exact top-10 is measured.
 */
class HnswTopKTest {
  static final long SEED = 20261129L;

  /** An untrained model of {@code type} with N(0, 1) embeddings and random item biases. */
  static Recommender random(String type, int users, int items, int f) {
    Recommender m =
        ModelRegistry.create(
            type,
            new ModelOptions(users, items, f, new int[] {2 * f, f}, 0f, false, false, SEED, 1f, 0));
    Map<String, Tensor> s = new HashMap<>(m.stateDict());
    Rng rng = new Rng(SEED);
    for (var e : s.entrySet())
      if (e.getKey().endsWith("bias.weight") || e.getKey().equals("out.weight")) {
        float[] d = e.getValue().data();
        for (int i = 0; i < d.length; i++) d[i] = (float) rng.nextGaussian();
      }
    m.loadStateDict(s);
    return m;
  }

  static int[] exactTop(Recommender m, int u, int k) {
    float[] all = new float[m.numItems()];
    m.scoreAll(new int[] {u}, all);
    TopK top = new TopK(k);
    top.clear(u);
    for (int i = 0; i < all.length; i++) top.offer(i, all[i]);
    return top.drain();
  }

  @Test
  void dotProductViewRanksLikeTheModel() {
    for (String type : new String[] {"mf", "gmf"}) {
      Recommender m = random(type, 20, 300, 8);
      DotProduct dot = DotProduct.of(m);
      for (int u = 0; u < 20; u++) {
        TopK top = new TopK(10);
        top.clear(u);
        for (int i = 0; i < 300; i++) top.offer(i, dot.dot(u, i));
        assertArrayEquals(exactTop(m, u, 10), top.drain(), type + " user " + u);
      }
    }
    assertNull(DotProduct.of(random("neumf", 5, 10, 4)), "NeuMF scores through an MLP");
  }

  @Test
  void hnswRecallAt10AgainstExactIsHigh() {
    int users = 200, items = 2000, k = 10;
    Recommender m = random("mf", users, items, 16);
    long t0 = System.nanoTime();
    HnswTopK index = HnswTopK.build(DotProduct.of(m), HnswTopK.Params.defaults());
    long buildMs = (System.nanoTime() - t0) / 1_000_000;
    assertEquals(items, index.size());
    int hit = 0, servedHit = 0;
    long exactNs = 0, hnswNs = 0;
    for (int u = 0; u < users; u++) {
      long a = System.nanoTime();
      int[] exact = exactTop(m, u, k);
      long b = System.nanoTime();
      int[] approx = index.candidates(u, k);
      hnswNs += System.nanoTime() - b;
      exactNs += b - a;
      java.util.Set<Integer> want = new java.util.HashSet<>();
      for (int i : exact) want.add(i);
      for (int i : approx) if (want.contains(i)) hit++;
      // the server asks for 2k candidates and keeps the k best by exact score
      int[] cand = index.candidates(u, 2 * k);
      float[] s = new float[cand.length];
      m.score(u, cand, s);
      TopK top = new TopK(k);
      for (int j = 0; j < cand.length; j++) top.offer(cand[j], s[j]);
      for (int i : top.drain()) if (want.contains(i)) servedHit++;
    }
    double recall = (double) hit / (users * k), served = (double) servedHit / (users * k);
    System.out.printf(
        "HNSW on %d random-Gaussian MF items (f=16, M=16, efC=200, ef=100): recall@%d of the index %.4f, "
            + "of the served path (2k candidates rescored) %.4f; build %d ms; mean HNSW query %.1f us vs model.scoreAll + top-k %.1f us (seed %d)%n",
        items, k, recall, served, buildMs, hnswNs / 1e3 / users, exactNs / 1e3 / users, SEED);
    assertTrue(recall >= 0.9, "index recall@10 " + recall + " (seed " + SEED + ")");
    assertTrue(served >= 0.95, "served recall@10 " + served + " (seed " + SEED + ")");
  }
}
