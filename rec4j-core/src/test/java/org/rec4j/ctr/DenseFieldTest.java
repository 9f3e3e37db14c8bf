package org.rec4j.ctr;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rec4j.data.FeatureSchema;
import org.rec4j.data.FeatureSpec;
import org.rec4j.data.FeatureTable;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Trainer;

/**
 * Dense vector fields: encoding and validation, the batch layout, the projection and its gradient,
 * and learning.
 */
class DenseFieldTest {
  private static final long SEED = 20261130L;

  @Test
  void denseValuesValidateWithFieldAndRow() {
    FieldValues v = FieldValues.dense("vec", 2, new float[][] {{1, 2}, null, {5, 6}});
    assertArrayEquals(new float[] {1, 2, 0, 0, 5, 6}, v.dense());
    assertArrayEquals(new int[] {0, 0, 0}, v.ids());
    assertArrayEquals(new float[] {1, 1, 1}, v.values());
    assertEquals(2, v.field().dim());
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FieldValues.dense("vec", 2, new float[][] {{1, 2}, {3}}));
    assertTrue(
        e.getMessage().contains("vec")
            && e.getMessage().contains("row 1")
            && e.getMessage().contains("expected 2"),
        e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FieldValues.dense("vec", 3, new float[] {1, 2, 3, 4}));
    assertTrue(e.getMessage().contains("vec") && e.getMessage().contains("row 1"), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> FieldValues.dense("vec", 2, new float[] {1, Float.NaN}));
    assertTrue(e.getMessage().contains("row 0"), e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Field.dense("vec", 0));
    assertThrows(
        IllegalArgumentException.class, () -> new Field("x", Field.Kind.CATEGORICAL, 3, null, 2));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new FieldValues(
                Field.dense("vec", 2),
                new int[] {0, 1},
                new int[1],
                new float[] {1},
                new float[3]));
    FieldDataset d =
        FieldDataset.join(
            List.of(FieldValues.ids("u", 3), v),
            List.of(new int[] {0, 1, 2}, new int[] {0, 1, 2}),
            new float[] {1, 0, 1},
            new int[3]);
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                new WideDeep(
                    d.schema(),
                    new WideDeep.Config(4, new int[] {4}, 0f, List.of(List.of("u", "vec")), 16),
                    new Rng(1)));
    assertTrue(e.getMessage().contains("vec"), e.getMessage());
  }

  @Test
  void denseFeatureColumnsBecomeDenseFields() {
    FeatureSchema schema =
        FeatureSchema.of(FeatureSpec.categorical("zip"), FeatureSpec.dense("vec", 2));
    FeatureTable t =
        FeatureTable.builder(schema, 2).set(0, "zip", "1").set(0, "vec", "0.5,-1").build();
    List<FieldValues> fields =
        FeatureFields.of(
            t,
            "item_",
            new FieldOptions(Set.of(), Map.of(), Map.of(), Map.of(), Field.Pooling.MEAN));
    FieldValues v = fields.get(1);
    assertEquals(Field.dense("item_vec", 2), v.field());
    assertArrayEquals(new float[] {0.5f, -1f, 0f, 0f}, v.dense());
  }

  @Test
  void batchCarriesDenseBlockBesideTheIds() {
    FieldValues user = FieldValues.ids("user", 2);
    FieldValues itemVec =
        FieldValues.dense("item_vec", 3, new float[][] {{1, 2, 3}, {4, 5, 6}, {7, 8, 9}});
    FieldValues x = FieldValues.numeric("x", new double[] {1, 3, 5});
    FieldValues userVec = FieldValues.dense("user_vec", 2, new float[][] {{-1, -2}, {-3, -4}});
    int[] users = {1, 0, 1}, items = {2, 0, 1}, ex = {0, 1, 2};
    FieldDataset d =
        FieldDataset.join(
            List.of(user, itemVec, x, userVec),
            List.of(users, items, ex, users),
            new float[] {1, 0, 1},
            users);
    FieldSchema s = d.schema();
    assertEquals(5, s.denseWidth());
    assertEquals(0, s.denseOffset(1));
    assertEquals(3, s.denseOffset(3));
    assertEquals(2 + 1 + 1 + 1, s.totalIds());
    assertArrayEquals(new float[] {7, 8, 9, -3, -4, 1, 2, 3, -1, -2, 4, 5, 6, -3, -4}, d.dense());
    FieldBatch b = new FieldBatch(s, 2);
    assertEquals(10, b.dense().length);
    d.fill(b, new int[] {2, 0}, 0);
    assertArrayEquals(new float[] {4, 5, 6, -3, -4, 7, 8, 9, -3, -4}, b.dense());
    assertEquals(8, b.nnz());
    // user, item_vec (its single id, value 1), x, user_vec per example
    assertArrayEquals(new int[] {1, 2, 3, 4, 1, 2, 3, 4}, Arrays.copyOf(b.ids(), b.nnz()));
    float z = (float) Math.sqrt(1.5); // the z-score of 5 and of 1 among {1, 3, 5}
    assertArrayEquals(
        new float[] {1, 1, z, 1, 1, 1, -z, 1}, Arrays.copyOf(b.values(), b.nnz()), 1e-5f);
    assertArrayEquals(new int[] {0, 1, 2, 3, 4, 5, 6, 7, 8}, b.offsets());
    FieldDataset sub = d.subset(new int[] {1});
    assertArrayEquals(new float[] {1, 2, 3, -1, -2}, sub.dense());
    List<FieldDataset> parts = d.randomSplit(3, 0.5, 0.5);
    assertEquals(5 * parts.get(0).size(), parts.get(0).dense().length);
  }

  /** Two fields: a categorical one and a dense one of dimension 3. */
  private static FieldDataset tiny() {
    FieldValues c = FieldValues.categorical("c", new int[] {0, 1, 2, 1}, 3);
    FieldValues v =
        FieldValues.dense(
            "vec",
            3,
            new float[] {0.5f, -1f, 2f, 1f, 0f, -0.5f, -2f, 1.5f, 0.25f, 0.1f, 0.2f, 0.3f});
    int[] id = {0, 1, 2, 3};
    return FieldDataset.join(List.of(c, v), List.of(id, id), new float[] {1, 0, 1, 0}, new int[4]);
  }

  private static Parameter param(CtrNetwork m, String name) {
    Map<String, Parameter> p = m.namedParameters();
    return p.entrySet().stream()
        .filter(en -> en.getKey().endsWith(name))
        .findFirst()
        .orElseThrow(() -> new AssertionError(name + " not in " + p.keySet()))
        .getValue();
  }

  @Test
  void projectionIsXTimesWPlusTheFieldRowAndItsGradientMatchesFiniteDifferences() {
    FieldDataset d = tiny();
    FM m = (FM) CtrTestModels.create("fm", d.schema(), new Rng(SEED));
    Parameter e = param(m, "embedding"),
        w = param(m, "embedding_dense_vec"),
        lw = param(m, "linear_dense_vec");
    int k = e.value().dim(1);
    assertArrayEquals(new int[] {3, k}, w.value().dims());
    assertArrayEquals(new int[] {3, 1}, lw.value().dims());
    FieldBatch b = new FieldBatch(d.schema(), 4);
    d.fill(b, null, 0);
    float[] out;
    try (var ng = Autograd.noGrad()) {
      out = m.embed(e, b).data();
    }
    float[] x = b.dense(), wd = w.value().data(), ed = e.value().data();
    int row = d.schema().offset(1);
    for (int i = 0; i < 4; i++) {
      for (int j = 0; j < k; j++) {
        double want = ed[row * k + j];
        for (int a = 0; a < 3; a++) want += x[i * 3 + a] * wd[a * k + j];
        assertEquals(want, out[(i * 2 + 1) * k + j], 1e-5, "example " + i + " dim " + j);
        assertEquals(
            ed[(b.ids()[i * 2]) * k + j],
            out[(i * 2) * k + j],
            1e-6,
            "categorical field unchanged");
      }
    }
    // random linear objective of the embeddings and the linear term; autograd vs central
    // differences
    Rng rng = new Rng(7);
    float[] r = new float[4 * 2 * k], q = new float[4];
    for (int i = 0; i < r.length; i++) r[i] = (float) rng.nextGaussian();
    for (int i = 0; i < q.length; i++) q[i] = (float) rng.nextGaussian();
    float[] lwd = lw.value().data();
    for (int i = 0; i < lwd.length; i++) lwd[i] = (float) rng.nextGaussian();
    java.util.function.DoubleSupplier objective =
        () -> {
          try (var ng = Autograd.noGrad()) {
            float[] y = m.embed(e, b).data(),
                l =
                    m.linear(new Parameter[] {param(m, "linear"), param(m, "linear_bias")}, b)
                        .data();
            double s = 0;
            for (int i = 0; i < y.length; i++) s += (double) r[i] * y[i];
            for (int i = 0; i < l.length; i++) s += (double) q[i] * l[i];
            return s;
          }
        };
    m.zeroGrad();
    Tensor obj =
        MathOps.add(
            ReduceOps.sum(MathOps.mul(m.embed(e, b), Tensor.of(r, 4, 2, k))),
            ReduceOps.sum(
                MathOps.mul(
                    m.linear(new Parameter[] {param(m, "linear"), param(m, "linear_bias")}, b),
                    Tensor.of(q, 4, 1))));
    obj.backward();
    for (Parameter p : List.of(w, lw)) {
      float[] g = p.value().grad(), v = p.value().data();
      for (int i = 0; i < v.length; i++) {
        float orig = v[i];
        v[i] = orig + 1e-2f;
        double fp = objective.getAsDouble();
        v[i] = orig - 1e-2f;
        double fm = objective.getAsDouble();
        v[i] = orig;
        double numeric = (fp - fm) / 2e-2;
        assertEquals(
            numeric, g[i], 1e-3 * Math.max(1, Math.abs(numeric)), p.name() + " element " + i);
      }
    }
  }

  /**
   * Label = whether a fixed random direction dotted with the example's dense vector is positive,
   * plus a noise field.
   */
  private static FieldDataset directionTask(int n, long seed, boolean dropDense) {
    int dim = 8;
    Rng dir = new Rng(SEED);
    float[] u = new float[dim];
    for (int a = 0; a < dim; a++) u[a] = (float) dir.nextGaussian();
    Rng rng = new Rng(seed);
    float[] block = new float[n * dim], labels = new float[n];
    int[] noise = new int[n], id = new int[n];
    for (int e = 0; e < n; e++) {
      double dot = 0;
      for (int a = 0; a < dim; a++) {
        block[e * dim + a] = (float) rng.nextGaussian();
        dot += u[a] * block[e * dim + a];
      }
      labels[e] = dot > 0 ? 1f : 0f;
      noise[e] = rng.nextInt(10);
      id[e] = e;
    }
    FieldValues c = FieldValues.categorical("noise", noise, 10);
    int[] groups = new int[n];
    for (int e = 0; e < n; e++) groups[e] = e % 20;
    float[] second = labels.clone();
    if (dropDense) return FieldDataset.join(List.of(c), List.of(id), labels, groups, second);
    return FieldDataset.join(
        List.of(c, FieldValues.dense("vec", dim, block)), List.of(id, id), labels, groups, second);
  }

  private static double fitAuc(String model, boolean dropDense) {
    FieldDataset train = directionTask(2000, SEED + 1, dropDense),
        test = directionTask(800, SEED + 2, dropDense);
    CtrModel m = CtrTestModels.create(model, train.schema(), new Rng(SEED));
    new Trainer(CtrModelContractTest.trainer(6)).fit(new CtrSource(m, train), null);
    return new CtrEvaluator(256).evaluate(m, test).get("auc");
  }

  @Test
  void deepFmAndLrLearnALabelCarriedOnlyByTheDenseField() {
    double lr = fitAuc("lr", false),
        deepfm = fitAuc("deepfm", false),
        dropped = fitAuc("deepfm", true);
    System.out.printf(
        "dense direction task AUC: lr %.4f, deepfm %.4f, deepfm without the dense field %.4f%n",
        lr, deepfm, dropped);
    assertTrue(lr > 0.9, "LR AUC " + lr);
    assertTrue(deepfm > 0.9, "DeepFM AUC " + deepfm);
    assertTrue(Math.abs(dropped - 0.5) < 0.1, "DeepFM without the dense field AUC " + dropped);
  }

  @Test
  void everyModelTrainsAndScoresWithADenseField() {
    FieldDataset train = directionTask(300, SEED + 3, false);
    for (String name : CtrTestModels.names()) {
      CtrModel m =
          CtrTestModels.create(name, train.schema(), CtrTestModels.small(false), new Rng(SEED));
      new Trainer(CtrModelContractTest.trainer(1)).fit(new CtrSource(m, train), null);
      double auc = new CtrEvaluator(128).evaluate(m, train).get("auc");
      assertTrue(Double.isFinite(auc) && auc > 0.6, name + " AUC " + auc);
      assertTrue(
          ((CtrNetwork) m)
              .namedParameters().keySet().stream().anyMatch(p -> p.contains("_dense_vec")),
          name + " has no dense weights");
    }
  }
}
