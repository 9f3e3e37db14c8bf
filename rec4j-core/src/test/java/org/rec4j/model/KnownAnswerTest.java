package org.rec4j.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.eval.Rmse;
import org.rec4j.tensor.Rng;
import org.rec4j.train.Objective;
import org.rec4j.train.OptimizerKind;
import org.rec4j.train.TrainerConfig;

/**
 * Known-answer data sets (STYLE #9): a checkerboard whose top-1 must be recovered, and a rank-2
 * matrix.
 */
class KnownAnswerTest {

  /**
   * Users and items fall in two groups; a user interacted with all items of their group except one
   * held-out item. A model that learned the structure ranks the held-out same-group item first
   * among unseen items. Training is short on purpose: the held-out item is sampled as a negative
   * every epoch, so a high-capacity model (NeuMF) that trains long enough memorizes it as a
   * negative (seen here after ~10 epochs at lr 1e-2).
   */
  @Test
  void checkerboardTopOneIsTheHeldOutSameGroupItem() {
    int users = 40, items = 20;
    InteractionsBuilder b = Interactions.builder(IdIndex.range(users), IdIndex.range(items));
    int[] heldOut = new int[users];
    for (int u = 0; u < users; u++) {
      int g = u % 2;
      heldOut[u] = 2 * ((u / 2) % (items / 2)) + g;
      for (int i = g; i < items; i += 2) if (i != heldOut[u]) b.add(u, i, 1f);
    }
    Interactions train = b.build();
    for (String name : new String[] {"mf", "gmf", "ncf", "neumf"}) {
      ModelOptions o = ModelOptions.implicit(users, items, 8).withSeed(3);
      Recommender m = ModelRegistry.create(name, o);
      m.capability(org.rec4j.train.Fittable.class)
          .orElseThrow()
          .fit(
              train,
              null,
              new TrainerConfig(
                  5,
                  32,
                  1e-2,
                  OptimizerKind.ADAM,
                  0f,
                  Objective.BCE,
                  4,
                  3,
                  1,
                  1,
                  "ndcg@10",
                  0,
                  false));
      int correct = 0;
      for (int u = 0; u < users; u++)
        if (m.recommend(u, 1, true, null).items()[0] == heldOut[u]) correct++;
      assertTrue(correct >= users * 0.9, name + " recovered " + correct + "/" + users);
    }
  }

  /**
   * MF reconstructs a rank-2 rating matrix from 70% of its entries (held-out RMSE far below the
   * data's spread).
   */
  @Test
  void mfReconstructsALowRankMatrix() {
    int users = 60, items = 40, r = 2;
    Rng rng = new Rng(1);
    double[][] pu = new double[users][r], qi = new double[items][r];
    for (double[] v : pu) for (int k = 0; k < r; k++) v[k] = rng.nextGaussian();
    for (double[] v : qi) for (int k = 0; k < r; k++) v[k] = rng.nextGaussian();
    InteractionsBuilder tr = Interactions.builder(IdIndex.range(users), IdIndex.range(items));
    int nTest = 0;
    int[] tu = new int[users * items], ti = new int[users * items];
    float[] ty = new float[users * items];
    for (int u = 0; u < users; u++) {
      for (int i = 0; i < items; i++) {
        float y = (float) (3 + pu[u][0] * qi[i][0] + pu[u][1] * qi[i][1]);
        if (rng.nextDouble() < 0.7) {
          tr.add(u, i, y);
        } else {
          tu[nTest] = u;
          ti[nTest] = i;
          ty[nTest++] = y;
        }
      }
    }
    ModelOptions o =
        new ModelOptions(users, items, r, new int[] {4, 2}, 0f, false, true, 5, 0.1f, 0);
    MF mf = new MF(o);
    mf.fit(
        tr.build(),
        null,
        new TrainerConfig(
            300, 64, 2e-2, OptimizerKind.ADAM, 0f, Objective.MSE, 0, 5, 1, 1, "rmse", 0, false));
    float[] pred = new float[nTest];
    mf.scorePairs(java.util.Arrays.copyOf(tu, nTest), java.util.Arrays.copyOf(ti, nTest), pred);
    double rmse = new Rmse().compute(pred, java.util.Arrays.copyOf(ty, nTest));
    assertTrue(rmse < 0.1, "held-out RMSE " + rmse + " (entries have std ≈ 1.4)");
  }

  @Test
  void neumfPretrainingCombinesBothBranches() {
    int users = 10, items = 8;
    ModelOptions o = ModelOptions.implicit(users, items, 2);
    GMF gmf = new GMF(o);
    NCF mlp = new NCF(o);
    NeuMF m = NeuMF.fromPretrained(o, gmf, mlp, 0.5f);
    // with alpha = 0.5 the NeuMF logit equals the mean of the two pretrained logits
    int[] us = {0, 3, 9}, is = {1, 7, 2};
    float[] a = new float[3], g = new float[3], p = new float[3];
    m.scorePairs(us, is, a);
    gmf.scorePairs(us, is, g);
    mlp.scorePairs(us, is, p);
    for (int i = 0; i < 3; i++) assertEquals(0.5f * (g[i] + p[i]), a[i], 1e-6f);
  }
}
