package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rec4j.tensor.GradCheck;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Gradient checks of every layer with respect to its input and all of its parameters (dropout 0,
 * batch norm in training and evaluation mode), at 1e-3 against the layer's recorded graph
 * re-evaluated in double (see {@link GradCheck#checkComposed}).
 */
class LayerGradientTest {
  private final Rng rng = new Rng(20261128);

  /** Checks {@code f} with respect to {@code x} (if non-null) and every parameter of {@code m}. */
  private static void check(String what, Module m, Tensor x, Function<Tensor, Tensor> f) {
    int k = x == null ? 0 : 1;
    Tensor[] inputs = new Tensor[k + m.parameters().size()];
    if (x != null) inputs[0] = x;
    for (Parameter p : m.parameters()) inputs[k++] = p.value();
    GradCheck.checkComposed(what, in -> f.apply(x), inputs);
  }

  private Tensor input(int... dims) {
    return GradCheck.param(rng, 1f, 0.05f, dims);
  }

  /** Random non-trivial values for gain/shift parameters that start at 1 and 0. */
  private void perturbParameters(Module m) {
    for (Parameter p : m.parameters()) {
      float[] d = p.value().data();
      for (int i = 0; i < d.length; i++) d[i] += (float) (0.3 * rng.nextGaussian());
    }
  }

  @Test
  void linearEveryActivationWithAndWithoutBias() {
    for (Activation a : Activation.values()) {
      Linear l = new Linear(Linear.Config.of(3, 4).withActivation(a), rng);
      perturbParameters(l);
      check("Linear " + a, l, input(2, 5, 3), l::forward);
    }
    Linear noBias = new Linear(Linear.Config.of(3, 2).withBias(false), rng);
    assertNull(noBias.bias());
    assertEquals(6, noBias.parameterCount());
    check("Linear no bias", noBias, input(4, 3), noBias::forward);
  }

  @Test
  void embeddingDenseAndSparse() {
    int[] ids = {4, 0, 4, 2, 1, 4};
    Embedding dense =
        new Embedding(
            Embedding.Config.of(5, 3).withSparse(false).withInit(Initializer.normal(1f)),
            new Rng(3));
    Embedding sparse =
        new Embedding(Embedding.Config.of(5, 3).withInit(Initializer.normal(1f)), new Rng(3));
    assertEquals(false, dense.weight().sparse());
    assertEquals(true, sparse.weight().sparse());
    check("Embedding dense", dense, null, x -> dense.forward(ids, 2, 3));
    check("Embedding sparse", sparse, null, x -> sparse.forward(ids, 2, 3));

    Tensor w = Tensor.randn(new Rng(9), 1f, 2, 3, 3);
    for (Embedding e : new Embedding[] {dense, sparse}) {
      e.zeroGrad();
      ReduceOps.sum(MathOps.mul(e.forward(ids, 2, 3), w)).backward();
    }
    assertNull(dense.weight().value().sparseGradient());
    assertNotNull(sparse.weight().value().sparseGradient());
    assertArrayEquals(
        dense.weight().value().gradTensor().data(),
        sparse.weight().value().gradTensor().data(),
        1e-6f);
  }

  @Test
  void mlpWithBatchNorm() {
    for (Activation a : new Activation[] {Activation.TANH, Activation.GELU, Activation.ELU}) {
      MLP mlp =
          MLP.builder(3, 5, 4, 2)
              .activation(a)
              .batchNorm(true)
              .lastActivation(Activation.SIGMOID)
              .build(rng);
      perturbParameters(mlp);
      check("MLP batch norm " + a, mlp, input(6, 3), mlp::forward);
    }
    MLP plain = MLP.builder(3, 4, 2).activation(Activation.LEAKY_RELU).build(rng);
    check("MLP leaky", plain, input(2, 2, 3), plain::forward);
  }

  @Test
  void normalizationLayers() {
    LayerNorm ln = new LayerNorm(5);
    perturbParameters(ln);
    check("LayerNorm", ln, input(2, 3, 5), ln::forward);
    BatchNorm bn = new BatchNorm(4);
    perturbParameters(bn);
    check("BatchNorm train [n, c]", bn, input(6, 4), bn::forward);
    check("BatchNorm train [b, l, c]", bn, input(2, 3, 4), bn::forward);
    bn.train(false);
    check("BatchNorm eval", bn, input(3, 4), bn::forward);
  }

  @Test
  void multiHeadAttentionWithMasks() {
    MultiHeadAttention mha = new MultiHeadAttention(4, 2, 0f, rng);
    assertEquals(4 * (4 * 4 + 4), mha.parameterCount());
    Tensor x = input(2, 3, 4);
    Tensor pad = AttentionMasks.padding(new int[] {5, 6, 0, 7, 8, 9}, 2, 3, 0);
    check("MHA no mask", mha, x, in -> mha.forward(in, null, false));
    check("MHA padding", mha, x, in -> mha.forward(in, pad, false));
    check("MHA causal + padding", mha, x, in -> mha.forward(in, pad, true));
    Tensor memory = input(2, 4, 4);
    check("MHA cross", mha, x, in -> mha.forward(in, memory, memory, null, false));
  }

  @Test
  void transformerBlockPreAndPostNorm() {
    Tensor pad = AttentionMasks.padding(new int[] {0, 6, 7, 3, 8, 9}, 2, 3, 0);
    for (boolean pre : new boolean[] {false, true}) {
      for (Activation a : new Activation[] {Activation.GELU, Activation.TANH}) {
        var cfg =
            TransformerEncoderBlock.Config.of(4, 2)
                .withFfnDim(8)
                .withDropout(0f)
                .withPreNorm(pre)
                .withActivation(a);
        TransformerEncoderBlock block = new TransformerEncoderBlock(cfg, rng);
        perturbParameters(block);
        check(
            "Transformer pre=" + pre + " " + a,
            block,
            input(2, 3, 4),
            in -> block.forward(in, pad, true));
      }
    }
  }

  @Test
  void positionalEncodings() {
    LearnedPositionalEmbedding pos = new LearnedPositionalEmbedding(5, 4, rng);
    check("learned positions", pos, input(2, 3, 4), pos::forward);
    check("learned positions full length", pos, input(5, 4), pos::forward);
    SinusoidalPositionalEncoding sin = new SinusoidalPositionalEncoding(5, 4);
    assertEquals(0, sin.parameterCount());
    check("sinusoidal", sin, input(2, 3, 4), sin::forward);
  }
}
