package org.rec4j.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.model.DotProductModel;
import org.rec4j.model.Factorization;
import org.rec4j.model.GraphInput;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.Recommendation;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.CsrMatrix;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.TrainerConfig;

/**
 * LightGCN on tiny graphs: the adjacency and the propagated vectors equal a dense double reference,
 * the propagation's gradient equals central differences of that reference, and training learns a
 * planted cluster structure that popularity cannot see.
 */
class LightGcnTest {
  private static final int U = 3, I = 4;

  /** u0: i0 i1; u1: i1 i2 (i1 twice); u2: i3. */
  private static Interactions tiny() {
    InteractionsBuilder b = Interactions.builder(IdIndex.range(U), IdIndex.range(I));
    b.add(0, 0, 1f).add(0, 1, 1f).add(1, 1, 1f).add(1, 2, 1f).add(1, 1, 1f).add(2, 3, 1f);
    return b.build();
  }

  /** D^-½ A D^-½ of {@link #tiny} as a dense double matrix. */
  private static double[][] denseAdjacency() {
    int n = U + I;
    double[][] a = new double[n][n];
    int[][] edges = {{0, 0}, {0, 1}, {1, 1}, {1, 2}, {2, 3}};
    for (int[] e : edges) {
      a[e[0]][U + e[1]] = 1;
      a[U + e[1]][e[0]] = 1;
    }
    double[] deg = new double[n];
    for (int r = 0; r < n; r++) for (int c = 0; c < n; c++) deg[r] += a[r][c];
    for (int r = 0; r < n; r++)
      for (int c = 0; c < n; c++) if (a[r][c] != 0) a[r][c] /= Math.sqrt(deg[r] * deg[c]);
    return a;
  }

  /** mean(x, Âx, …, Â^K x) in double. */
  private static double[][] denseMean(double[][] a, double[][] x, int layers) {
    int n = x.length, d = x[0].length;
    double[][] e = x, sum = new double[n][d];
    for (int r = 0; r < n; r++) for (int c = 0; c < d; c++) sum[r][c] = x[r][c];
    for (int k = 0; k < layers; k++) {
      double[][] next = new double[n][d];
      for (int r = 0; r < n; r++)
        for (int j = 0; j < n; j++) for (int c = 0; c < d; c++) next[r][c] += a[r][j] * e[j][c];
      e = next;
      for (int r = 0; r < n; r++) for (int c = 0; c < d; c++) sum[r][c] += e[r][c];
    }
    for (double[] row : sum) for (int c = 0; c < d; c++) row[c] /= layers + 1;
    return sum;
  }

  private static double[][] toDouble(float[] v, int n, int d) {
    double[][] out = new double[n][d];
    for (int r = 0; r < n; r++) for (int c = 0; c < d; c++) out[r][c] = v[r * d + c];
    return out;
  }

  @Test
  void adjacencyIsTheSymmetricNormalizationWithoutDuplicates() {
    CsrMatrix a = Adjacency.symmetric(tiny().byUser(), U, I);
    assertEquals(10, a.nnz(), "2 × 5 distinct pairs");
    int n = U + I;
    float[] eye = new float[n * n];
    for (int r = 0; r < n; r++) eye[r * n + r] = 1;
    float[] dense = LinAlg.spmm(a, Tensor.wrap(eye, n, n)).data();
    double[][] want = denseAdjacency();
    for (int r = 0; r < n; r++)
      for (int c = 0; c < n; c++) assertEquals(want[r][c], dense[r * n + c], 1e-6, r + "," + c);
  }

  @Test
  void propagatedVectorsEqualTheDenseReference() {
    LightGcn m = build(5, 3);
    m.fit(tiny(), null, TrainerConfig.implicitDefaults().toBuilder().epochs(1).build());
    Factorization f = m.capability(DotProductModel.class).orElseThrow().factorization();
    float[] ego = m.stateDict().get(LightGcn.EGO).data();
    double[][] want = denseMean(denseAdjacency(), toDouble(ego, U + I, 5), 3);
    for (int r = 0; r < U + I; r++)
      for (int c = 0; c < 5; c++) {
        float got = r < U ? f.users()[r * 5 + c] : f.items()[(r - U) * 5 + c];
        assertEquals(want[r][c], got, 1e-6, "node " + r + ", coordinate " + c);
      }
    float[] s = new float[1];
    m.score(1, new int[] {2}, s);
    double dot = 0;
    for (int c = 0; c < 5; c++) dot += want[1][c] * want[U + 2][c];
    assertEquals(dot, s[0], 1e-6);
  }

