package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/** Mode-dependent and stateful behaviour of dropout, batch norm, embeddings and MLPs. */
class LayerBehaviourTest {

  @Test
  void dropoutIsIdentityInEvalAndInvertedInTraining() {
    Dropout drop = new Dropout(0.4f, new Rng(1));
    Tensor x = Tensor.full(2f, 100, 100);
    Tensor y = drop.forward(x);
    int zeros = 0;
    for (float v : y.data()) {
      if (v == 0f) zeros++;
      else assertEquals(2f / 0.6f, v, 1e-5f);
    }
    assertEquals(0.4, zeros / 10000.0, 0.02);
    drop.train(false);
    assertSame(x, drop.forward(x));
    assertSame(x, new Dropout(0f, null).forward(x));
    assertThrows(IllegalArgumentException.class, () -> new Dropout(1f, new Rng(1)));
  }

  @Test
  void batchNormRunningStatsConvergeAndServeEval() {
    float[] mean = {3f, -1f, 0.5f};
    float[] std = {2f, 0.5f, 1f};
    BatchNorm bn = new BatchNorm(3);
    Rng rng = new Rng(2);
    for (int step = 0; step < 300; step++) bn.forward(batch(rng, 64, mean, std));
    for (int j = 0; j < 3; j++) {
      assertEquals(mean[j], bn.runningMean().data()[j], 0.1 * std[j], "running mean " + j);
      assertEquals(
          std[j] * std[j], bn.runningVar().data()[j], 0.1 * std[j] * std[j], "running var " + j);
    }
    bn.train(false);
    float[] before = bn.runningMean().toArray();
    Tensor x = Tensor.of(new float[] {mean[0] + std[0], mean[1], mean[2] - 2 * std[2]}, 1, 3);
    Tensor y = bn.forward(x);
    assertArrayEquals(new float[] {1f, 0f, -2f}, y.data(), 0.1f);
    assertArrayEquals(
        before, bn.runningMean().data(), 0f, "eval must not update the running statistics");
  }

  private static Tensor batch(Rng rng, int n, float[] mean, float[] std) {
    Tensor t = Tensor.zeros(n, mean.length);
    for (int r = 0; r < n; r++) {
      for (int j = 0; j < mean.length; j++)
        t.set((float) (mean[j] + std[j] * rng.nextGaussian()), r, j);
    }
    return t;
  }

  @Test
  void embeddingMaxNormCapsLookedUpRows() {
    var cfg = Embedding.Config.of(6, 4).withInit(Initializer.normal(2f)).withMaxNorm(1f);
    Embedding e = new Embedding(cfg, new Rng(3));
    float[] w = e.weight().value().data();
    w[20] = 0.1f; // row 5 has small norm and must stay as it is
    for (int j = 21; j < 24; j++) w[j] = 0.2f;
    float[] untouched = e.weight().value().toArray();
    Tensor y = e.forward(new int[] {0, 2, 2, 5});
    for (int row : new int[] {0, 2})
      assertEquals(1.0, norm(w, row, 4), 1e-5, "row " + row + " norm");
    assertArrayEquals(
        java.util.Arrays.copyOfRange(untouched, 20, 24), java.util.Arrays.copyOfRange(w, 20, 24));
    assertArrayEquals(
        java.util.Arrays.copyOfRange(untouched, 4, 8),
        java.util.Arrays.copyOfRange(w, 4, 8),
        "row 1 not looked up");
    assertTrue(norm(w, 1, 4) > 1.0, "row 1 keeps its large norm");
    assertArrayEquals(
        java.util.Arrays.copyOfRange(w, 8, 12),
        java.util.Arrays.copyOfRange(y.data(), 4, 8),
        "lookup sees the renormalized row");
    assertThrows(IllegalArgumentException.class, () -> Embedding.Config.of(6, 4).withMaxNorm(-1f));
  }

  private static double norm(float[] w, int row, int d) {
    double s = 0;
    for (int j = 0; j < d; j++) s += (double) w[row * d + j] * w[row * d + j];
    return Math.sqrt(s);
  }

  @Test
  void embeddingDefaultsAndShapes() {
    Embedding e = new Embedding(1000, 16, new Rng(4));
    assertTrue(e.weight().sparse());
    double sq = 0;
    for (float v : e.weight().value().data()) sq += v * v;
    assertEquals(0.01, Math.sqrt(sq / 16000), 0.0005);
    assertArrayEquals(new int[] {2, 3, 16}, e.forward(new int[] {1, 2, 3, 4, 5, 6}, 2, 3).dims());
    assertThrows(IndexOutOfBoundsException.class, () -> e.forward(new int[] {1000}));
  }

  @Test
  void mlpStructureAndEvalDeterminism() {
    MLP mlp =
        MLP.builder(6, 8, 4, 1)
            .activation(Activation.RELU)
            .dropout(0.5f)
            .batchNorm(true)
            .build(new Rng(5));
    // hidden linears have no bias under batch norm: 6·8 + 8·4 weights, 2·(8 + 4) BN, 4·1 + 1 last
    assertEquals(6 * 8 + 8 * 4 + 2 * (8 + 4) + 4 + 1, mlp.parameterCount());
    assertEquals(3, mlp.layers().size());
    assertEquals(6, mlp.inputDim());
    assertEquals(1, mlp.outputDim());
    Tensor x = Tensor.randn(new Rng(6), 1f, 5, 6);
    assertArrayEquals(new int[] {5, 1}, mlp.forward(x).dims());
    mlp.train(false);
    assertArrayEquals(mlp.forward(x).data(), mlp.forward(x).data());
    assertThrows(IllegalArgumentException.class, () -> MLP.builder(6).build(new Rng(1)));
    assertThrows(IllegalArgumentException.class, () -> MLP.builder(6, 0, 1).build(new Rng(1)));
    assertThrows(IllegalArgumentException.class, () -> mlp.forward(Tensor.zeros(2, 5)));
  }

  @Test
  void mlpWeightsDoNotDependOnDropoutAndConfigsCompareByValue() {
    MLP a = MLP.builder(5, 4, 3, 1).build(new Rng(9));
    MLP b = MLP.builder(java.util.List.of(5, 4, 3, 1)).dropout(0.3f).build(new Rng(9));
    for (int i = 0; i < 3; i++) {
      assertArrayEquals(
          a.layers().get(i).weight().value().data(),
          b.layers().get(i).weight().value().data(),
          "layer " + i);
    }
    assertEquals(MLP.builder(5, 4, 1).config(), MLP.builder(java.util.List.of(5, 4, 1)).config());
    assertEquals(
        MLP.builder(5, 4, 1).config().hashCode(), MLP.builder(5, 4, 1).config().hashCode());
    assertTrue(MLP.builder(5, 4, 1).config().toString().contains("[5, 4, 1]"));
  }

  @Test
  void linearFusedAndUnfusedActivationsAgree() {
    Tensor x = Tensor.randn(new Rng(7), 1f, 4, 3);
    Linear plain = new Linear(3, 5, new Rng(8));
    for (Activation a : Activation.values()) {
      Linear act = new Linear(Linear.Config.of(3, 5).withActivation(a), new Rng(8));
      assertArrayEquals(a.apply(plain.forward(x)).data(), act.forward(x).data(), 1e-6f, a.name());
    }
  }
}
