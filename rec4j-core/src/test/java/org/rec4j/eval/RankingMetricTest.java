package org.rec4j.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Ranking metrics: hand-computed cases written as formulas, and randomized agreement with slow
 * obvious reference implementations kept in this test.
 */
class RankingMetricTest {
  private static final double LOG2 = Math.log(2);

  private static double log2(double x) {
    return Math.log(x) / LOG2;
  }

  @Test
  void handComputedCases() {
    int[] ranked = {7, 3, 9, 1, 5};
    Relevance rel = Relevance.binary(3, 5, 8);
    assertEquals(1.0, new HitRate().compute(ranked, 2, rel));
    assertEquals(0.0, new HitRate().compute(ranked, 1, rel));
    assertEquals(2.0 / 5, new Precision().compute(ranked, 5, rel), 1e-12);
    assertEquals(2.0 / 3, new Recall().compute(ranked, 5, rel), 1e-12);
    assertEquals(1.0 / 2, new Mrr().compute(ranked, 5, rel), 1e-12);
    assertEquals((1.0 / 2 + 2.0 / 5) / 3, new AveragePrecision().compute(ranked, 5, rel), 1e-12);
    double dcg = 1 / log2(3) + 1 / log2(6);
    double idcg = 1 / log2(2) + 1 / log2(3) + 1 / log2(4);
    assertEquals(dcg / idcg, new Ndcg().compute(ranked, 5, rel), 1e-12);
  }

  @Test
  void ncfSingleItemNdcgIsOneOverLogOfRankPlusOne() {
    // NCF protocol: one held-out item; NDCG@10 = log 2 / log(rank + 2) with 0-based rank
    Relevance rel = Relevance.binary(42);
    int[] ranked = {1, 2, 3, 42, 5};
    assertEquals(LOG2 / Math.log(3 + 2), new Ndcg().compute(ranked, 10, rel), 1e-12);
    assertEquals(0.0, new Ndcg().compute(ranked, 3, rel));
  }

  @Test
  void gradedNdcgUsesGrades() {
    Relevance rel = Relevance.graded(new int[] {1, 2}, new float[] {3f, 1f});
    int[] ranked = {2, 1};
    double dcg = 1 / log2(2) + 3 / log2(3);
    double idcg = 3 / log2(2) + 1 / log2(3);
    assertEquals(dcg / idcg, new Ndcg().compute(ranked, 2, rel), 1e-12);
    double dcgE = (Math.pow(2, 1) - 1) / log2(2) + (Math.pow(2, 3) - 1) / log2(3);
    double idcgE = (Math.pow(2, 3) - 1) / log2(2) + (Math.pow(2, 1) - 1) / log2(3);
    assertEquals(dcgE / idcgE, new Ndcg(Ndcg.Gain.EXPONENTIAL).compute(ranked, 2, rel), 1e-12);
  }

  @Test
  void kLargerThanListAndInvalidK() {
    Relevance rel = Relevance.binary(1);
    assertEquals(1.0 / 10, new Precision().compute(new int[] {1}, 10, rel), 1e-12);
    assertThrows(
        IllegalArgumentException.class, () -> new HitRate().compute(new int[] {1}, 0, rel));
  }

  @Test
  void agreesWithNaiveReferenceOnRandomLists() {
    Random r = new Random(11);
    for (int trial = 0; trial < 500; trial++) {
      int catalog = 5 + r.nextInt(30);
      List<Integer> perm = new ArrayList<>();
      for (int i = 0; i < catalog; i++) perm.add(i);
      java.util.Collections.shuffle(perm, r);
      int[] ranked =
          perm.stream().mapToInt(Integer::intValue).limit(1 + r.nextInt(catalog)).toArray();
      int nRel = 1 + r.nextInt(5);
      int[] relItems = new int[nRel];
      float[] grades = new float[nRel];
      java.util.Set<Integer> used = new java.util.HashSet<>();
      for (int i = 0; i < nRel; i++) {
        int it;
        do {
          it = r.nextInt(catalog);
        } while (!used.add(it));
        relItems[i] = it;
        grades[i] = 1 + r.nextInt(4);
      }
      Relevance rel = Relevance.graded(relItems, grades);
      int k = 1 + r.nextInt(12);
      String ctx = "trial " + trial;
      assertEquals(
          naiveRecall(ranked, k, relItems), new Recall().compute(ranked, k, rel), 1e-12, ctx);
      assertEquals(
          naiveAp(ranked, k, relItems), new AveragePrecision().compute(ranked, k, rel), 1e-12, ctx);
      assertEquals(
          naiveNdcg(ranked, k, relItems, grades), new Ndcg().compute(ranked, k, rel), 1e-9, ctx);
    }
  }

  private static boolean in(int x, int[] a) {
    for (int v : a) if (v == x) return true;
    return false;
  }

  private static double naiveRecall(int[] ranked, int k, int[] rel) {
    int hits = 0;
    for (int i = 0; i < k && i < ranked.length; i++) if (in(ranked[i], rel)) hits++;
    return (double) hits / rel.length;
  }

  private static double naiveAp(int[] ranked, int k, int[] rel) {
    double s = 0;
    for (int i = 0; i < k && i < ranked.length; i++) {
      if (!in(ranked[i], rel)) continue;
      int hitsUpTo = 0;
      for (int j = 0; j <= i; j++) if (in(ranked[j], rel)) hitsUpTo++;
      s += hitsUpTo / (double) (i + 1);
    }
    return s / Math.min(k, rel.length);
  }

  private static double naiveNdcg(int[] ranked, int k, int[] rel, float[] grades) {
    double dcg = 0;
    for (int i = 0; i < k && i < ranked.length; i++) {
      for (int j = 0; j < rel.length; j++) if (rel[j] == ranked[i]) dcg += grades[j] / log2(i + 2);
    }
    float[] g = grades.clone();
    java.util.Arrays.sort(g);
    double idcg = 0;
    for (int i = 0; i < k && i < g.length; i++) idcg += g[g.length - 1 - i] / log2(i + 2);
    return dcg / idcg;
  }
}
