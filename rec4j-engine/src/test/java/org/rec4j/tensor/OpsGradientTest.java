package org.rec4j.tensor;

import static org.rec4j.tensor.GradCheck.param;
import static org.rec4j.tensor.GradCheck.positive;

import org.junit.jupiter.api.Test;

/** Finite-difference checks of every op's backward rule, with broadcasting and size-1 axes. */
class OpsGradientTest {
  private final GradCheck gc = GradCheck.standard();
  private final Rng rng = new Rng(20261128);

  @Test
  void binaryOpsWithBroadcasting() {
    int[][][] shapes = {{{3, 4}, {3, 4}}, {{3, 4}, {4}}, {{2, 3, 4}, {3, 1}}, {{1, 4}, {3, 1}}, {{5}, {}}, {{2, 1, 3}, {1, 4, 1}}};
    for (int[][] s : shapes) {
      Tensor a = param(rng, 2f, 0.5f, s[0]);
      Tensor b = param(rng, 2f, 0.5f, s[1]);
      gc.check("add " + java.util.Arrays.deepToString(s), in -> MathOps.add(in[0], in[1]), a, b);
      gc.check("sub", in -> MathOps.sub(in[0], in[1]), a, b);
      gc.check("mul", in -> MathOps.mul(in[0], in[1]), a, b);
      gc.check("div", in -> MathOps.div(in[0], in[1]), a, b);
    }
  }

  @Test
  void scalarOps() {
    Tensor a = param(rng, 2f, 0.2f, 3, 5);
    gc.check("addScalar", in -> MathOps.addScalar(in[0], 1.5f), a);
    gc.check("mulScalar", in -> MathOps.mulScalar(in[0], -0.7f), a);
    gc.check("neg", in -> MathOps.neg(in[0]), a);
    gc.check("rsubScalar", in -> MathOps.rsubScalar(2f, in[0]), a);
    Tensor p = positive(rng, 0.5f, 2f, 4, 3);
    gc.check("pow 2.5", in -> MathOps.pow(in[0], 2.5f), p);
    gc.check("pow -1", in -> MathOps.pow(in[0], -1f), p);
    gc.check("square", in -> MathOps.square(in[0]), a);
  }

  @Test
  void elementwiseMath() {
    Tensor a = param(rng, 2f, 0.2f, 2, 3, 4);
    Tensor p = positive(rng, 0.5f, 3f, 2, 3, 4);
    gc.check("exp", in -> MathOps.exp(in[0]), a);
    gc.check("log", in -> MathOps.log(in[0]), p);
    gc.check("sqrt", in -> MathOps.sqrt(in[0]), p);
    gc.check("abs", in -> MathOps.abs(in[0]), a);
    Tensor c = param(rng, 2f, 0.2f, 20);
    for (int i = 0; i < c.size(); i++) {
      float v = c.data()[i];
      if (Math.abs(Math.abs(v) - 1f) < 0.05f) c.data()[i] = v * 1.2f;
    }
    gc.check("clamp", in -> MathOps.clamp(in[0], -1f, 1f), c);
  }

  @Test
  void activations() {
    Tensor a = param(rng, 3f, 0.1f, 4, 6);
    gc.check("relu", in -> Activations.relu(in[0]), a);
    gc.check("leakyRelu", in -> Activations.leakyRelu(in[0], 0.1f), a);
    gc.check("elu", in -> Activations.elu(in[0], 1.0f), a);
    gc.check("gelu", in -> Activations.gelu(in[0]), a);
    gc.check("sigmoid", in -> Activations.sigmoid(in[0]), a);
    gc.check("tanh", in -> Activations.tanh(in[0]), a);
    gc.check("softplus", in -> Activations.softplus(in[0]), a);
  }

  @Test
  void reductions() {
    Tensor a = param(rng, 2f, 0.1f, 3, 4, 5);
    gc.check("sum", in -> ReduceOps.sum(in[0]), a);
    gc.check("mean", in -> ReduceOps.mean(in[0]), a);
    for (int axis = -3; axis < 3; axis++) {
      final int ax = axis;
      gc.check("sum axis " + ax, in -> ReduceOps.sum(in[0], ax, false), a);
      gc.check("mean axis keep " + ax, in -> ReduceOps.mean(in[0], ax, true), a);
      gc.check("softmax axis " + ax, in -> ReduceOps.softmax(in[0], ax), a);
      gc.check("logSoftmax axis " + ax, in -> ReduceOps.logSoftmax(in[0], ax), a);
    }
    Tensor d = Tensor.zeros(4, 6);
    for (int i = 0; i < d.size(); i++) d.data()[i] = (i * 7 % 24) * 0.3f - 3f; // distinct values, gaps 0.3
    d.requiresGrad(true);
    gc.check("max axis 1", in -> ReduceOps.max(in[0], 1, false), d);
    gc.check("max axis 0 keep", in -> ReduceOps.max(in[0], 0, true), d);
    Tensor one = param(rng, 2f, 0.1f, 1, 5);
    gc.check("softmax size-1 axis", in -> ReduceOps.softmax(in[0], 0), one);
  }

  @Test
  void shapeOps() {
    Tensor a = param(rng, 2f, 0.1f, 2, 3, 4);
    Tensor b = param(rng, 2f, 0.1f, 2, 2, 4);
    gc.check("reshape", in -> MathOps.mul(ShapeOps.reshape(in[0], 6, -1), ShapeOps.reshape(in[0], 6, 4)), a);
    gc.check("transpose", in -> ShapeOps.transpose(in[0], 0, 2), a);
    gc.check("permute", in -> ShapeOps.permute(in[0], 1, 2, 0), a);
    gc.check("concat", in -> ShapeOps.concat(1, in[0], in[1]), a, b);
    gc.check("slice", in -> ShapeOps.slice(in[0], 2, 1, 3), a);
    gc.check("split", in -> ShapeOps.split(in[0], 1, 1, 2).get(1), a);
    Tensor c = param(rng, 2f, 0.1f, 2, 3, 4);
    gc.check("stack", in -> ShapeOps.stack(1, in[0], in[1]), a, c);
    gc.check("flatten", in -> ShapeOps.flatten(in[0], 1), a);
  }

