package org.rec4j.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The evaluator's protocols, exclusion, tie handling and thread-count independence. */
class EvaluatorTest {
  /** Score = -(item - preferred(user))², so each user's ranking is known exactly. */
  private static Scorer distanceScorer(int items) {
    return new Scorer() {
      @Override
      public int numItems() {
        return items;
      }

      @Override
      public void score(int user, int[] it, float[] out) {
        for (int i = 0; i < it.length; i++)
          out[i] = -(float) Math.pow(it[i] - (user % items) - 0.1, 2);
      }
    };
  }

  @Test
  void fullRankingExcludesTrainingItems() {
    Scorer s = distanceScorer(20);
    // user 5 prefers item 5, then 6, 4, 7...; item 5 is a training item so 6 comes first
    RankingTask task =
        RankingTask.full(
            20, new int[] {5}, new Relevance[] {Relevance.binary(6)}, new int[][] {{5}});
    RankingResult r = Evaluator.standard(1, 1, 3).evaluate(s, task);
    assertArrayEquals(new int[] {6, 4, 7}, r.lists()[0]);
    assertEquals(1.0, r.get("hr@1"));
    assertEquals(1, r.users());
  }

  @Test
  void sampledProtocolRanksOnlyCandidates() {
    Scorer s = distanceScorer(100);
    RankingTask task =
        RankingTask.sampled(
            100,
            new int[] {10, 50},
            new Relevance[] {Relevance.binary(30), Relevance.binary(51)},
            new int[][] {{30, 90, 80}, {51, 50, 0}});
    RankingResult r = Evaluator.standard(1, 1).evaluate(s, task);
    assertEquals(1.0, r.perUser().get("hr@1")[0], "30 is nearest to 10 among {30, 90, 80}");
    assertEquals(0.0, r.perUser().get("hr@1")[1], "50 beats 51 for user 50");
    assertEquals(0.5, r.get("hr@1"));
  }

  @Test
  void constantModelGetsChanceLevelNotCredit() {
    Scorer constant =
        new Scorer() {
          @Override
          public int numItems() {
            return 100;
          }

          @Override
          public void score(int user, int[] items, float[] out) {
            java.util.Arrays.fill(out, 0, items.length, 0.5f);
          }
        };
    int n = 2000;
    int[] users = new int[n];
    Relevance[] rel = new Relevance[n];
    int[][] cand = new int[n][];
    for (int u = 0; u < n; u++) {
      users[u] = u;
      rel[u] = Relevance.binary(0); // held-out item with the smallest id
      cand[u] = new int[100];
      for (int i = 0; i < 100; i++) cand[u][i] = i;
    }
    double hr =
        Evaluator.standard(2, 10)
            .evaluate(constant, RankingTask.sampled(100, users, rel, cand))
            .get("hr@10");
    assertEquals(0.10, hr, 0.03, "ties must not favour small ids");
  }

  @Test
  void resultsDoNotDependOnThreadCount() {
    Random r = new Random(3);
    int n = 300, items = 50;
    int[] users = new int[n];
    Relevance[] rel = new Relevance[n];
    int[][] ex = new int[n][];
    for (int u = 0; u < n; u++) {
      users[u] = u;
      rel[u] = Relevance.binary(r.nextInt(items));
      ex[u] = new int[] {(rel[u].items()[0] + 1) % items};
    }
    RankingTask t = RankingTask.full(items, users, rel, ex);
    RankingResult one = Evaluator.standard(1, 5, 10).evaluate(distanceScorer(items), t);
    RankingResult two = Evaluator.standard(2, 5, 10).evaluate(distanceScorer(items), t);
    assertEquals(one.means(), two.means());
    for (int u = 0; u < n; u++) assertArrayEquals(one.lists()[u], two.lists()[u]);
  }

  private static org.rec4j.model.Recommender mf(int users, int items) {
    return org.rec4j.model.ModelRegistry.create(
        "mf",
        new org.rec4j.model.ModelOptions(
            users, items, 16, new int[] {32, 16}, 0f, false, false, 7, 0.5f, 0));
  }

  /** A dot-product model (scoreAll through a matrix product) on tasks of many blocks of users. */
  @Test
  void modelRankingsAreTheSameOnOneTwoAndThreeThreads() {
    sameOnOneTwoAndThreeThreads(7 * Evaluator.BLOCK + 5, 301);
    sameOnOneTwoAndThreeThreads(
        3 * Evaluator.BLOCK + 1, 2 * Evaluator.TILE + 77); // scored tile by tile
  }

