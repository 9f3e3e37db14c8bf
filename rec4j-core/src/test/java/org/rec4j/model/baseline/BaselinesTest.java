package org.rec4j.model.baseline;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.Recommendation;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.TrainerConfig;

/**
 * Known answers for the closed-form baselines: each fitted model against a slow, obvious
 * double-precision computation kept here, plus registry, limits and state round trips with
 * non-default configs.
 */
class BaselinesTest {
  static final int USERS = 15, ITEMS = 8;

  /**
   * A random binary matrix (density about 0.4) with one duplicated pair and one item nobody has.
   */
  static Interactions data() {
    InteractionsBuilder b = Interactions.builder(IdIndex.range(USERS), IdIndex.range(ITEMS));
    Rng rng = new Rng(11);
    for (int u = 0; u < USERS; u++) {
      for (int i = 0; i < ITEMS - 1; i++)
        if (rng.nextDouble() < 0.4 || i == u % 7) b.add(u, i, 1 + rng.nextInt(5));
    }
    b.add(0, 0, 3f); // user 0 has item 0 (i == u % 7); a duplicate counts once
    return b.build();
  }

  static boolean[][] matrix(Interactions t) {
    boolean[][] x = new boolean[USERS][ITEMS];
    for (int r = 0; r < t.size(); r++) x[t.user(r)][t.item(r)] = true;
    return x;
  }

  static ModelOptions options(int items) {
    return ModelOptions.implicit(USERS, items, 4);
  }

  static <T extends Recommender> T fitted(T m, Interactions t) {
    m.capability(org.rec4j.train.Fittable.class)
        .orElseThrow()
        .fit(t, null, TrainerConfig.implicitDefaults());
    return m;
  }

  static float[] scores(Recommender m, int u) {
    int[] all = new int[m.numItems()];
    for (int i = 0; i < all.length; i++) all[i] = i;
    float[] s = new float[all.length];
    m.score(u, all, s);
    return s;
  }

  @Test
  void registryListsTheBaselinesAndBuildsThem() {
    List<String> names = ModelRegistry.names();
    assertTrue(names.containsAll(List.of("pop", "itemknn", "ease")), names.toString());
    assertTrue(ModelRegistry.create("pop", options(ITEMS)) instanceof MostPopular);
    assertTrue(ModelRegistry.create("ItemKNN", options(ITEMS)) instanceof ItemKNN);
    assertTrue(ModelRegistry.create("ease", options(ITEMS)) instanceof EASE);
  }

  @Test
  void popularityScoresAreDistinctUsersPerItem() {
    Interactions t = data();
    boolean[][] x = matrix(t);
    MostPopular m = fitted(new MostPopular(options(ITEMS)), t);
    float[] s = scores(m, 4);
    for (int i = 0; i < ITEMS; i++) {
      int users = 0;
      for (int u = 0; u < USERS; u++) if (x[u][i]) users++;
      assertEquals(users, s[i], 0f, "item " + i);
    }
    assertEquals(0f, s[ITEMS - 1], "nobody has the last item");
    assertArrayEquals(s, scores(m, 9), 0f, "not personalized");
    Recommendation r = m.recommend(4, ITEMS, false, null);
    for (int k = 1; k < r.items().length; k++) assertTrue(r.scores()[k - 1] >= r.scores()[k]);
    for (int it : m.recommend(4, ITEMS, true, null).items())
      assertFalse(x[4][it], "seen item " + it + " excluded");
  }

  /** sim(a, b) = co / (sqrt(na) sqrt(nb) + shrink), the slow way. */
  static double[][] slowSimilarities(boolean[][] x, double shrink) {
    double[][] s = new double[ITEMS][ITEMS];
    for (int a = 0; a < ITEMS; a++) {
      for (int b = 0; b < ITEMS; b++) {
        int co = 0, na = 0, nb = 0;
        for (int u = 0; u < USERS; u++) {
          if (x[u][a] && x[u][b]) co++;
          if (x[u][a]) na++;
          if (x[u][b]) nb++;
        }
        s[a][b] = a == b || co == 0 ? 0 : co / (Math.sqrt(na) * Math.sqrt(nb) + shrink);
      }
    }
    return s;
  }

  @Test
  void itemKnnWithoutPruningIsTheSumOfShrunkCosines() {
    Interactions t = data();
    boolean[][] x = matrix(t);
    double[][] sim = slowSimilarities(x, 2.5);
    ItemKNN m = fitted(new ItemKNN(options(ITEMS), new ItemKNN.Config(ITEMS, 2.5)), t);
    for (int u = 0; u < USERS; u++) {
      float[] s = scores(m, u);
      for (int i = 0; i < ITEMS; i++) {
        double want = 0;
        for (int j = 0; j < ITEMS; j++) if (x[u][j]) want += sim[j][i];
        assertEquals(want, s[i], 1e-5, "user " + u + " item " + i);
      }
    }
  }