  @Test
  void indexOps() {
    Tensor t = param(rng, 2f, 0.1f, 5, 3);
    int[] ids = {4, 0, 4, 2};
    gc.check("embedding dense", in -> IndexOps.embedding(in[0], ids, 2, 2), t);
    gc.check("indexSelect axis 1", in -> IndexOps.indexSelect(in[0], 1, new int[] {2, 2, 0}), t);
    gc.check("gather", in -> IndexOps.gather(in[0], 1, new int[] {2, 0, 1, 1, 0}, 1), t);
    gc.check("scatterAdd", in -> IndexOps.scatterAdd(in[0], new int[] {1, 1, 0, 3, 2}, 4), t);
    Tensor mask = Tensor.of(new float[] {1, 0, 0, 0, 1, 0}, 2, 3);
    Tensor x = param(rng, 2f, 0.1f, 4, 2, 3);
    gc.check("maskedFill", in -> IndexOps.maskedFill(in[0], mask, -5f), x);
  }

  @Test
  void matmulAllTransposes() {
    for (int ta = 0; ta < 2; ta++) {
      for (int tb = 0; tb < 2; tb++) {
        boolean tA = ta == 1, tB = tb == 1;
        Tensor a = param(rng, 1f, 0f, tA ? 4 : 3, tA ? 3 : 4);
        Tensor b = param(rng, 1f, 0f, tB ? 5 : 4, tB ? 4 : 5);
        gc.check("matmul " + tA + "," + tB, in -> LinAlg.matmul(in[0], in[1], tA, tB), a, b);
        Tensor ba = param(rng, 1f, 0f, 2, tA ? 4 : 3, tA ? 3 : 4);
        Tensor bb = param(rng, 1f, 0f, 2, tB ? 5 : 4, tB ? 4 : 5);
        gc.check("bmm " + tA + "," + tB, in -> LinAlg.bmm(in[0], in[1], tA, tB), ba, bb);
      }
    }
    Tensor a3 = param(rng, 1f, 0f, 2, 3, 4);
    Tensor w = param(rng, 1f, 0f, 4, 2);
    gc.check("matmul rank-3 lhs", in -> LinAlg.matmul(in[0], in[1]), a3, w);
    Tensor v = param(rng, 1f, 0f, 1, 1);
    gc.check("matmul 1x1", in -> LinAlg.matmul(in[0], in[1]), v, param(rng, 1f, 0f, 1, 3));
  }

  @Test
  void sparseDenseProduct() {
    CsrMatrix s = CsrMatrix.fromCoo(3, 4, new int[] {0, 0, 1, 2, 2}, new int[] {1, 3, 0, 2, 3}, new float[] {0.5f, -1f, 2f, 0.3f, 0.7f});
    Tensor x = param(rng, 1f, 0f, 4, 2);
    gc.check("spmm", in -> LinAlg.spmm(s, in[0]), x);
  }

  @Test
  void linearFusedEveryActivation() {
    for (Activations.Kind k : Activations.Kind.values()) {
      Tensor x = param(rng, 1f, 0.05f, 5, 3);
      Tensor w = param(rng, 1f, 0.05f, 3, 4);
      Tensor b = param(rng, 1f, 0.05f, 4);
      gc.check("linear " + k, in -> LinAlg.linear(in[0], in[1], in[2], k), x, w, b);
      gc.check("linear no bias " + k, in -> LinAlg.linear(in[0], in[1], null, k), x, w);
    }
  }

  @Test
  void cosineAndAttention() {
    Tensor a = param(rng, 1f, 0.1f, 3, 5);
    Tensor b = param(rng, 1f, 0.1f, 3, 5);
    gc.check("cosine", in -> LinAlg.cosineSimilarity(in[0], in[1], 1e-8f), a, b);
    Tensor q = param(rng, 1f, 0f, 2, 3, 4);
    Tensor k = param(rng, 1f, 0f, 2, 5, 4);
    Tensor v = param(rng, 1f, 0f, 2, 5, 2);
    Tensor mask = Tensor.zeros(3, 5);
    mask.set(1f, 0, 4);
    mask.set(1f, 2, 0);
    gc.check("attention", in -> NnOps.attention(in[0], in[1], in[2], mask, 0f, false, null), q, k, v);
  }

  @Test
  void normalizationAndDropout() {
    Tensor x = param(rng, 2f, 0.1f, 4, 6);
    Tensor g = param(rng, 1.5f, 0.5f, 6);
    Tensor b = param(rng, 1f, 0.1f, 6);
    gc.check("layerNorm", in -> NnOps.layerNorm(in[0], in[1], in[2], 1e-5f), x, g, b);
    Tensor rm = Tensor.zeros(6), rv = Tensor.ones(6);
    gc.check("batchNorm train", in -> NnOps.batchNorm(in[0], in[1], in[2], rm, rv, 0.1f, 1e-5f, true), x, g, b);
    gc.check("batchNorm eval", in -> NnOps.batchNorm(in[0], in[1], in[2], rm, rv, 0.1f, 1e-5f, false), x, g, b);
    // dropout with a fixed mask: reseed the stream on every call so forward passes agree
    gc.check("dropout", in -> NnOps.dropout(in[0], 0.3f, true, new Rng(7)), x);
  }
}
