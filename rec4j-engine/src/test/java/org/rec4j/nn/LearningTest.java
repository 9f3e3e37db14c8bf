package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.function.Function;
import org.junit.jupiter.api.Test;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Known-answer tasks the layers must learn with plain gradient descent: XOR for an MLP, and "output
 * the previous token" for a causal Transformer, which is only solvable by attending one step back.
 */
class LearningTest {

  /** Plain SGD on every parameter (sparse gradients are densified). */
  private static void sgdStep(Module m, float lr) {
    for (Parameter p : m.parameters()) {
      Tensor g = p.value().gradTensor();
      if (g == null) continue;
      float[] w = p.value().data(), gd = g.data();
      for (int i = 0; i < w.length; i++) w[i] -= lr * gd[i];
    }
    m.zeroGrad();
  }

  @Test
  void mlpLearnsXor() {
    MLP mlp =
        MLP.builder(2, 8, 1)
            .activation(Activation.TANH)
            .lastActivation(Activation.SIGMOID)
            .build(new Rng(1));
    Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
    for (int step = 0; step < 300; step++) {
      ReduceOps.mean(MathOps.square(MathOps.sub(mlp.forward(x), y))).backward();
      sgdStep(mlp, 2f);
    }
    Tensor p = mlp.forward(x);
    for (int i = 0; i < 4; i++)
      assertTrue(Math.abs(p.data()[i] - y.data()[i]) < 0.2, "XOR " + i + ": " + p.data()[i]);
  }

  /**
   * Random sequences {@code [batch, len]}; the target at position t ≥ 1 (flat row {@code rows[k]})
   * is token t − 1.
   */
  private record Sequences(int[] ids, int[] rows, int[] targets) {
    static Sequences draw(Rng rng, int batch, int len, int vocab) {
      int[] ids = new int[batch * len];
      for (int i = 0; i < ids.length; i++) ids[i] = rng.nextInt(vocab);
      int[] rows = new int[batch * (len - 1)];
      int[] targets = new int[rows.length];
      for (int b = 0, k = 0; b < batch; b++) {
        for (int t = 1; t < len; t++, k++) {
          rows[k] = b * len + t;
          targets[k] = ids[b * len + t - 1];
        }
      }
      return new Sequences(ids, rows, targets);
    }
  }

  @Test
  void causalTransformerLearnsToCopyThePreviousToken() {
    int vocab = 6, len = 5, d = 16, batch = 16;
    Rng rng = new Rng(2);
    Embedding items = new Embedding(vocab, d, rng);
    LearnedPositionalEmbedding pos = new LearnedPositionalEmbedding(len, d, rng);
    var cfg =
        TransformerEncoderBlock.Config.of(d, 2).withFfnDim(32).withDropout(0f).withPreNorm(true);
    TransformerEncoder encoder = new TransformerEncoder(cfg, 1, rng);
    Linear head = new Linear(d, vocab, rng);
    Module model =
        new Module() {
          {
            register("items", items);
            register("pos", pos);
            register("encoder", encoder);
            register("head", head);
          }
        };
    Function<Sequences, Tensor> logits =
        s -> {
          Tensor h = encoder.forward(pos.forward(items.forward(s.ids(), batch, len)), null, true);
          return IndexOps.indexSelect(
              head.forward(ShapeOps.reshape(h, batch * len, d)), 0, s.rows());
        };
    Rng data = new Rng(3);
    for (int step = 0; step < 100; step++) {
      Sequences s = Sequences.draw(data, batch, len, vocab);
      Tensor logp = ReduceOps.logSoftmax(logits.apply(s), -1);
      MathOps.neg(ReduceOps.mean(IndexOps.gather(logp, 1, s.targets(), 1))).backward();
      sgdStep(model, 0.5f);
    }
    model.train(false);
    Sequences test = Sequences.draw(new Rng(4), batch, len, vocab);
    Tensor out = logits.apply(test);
    int correct = 0;
    for (int k = 0; k < test.targets().length; k++) {
      int best = 0;
      for (int c = 1; c < vocab; c++) if (out.get(k, c) > out.get(k, best)) best = c;
      if (best == test.targets()[k]) correct++;
    }
    double accuracy = correct / (double) test.targets().length;
    assertTrue(accuracy > 0.9, "held-out accuracy after training " + accuracy);
  }
}