  /** ∂/∂x Σ w ⊙ mean(Â^k x): the engine's backward against central differences in double. */
  @Test
  void propagationGradientMatchesCentralDifferences() {
    int n = U + I, d = 3, layers = 3;
    CsrMatrix a = Adjacency.symmetric(tiny().byUser(), U, I);
    Rng rng = new Rng(11);
    Tensor x = Tensor.randn(rng, 1f, n, d).requiresGrad(true);
    Tensor w = Tensor.randn(rng, 1f, n, d);
    ReduceOps.sum(MathOps.mul(LightGcn.propagate(a, x, layers), w)).backward();
    float[] grad = x.grad();
    double[][] dense = denseAdjacency(),
        xd = toDouble(x.data(), n, d),
        wd = toDouble(w.data(), n, d);
    double h = 1e-5;
    for (int r = 0; r < n; r++)
      for (int c = 0; c < d; c++) {
        double keep = xd[r][c];
        xd[r][c] = keep + h;
        double up = weighted(denseMean(dense, xd, layers), wd);
        xd[r][c] = keep - h;
        double down = weighted(denseMean(dense, xd, layers), wd);
        xd[r][c] = keep;
        assertEquals((up - down) / (2 * h), grad[r * d + c], 1e-5, "x[" + r + "," + c + "]");
      }
  }

  private static double weighted(double[][] y, double[][] w) {
    double s = 0;
    for (int r = 0; r < y.length; r++) for (int c = 0; c < y[r].length; c++) s += y[r][c] * w[r][c];
    return s;
  }

  @Test
  void stateRoundTripScoresTheSame() {
    LightGcn m = build(4, 2);
    m.fit(
        tiny(), null, TrainerConfig.implicitDefaults().toBuilder().epochs(2).batchSize(4).build());
    Map<String, Tensor> state = m.stateDict();
    LightGcn copy = build(4, 2);
    copy.loadStateDict(state);
    float[] a = new float[U * I], b = new float[U * I];
    m.scoreAll(new int[] {0, 1, 2}, a);
    copy.scoreAll(new int[] {0, 1, 2}, b);
    assertArrayEquals(a, b);
  }

  /**
   * 4 user clusters each consuming 8 of their cluster's 20 items plus one random item; the test
   * part is 2 further items of the user's cluster. Popularity is flat across clusters, so only the
   * co-occurrence structure ranks the held-out items.
   */
  @Test
  void learnsPlantedClustersBetterThanPopularity() {
    int users = 120, items = 80, per = 20, k = 10;
    Rng rng = new Rng(5);
    InteractionsBuilder b = Interactions.builder(IdIndex.range(users), IdIndex.range(items));
    boolean[][] taken = new boolean[users][items];
    int[][] test = new int[users][2];
    for (int u = 0; u < users; u++) {
      int c = u % 4;
      for (int n = 0; n < 10; n++) {
        int i;
        do i = c * per + rng.nextInt(per);
        while (taken[u][i]);
        taken[u][i] = true;
        if (n < 8) b.add(u, i, 1f);
        else test[u][n - 8] = i;
      }
      int noise;
      do noise = rng.nextInt(items);
      while (taken[u][noise]);
      taken[u][noise] = true;
      b.add(u, noise, 1f);
    }
    Interactions train = b.build();
    LightGcn m = build(users, items, 16, 3);
    m.fit(
        train,
        null,
        TrainerConfig.implicitDefaults().toBuilder()
            .epochs(30)
            .batchSize(256)
            .learningRate(0.01)
            .validateEvery(0)
            .build());
    int[] pop = new int[items];
    for (int r = 0; r < train.size(); r++) pop[train.item(r)]++;
    int lightHits = 0, popHits = 0;
    for (int user = 0; user < users; user++) {
      int u = user;
      Recommendation rec = m.recommend(u, k, true, null);
      for (int i : rec.items()) if (i == test[u][0] || i == test[u][1]) lightHits++;
      int[] order =
          java.util.stream.IntStream.range(0, items)
              .boxed()
              .filter(i -> !train.byUser().contains(u, i))
              .sorted((x, y) -> pop[y] != pop[x] ? pop[y] - pop[x] : x - y)
              .limit(k)
              .mapToInt(Integer::intValue)
              .toArray();
      for (int i : order) if (i == test[u][0] || i == test[u][1]) popHits++;
    }
    double recall = lightHits / (2.0 * users), popRecall = popHits / (2.0 * users);
    assertTrue(
        recall > 0.6 && recall > 2 * popRecall,
        "lightgcn recall@" + k + " " + recall + " vs popularity " + popRecall);
  }

  private static LightGcn build(int factors, int layers) {
    return build(U, I, factors, layers);
  }

  private static LightGcn build(int users, int items, int factors, int layers) {
    ModelInputs in =
        ModelInputs.ids(users, items, false, 7)
            .with(ModelInput.GRAPH, GraphInput.class, new GraphInput("test"));
    Recommender r =
        ModelRegistry.create(
            "lightgcn", in, Map.of("factors", factors, "propagation_layers", layers), "test");
    return (LightGcn) r;
  }
}