  @Test
  void itemKnnKeepsEachItemsKLargestSimilarities() {
    Interactions t = data();
    double[][] sim = slowSimilarities(matrix(t), 1);
    int k = 3;
    ItemKNN m = fitted(new ItemKNN(options(ITEMS), new ItemKNN.Config(k, 1)), t);
    Map<String, Tensor> st = m.stateDict();
    float[] nb = st.get("neighbours").data(), sv = st.get("similarities").data();
    for (int a = 0; a < ITEMS; a++) {
      double[] row =
          Arrays.stream(sim[a]).filter(v -> v > 0).map(v -> -v).sorted().map(v -> -v).toArray();
      for (int r = 0; r < k; r++) {
        if (r < row.length) {
          assertEquals(row[r], sv[a * k + r], 1e-6, "item " + a + " rank " + r);
          assertEquals(
              sim[a][(int) nb[a * k + r]],
              sv[a * k + r],
              1e-6,
              "neighbour id matches its similarity");
        } else {
          assertEquals(-1f, nb[a * k + r], "item " + a + " has only " + row.length + " neighbours");
        }
      }
    }
    assertEquals(k, (int) st.get("config.neighbours").data()[0]);
  }

  /**
   * (G + λI)⁻¹ by Gauss–Jordan elimination with partial pivoting, then B = −P/P_jj with a zero
   * diagonal.
   */
  static double[][] slowEase(boolean[][] x, double lambda) {
    int n = ITEMS;
    double[][] a = new double[n][2 * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        for (int u = 0; u < USERS; u++) if (x[u][i] && x[u][j]) a[i][j]++;
      }
      a[i][i] += lambda;
      a[i][n + i] = 1;
    }
    for (int c = 0; c < n; c++) {
      int piv = c;
      for (int r = c + 1; r < n; r++) if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) piv = r;
      double[] tmp = a[c];
      a[c] = a[piv];
      a[piv] = tmp;
      double d = a[c][c];
      for (int j = 0; j < 2 * n; j++) a[c][j] /= d;
      for (int r = 0; r < n; r++) {
        if (r == c) continue;
        double f = a[r][c];
        for (int j = 0; j < 2 * n; j++) a[r][j] -= f * a[c][j];
      }
    }
    double[][] b = new double[n][n];
    for (int i = 0; i < n; i++)
      for (int j = 0; j < n; j++) b[i][j] = i == j ? 0 : -a[i][n + j] / a[j][n + j];
    return b;
  }

  @Test
  void easeMatchesADoublePrecisionReferenceSolveWithAZeroDiagonal() {
    Interactions t = data();
    boolean[][] x = matrix(t);
    for (double lambda : new double[] {0.5, 3, 500}) {
      double[][] want = slowEase(x, lambda);
      EASE m = fitted(new EASE(options(ITEMS), new EASE.Config(lambda)), t);
      float[] w = m.stateDict().get("weights").data();
      for (int i = 0; i < ITEMS; i++) {
        assertEquals(0f, w[i * ITEMS + i], 0f, "diag(B) = 0");
        for (int j = 0; j < ITEMS; j++)
          assertEquals(
              want[i][j],
              w[i * ITEMS + j],
              1e-6 * Math.max(1, Math.abs(want[i][j])),
              "B[" + i + "][" + j + "] lambda " + lambda);
      }
      for (int u = 0; u < USERS; u++) {
        float[] s = scores(m, u);
        for (int j = 0; j < ITEMS; j++) {
          double xb = 0;
          for (int i = 0; i < ITEMS; i++) if (x[u][i]) xb += want[i][j];
          assertEquals(xb, s[j], 1e-5, "score = X_u B");
        }
      }
    }
  }

  @Test
  void itemRangesEqualTheWholeCatalog() {
    Interactions t = data();
    for (Recommender m :
        List.of(fitted(new EASE(options(ITEMS)), t), fitted(new MostPopular(options(ITEMS)), t))) {
      int[] users = {0, 7, 14};
      float[] all = new float[users.length * ITEMS], part = new float[users.length * 3];
      m.scoreAll(users, all);
      assertTrue(m.scoreItemRange(users, 2, 5, part));
      for (int u = 0; u < users.length; u++)
        for (int j = 0; j < 3; j++)
          assertEquals(all[u * ITEMS + 2 + j], part[u * 3 + j], 0f, m.name());
    }
  }

  @Test
  void easeRefusesCatalogsAboveItsLimitNamingIt() {
    EASE m = new EASE(options(EASE.MAX_ITEMS + 1));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> m.fit(data(), null, TrainerConfig.implicitDefaults()));
    assertTrue(
        e.getMessage().contains("EASE.MAX_ITEMS = 20000") && e.getMessage().contains("O(items^3)"),
        e.getMessage());
  }

  @Test
  void configsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> new EASE.Config(0));
    assertThrows(IllegalArgumentException.class, () -> new EASE.Config(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> new ItemKNN.Config(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new ItemKNN.Config(5, -1));
    assertEquals(500, EASE.Config.DEFAULTS.lambda());
  }

  @Test
  void nonDefaultConfigsSurviveTheStateAndTheArtifact(@TempDir Path tmp) {
    Interactions t = data();
    List<BaselineRecommender> models =
        List.of(
            fitted(new ItemKNN(options(ITEMS), new ItemKNN.Config(2, 7)), t),
            fitted(new EASE(options(ITEMS), new EASE.Config(3)), t),
            fitted(new MostPopular(options(ITEMS)), t));
    for (BaselineRecommender m : models) {
      Recommender fresh = ModelRegistry.create(m.name(), options(ITEMS)); // default config
      fresh.loadStateDict(m.stateDict());
      Path dir = tmp.resolve(m.name());
      ModelArtifact.save(dir, m, t, Map.of(), Map.of(), Map.of());
      Recommender loaded = ModelArtifact.load(dir).model();
      for (int u = 0; u < USERS; u++) {
        assertArrayEquals(scores(m, u), scores(fresh, u), 0f, m.name() + " state, user " + u);
        assertArrayEquals(scores(m, u), scores(loaded, u), 0f, m.name() + " artifact, user " + u);
        assertArrayEquals(
            m.recommend(u, 5, true, null).items(),
            loaded.recommend(u, 5, true, null).items(),
            m.name() + " seen exclusion after load");
      }
    }
    assertEquals(
        new ItemKNN.Config(2, 7),
        ((ItemKNN) ModelArtifact.load(tmp.resolve("itemknn")).model()).config());
    assertEquals(
        new EASE.Config(3), ((EASE) ModelArtifact.load(tmp.resolve("ease")).model()).config());
  }

  @Test
  void registryModelsTakeTheirSettings() {
    org.rec4j.model.ModelInputs in = org.rec4j.model.ModelInputs.ids(20, ITEMS, false, 1);
    assertEquals(
        new EASE.Config(250),
        ((EASE) ModelRegistry.create("ease", in, java.util.Map.of("lambda", "250"), "--set"))
            .config());
    assertEquals(
        new ItemKNN.Config(7, 0),
        ((ItemKNN)
                ModelRegistry.create(
                    "itemknn", in, java.util.Map.of("neighbours", 7, "shrink", 0), "--set"))
            .config());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelRegistry.create("ease", in, java.util.Map.of("lambda", "lots"), "--set"));
    assertEquals("--set: lambda: expected a number > 0, got 'lots'", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelRegistry.create(
                    "itemknn", in, java.util.Map.of("neighbours", "2.5"), "--set"));
    assertEquals("--set: neighbours: expected an integer >= 1, got '2.5'", e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ModelRegistry.create("ease", in, java.util.Map.of("lamda", 3), "--set"));
    assertEquals(
        "--set: ease has no setting 'lamda'; did you mean 'lambda'? (its settings: lambda)",
        e.getMessage());
    assertEquals(
        EASE.Config.DEFAULTS,
        ((EASE) ModelRegistry.create("ease", in, java.util.Map.of(), "--set")).config());
    assertEquals(
        java.util.Map.of("lambda", 250.0),
        ((EASE) ModelRegistry.create("ease", in, java.util.Map.of("lambda", 250), "--set"))
            .spec()
            .settings()
            .asMap(),
        "the spec records the settings the model was built with");
  }

  @Test
  void pairsEqualSingleScores() {
    Interactions t = data();
    for (Recommender m :
        List.of(
            fitted(new ItemKNN(options(ITEMS)), t),
            fitted(new EASE(options(ITEMS)), t),
            fitted(new MostPopular(options(ITEMS)), t))) {
      int[] users = {3, 3, 3, 9, 9, 3}, items = {0, 5, 7, 1, 2, 4};
      float[] out = new float[users.length];
      m.scorePairs(users, items, out);
      for (int p = 0; p < users.length; p++)
        assertEquals(scores(m, users[p])[items[p]], out[p], 0f, m.name() + " pair " + p);
    }
  }

  @Test
  void unfittedModelsSaySo() {
    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> scores(new EASE(options(ITEMS)), 0));
    assertTrue(e.getMessage().contains("not fitted"), e.getMessage());
  }
}
