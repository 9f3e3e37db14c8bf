package org.rec4j.data.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.synth.SyntheticRatings;
import org.rec4j.tensor.Rng;

class SamplersTest {
  private static final long SEED = 11;
  private static final Interactions DATA =
      SyntheticRatings.generate(new SyntheticRatings.Config(50, 30, 5, 20, 1, 0.3, SEED))
          .interactions();

  @Test
  void uniformNeverReturnsAPositiveAndCoversTheRest() {
    UniformNegativeSampler s = new UniformNegativeSampler(DATA);
    Rng rng = new Rng(SEED);
    for (int u = 0; u < DATA.numUsers(); u++) {
      Set<Integer> seen = new HashSet<>();
      for (int k = 0; k < 400; k++) {
        int i = s.sample(u, rng);
        assertFalse(
            DATA.byUser().contains(u, i), "seed " + SEED + ": user " + u + " got positive " + i);
        seen.add(i);
      }
      assertEquals(
          DATA.numItems() - DATA.byUser().degree(u), seen.size(), "seed " + SEED + ", user " + u);
    }
  }

  @Test
  void denseUsersUseTheComplementAndFullUsersFail() {
    IdIndex users = IdIndex.range(2);
    IdIndex items = IdIndex.range(10);
    InteractionsBuilder b = Interactions.builder(users, items);
    for (int i = 0; i < 10; i++) {
      if (i != 7) {
        b.add(0, i, 1f);
      }
      b.add(1, i, 1f);
    }
    UniformNegativeSampler s = new UniformNegativeSampler(b.build());
    Rng rng = new Rng(SEED);
    for (int k = 0; k < 50; k++) {
      assertEquals(7, s.sample(0, rng));
    }
    assertThrows(IllegalStateException.class, () -> s.sample(1, rng));
  }

  @Test
  void oneSamplerServesManyThreadsWithSplitStreams() throws Exception {
    NegativeSampler s = new PopularityNegativeSampler(DATA, 0.75, 1);
    Rng root = new Rng(SEED);
    Rng[] streams = {root.split(), root.split(), root.split()};
    Rng again = new Rng(SEED);
    Rng[] replay = {again.split(), again.split(), again.split()};
    int n = 50_000;
    int[][] parallel = new int[3][n];
    Thread[] threads = new Thread[3];
    for (int t = 0; t < 3; t++) {
      int id = t;
      threads[t] =
          new Thread(() -> {
            for (int k = 0; k < n; k++) {
              parallel[id][k] = s.sample(k % DATA.numUsers(), streams[id]);
            }
          });
      threads[t].start();
    }
    for (Thread t : threads) {
      t.join();
    }
    for (int t = 0; t < 3; t++) {
      for (int k = 0; k < n; k++) {
        int u = k % DATA.numUsers();
        assertFalse(DATA.byUser().contains(u, parallel[t][k]), "seed " + SEED);
        assertEquals(
            s.sample(u, replay[t]),
            parallel[t][k],
            "seed " + SEED + ": thread " + t + " draw " + k);
      }
    }
  }

  @Test
  void aliasTableMatchesWeights() {
    double[] w = {1, 0, 3, 6};
    AliasTable t = new AliasTable(w);
    int[] counts = new int[4];
    Rng rng = new Rng(SEED);
    int n = 200_000;
    for (int k = 0; k < n; k++) {
      counts[t.sample(rng)]++;
    }
    assertEquals(0, counts[1]);
    for (int i = 0; i < 4; i++) {
      assertEquals(w[i] / 10, counts[i] / (double) n, 0.005, "seed " + SEED + ", outcome " + i);
    }
    assertThrows(IllegalArgumentException.class, () -> new AliasTable(new double[] {0, 0}));
  }

  @Test
  void popularitySamplerFollowsCountToTheAlpha() {
    // user 0 likes item 0; items 1..4 have popularity 1, 2, 3, 4 from other users; alpha = 0.75
    IdIndex users = IdIndex.range(5);
    IdIndex items = IdIndex.range(5);
    InteractionsBuilder b = Interactions.builder(users, items).add(0, 0, 1f);
    for (int i = 1; i <= 4; i++) {
      for (int u = 1; u <= i; u++) {
        b.add(u, i, 1f);
      }
    }
    double alpha = 0.75;
    PopularityNegativeSampler s = new PopularityNegativeSampler(b.build(), alpha, 0);
    double[] p = new double[5];
    double z = 0;
    for (int i = 1; i <= 4; i++) {
      p[i] = Math.pow(i, alpha);
      z += p[i];
    }
    int n = 100_000;
    int[] counts = new int[5];
    Rng rng = new Rng(SEED);
    for (int k = 0; k < n; k++) {
      counts[s.sample(0, rng)]++;
    }
    assertEquals(0, counts[0]);
    double chi2 = 0;
    for (int i = 1; i <= 4; i++) {
      double expected = n * p[i] / z;
      chi2 += (counts[i] - expected) * (counts[i] - expected) / expected;
    }
    assertTrue(
        chi2 < 16.27,
        "seed " + SEED + ": chi-square " + chi2 + " above the 0.1% critical value (3 df)");
  }

  @Test
  void hardNegativesAndInBatchMask() {
    UniformNegativeSampler base = new UniformNegativeSampler(DATA);
    HardNegativeSampler hard = new HardNegativeSampler(base, 1000, (u, i) -> i);
    int best = DATA.numItems() - 1;
    while (DATA.byUser().contains(3, best)) {
      best--;
    }
    assertEquals(best, hard.sample(3, new Rng(SEED)));
    int[] us = {0, 1};
    int[] is = {DATA.item(0), DATA.item(DATA.byUser().edge(DATA.byUser().start(1)))};
    boolean[][] m = InBatchNegatives.mask(us, is, DATA.byUser());
    assertFalse(m[0][0]);
    assertEquals(!DATA.byUser().contains(0, is[1]) && is[0] != is[1], m[0][1]);
  }

  @Test
  void evaluationCandidates() {
    Interactions test = DATA.subset(new int[] {0, 1, 2});
    int[][] c = EvalCandidates.sampled(test, new UniformNegativeSampler(DATA), 5, new Rng(SEED));
    for (int r = 0; r < 3; r++) {
      assertEquals(test.item(r), c[r][0]);
      Set<Integer> distinct = new HashSet<>();
      for (int k = 1; k < c[r].length; k++) {
        assertFalse(DATA.byUser().contains(test.user(r), c[r][k]));
        distinct.add(c[r][k]);
      }
      assertEquals(5, distinct.size());
    }
    int[][] given = EvalCandidates.provided(test, new int[][] {{9}, {8}, {7}});
    assertArrayEquals(new int[] {test.item(2), 7}, given[2]);
    int[] full = EvalCandidates.fullCatalog(0, DATA.byUser(), DATA.numItems());
    assertEquals(DATA.numItems() - DATA.byUser().degree(0), full.length);
    for (int i : full) {
      assertFalse(DATA.byUser().contains(0, i));
    }
  }
}