  /** Scoring item tiles selects what scoring the whole catalog at once selects. */
  @Test
  void tiledFullRankingEqualsWholeCatalogRanking() {
    int users = 2 * Evaluator.BLOCK + 3, items = 3 * Evaluator.TILE + 5;
    var model = mf(users, items);
    Scorer wholeCatalogOnly =
        new Scorer() { // no scoreItemRange: the evaluator falls back to scoreAll
          @Override
          public int numItems() {
            return model.numItems();
          }

          @Override
          public void score(int user, int[] it, float[] out) {
            model.score(user, it, out);
          }

          @Override
          public void scoreAll(int[] us, float[] out) {
            model.scoreAll(us, out);
          }
        };
    Random r = new Random(2);
    int[] us = new int[users];
    Relevance[] rel = new Relevance[users];
    int[][] ex = new int[users][];
    for (int u = 0; u < users; u++) {
      us[u] = u;
      rel[u] = Relevance.binary(r.nextInt(items));
      ex[u] = r.ints(40, 0, items).toArray();
    }
    RankingTask t = RankingTask.full(items, us, rel, ex);
    RankingResult tiled = Evaluator.standard(1, 10, 50).evaluate(model, t);
    RankingResult whole = Evaluator.standard(1, 10, 50).evaluate(wholeCatalogOnly, t);
    for (int u = 0; u < users; u++)
      assertArrayEquals(whole.lists()[u], tiled.lists()[u], "user " + u);
  }

  private static void sameOnOneTwoAndThreeThreads(int users, int items) {
    var model = mf(users, items);
    Random r = new Random(11);
    int[] us = new int[users];
    Relevance[] rel = new Relevance[users];
    int[][] ex = new int[users][], cand = new int[users][];
    for (int u = 0; u < users; u++) {
      us[u] = users - 1 - u; // not in id order
      Relevance held = Relevance.binary(r.nextInt(items), r.nextInt(items));
      rel[u] = held;
      ex[u] = r.ints(20, 0, items).filter(i -> !held.contains(i)).toArray();
      cand[u] = r.ints(50, 0, items).distinct().toArray();
    }
    for (RankingTask t :
        new RankingTask[] {
          RankingTask.full(items, us, rel, ex), RankingTask.sampled(items, us, rel, cand)
        }) {
      RankingResult one = Evaluator.standard(1, 5, 20).evaluate(model, t);
      for (int threads : new int[] {2, 3}) {
        RankingResult many = Evaluator.standard(threads, 5, 20).evaluate(model, t);
        assertEquals(one.means(), many.means(), threads + " threads, sampled " + t.isSampled());
        for (String key : one.perUser().keySet())
          assertArrayEquals(one.perUser().get(key), many.perUser().get(key), key);
        for (int u = 0; u < users; u++)
          assertArrayEquals(one.lists()[u], many.lists()[u], "user " + u);
      }
    }
  }

  /**
   * The pruned catalog pass equals the obvious one: sort every non-excluded item by (score, tie
   * order).
   */
  @Test
  void fullRankingMatchesSortingTheCatalog() {
    int items = 200;
    Random r = new Random(5);
    float[][] scores = new float[40][items];
    for (float[] row : scores) for (int i = 0; i < items; i++) row[i] = r.nextInt(30); // many ties
    Scorer s =
        new Scorer() {
          @Override
          public int numItems() {
            return items;
          }

          @Override
          public void score(int user, int[] it, float[] out) {
            for (int i = 0; i < it.length; i++) out[i] = scores[user][it[i]];
          }
        };
    int[] users = new int[40];
    Relevance[] rel = new Relevance[40];
    int[][] ex = new int[40][];
    for (int u = 0; u < 40; u++) {
      users[u] = u;
      rel[u] = Relevance.binary(r.nextInt(items));
      ex[u] = r.ints(15, 0, items).toArray();
    }
    RankingResult res =
        Evaluator.standard(2, 10).evaluate(s, RankingTask.full(items, users, rel, ex));
    for (int u = 0; u < 40; u++) {
      java.util.Set<Integer> excluded = new java.util.HashSet<>();
      for (int i : ex[u]) excluded.add(i);
      TopK reference = new TopK(items); // holds everything: its order is the tie-broken sort
      reference.clear(u);
      for (int i = 0; i < items; i++) if (!excluded.contains(i)) reference.offer(i, scores[u][i]);
      int[] all = reference.drain();
      assertArrayEquals(java.util.Arrays.copyOf(all, 10), res.lists()[u], "user " + u);
    }
  }

  @Test
  void topKSelectsLargestAndRejectsNaN() {
    TopK t = new TopK(3);
    float[] s = {0.1f, 0.9f, 0.5f, 0.7f, 0.2f};
    for (int i = 0; i < s.length; i++) t.offer(i, s[i]);
    assertArrayEquals(new int[] {1, 3, 2}, t.drain());
    assertThrows(ArithmeticException.class, () -> t.offer(0, Float.NaN));
  }

  @Test
  void pointEvaluation() {
    Scorer s = distanceScorer(10);
    var m =
        Evaluator.evaluatePoints(
            s, new int[] {1, 2}, new int[] {1, 2}, new float[] {0f, 0f}, new Rmse(), new Mae());
    assertEquals(0.01, m.get("rmse"), 1e-6);
    assertEquals(0.01, m.get("mae"), 1e-6);
  }
}
