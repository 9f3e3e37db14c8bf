package org.rec4j.tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Tiny end-to-end learning problems on the raw engine (plain gradient descent, no optimizer
 * classes).
 */
class EndToEndTest {

  private static void sgd(float lr, Tensor... params) {
    for (Tensor p : params) {
      float[] d = p.data(), g = p.grad();
      for (int i = 0; i < d.length; i++) d[i] -= lr * g[i];
      p.zeroGrad();
    }
  }

  @Test
  void mlpLearnsXor() {
    Rng rng = new Rng(42);
    Tensor x = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 1, 1}, 4, 2);
    Tensor y = Tensor.of(new float[] {0, 1, 1, 0}, 4, 1);
    Tensor w1 = Tensor.randn(rng, 1f, 2, 8).requiresGrad(true);
    Tensor b1 = Tensor.zeros(8).requiresGrad(true);
    Tensor w2 = Tensor.randn(rng, 1f, 8, 1).requiresGrad(true);
    Tensor b2 = Tensor.zeros(1).requiresGrad(true);
    Arena arena = new Arena();
    float loss = 0;
    for (int step = 0; step < 2000; step++) {
      try (Arena.Scope s = arena.open()) {
        Tensor h = LinAlg.linear(x, w1, b1, Activations.Kind.TANH);
        Tensor logit = LinAlg.linear(h, w2, b2, Activations.Kind.IDENTITY);
        // binary cross-entropy with logits: softplus(z) - y z
        Tensor l = ReduceOps.mean(MathOps.sub(Activations.softplus(logit), MathOps.mul(y, logit)));
        l.backward();
        loss = l.item();
        sgd(0.5f, w1, b1, w2, b2);
      }
    }
    Tensor p =
        Activations.sigmoid(
            LinAlg.linear(
                LinAlg.linear(x, w1, b1, Activations.Kind.TANH),
                w2,
                b2,
                Activations.Kind.IDENTITY));
    for (int i = 0; i < 4; i++)
      assertEquals(y.data()[i], Math.round(p.data()[i]), "XOR row " + i + " p=" + p.data()[i]);
    assertTrue(loss < 0.05f, "final loss " + loss);
  }

  @Test
  void logisticRegressionSeparatesALinearlySeparableSet() {
    Rng rng = new Rng(7);
    int n = 200;
    Tensor x = Tensor.zeros(n, 3);
    Tensor y = Tensor.zeros(n, 1);
    for (int i = 0; i < n; i++) {
      float a = (float) rng.nextGaussian(),
          b = (float) rng.nextGaussian(),
          c = (float) rng.nextGaussian();
      float margin = 2 * a - b + 0.5f * c;
      if (Math.abs(margin) < 0.2f) margin = margin < 0 ? margin - 0.3f : margin + 0.3f;
      x.set(a, i, 0);
      x.set(b, i, 1);
      x.set(c + (margin - (2 * a - b + 0.5f * c)) * 2, i, 2);
      y.set(margin > 0 ? 1f : 0f, i, 0);
    }
    Tensor w = Tensor.zeros(3, 1).requiresGrad(true);
    Tensor bias = Tensor.zeros(1).requiresGrad(true);
    for (int step = 0; step < 3000; step++) {
      Tensor z = LinAlg.linear(x, w, bias, Activations.Kind.IDENTITY);
      ReduceOps.mean(MathOps.sub(Activations.softplus(z), MathOps.mul(y, z))).backward();
      sgd(1f, w, bias);
    }
    Tensor z = LinAlg.linear(x, w, bias, Activations.Kind.IDENTITY);
    int correct = 0;
    for (int i = 0; i < n; i++) if ((z.data()[i] > 0) == (y.data()[i] > 0.5f)) correct++;
    assertEquals(n, correct, "training accuracy must be 100% on separable data");
  }
}
