package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Checks the head split/merge of {@link MultiHeadAttention} against a slow, obvious per-head
 * implementation in double precision (gradient checks alone cannot catch a consistently wrong head
 * layout).
 */
class MultiHeadAttentionReferenceTest {

  @Test
  void matchesPerHeadLoops() {
    int batch = 2, lq = 3, lk = 4, d = 6, heads = 3;
    MultiHeadAttention mha = new MultiHeadAttention(d, heads, 0f, new Rng(1));
    Map<String, Parameter> p = mha.namedParameters();
    for (Parameter par : p.values()) { // non-zero biases so that their placement is checked too
      float[] v = par.value().data();
      for (int i = 0; i < v.length; i++) v[i] += 0.1f * (i % 5 - 2);
    }
    Tensor query = Tensor.randn(new Rng(2), 1f, batch, lq, d);
    Tensor memory = Tensor.randn(new Rng(3), 1f, batch, lk, d);
    Tensor pad = Tensor.of(new float[] {0, 0, 0, 1, 1, 0, 0, 0}, batch, lk);
    Tensor got = mha.forward(query, memory, memory, pad, false);

    double[][][] q = project(query, p, "q"),
        k = project(memory, p, "k"),
        v = project(memory, p, "v");
    int dh = d / heads;
    double[][][] concat = new double[batch][lq][d];
    for (int b = 0; b < batch; b++) {
      for (int h = 0; h < heads; h++) {
        for (int i = 0; i < lq; i++) {
          double[] w = new double[lk];
          double max = Double.NEGATIVE_INFINITY, sum = 0;
          for (int j = 0; j < lk; j++) {
            if (pad.get(b, j) != 0f) {
              w[j] = Double.NEGATIVE_INFINITY;
              continue;
            }
            for (int c = h * dh; c < (h + 1) * dh; c++) w[j] += q[b][i][c] * k[b][j][c];
            w[j] /= Math.sqrt(dh);
            max = Math.max(max, w[j]);
          }
          for (int j = 0; j < lk; j++) sum += w[j] = Math.exp(w[j] - max);
          for (int j = 0; j < lk; j++) {
            for (int c = h * dh; c < (h + 1) * dh; c++) concat[b][i][c] += w[j] / sum * v[b][j][c];
          }
        }
      }
    }
    double[][][] expected = affine(concat, p.get("o.weight").value(), p.get("o.bias").value());
    for (int b = 0; b < batch; b++) {
      for (int i = 0; i < lq; i++) {
        for (int c = 0; c < d; c++)
          assertEquals(expected[b][i][c], got.get(b, i, c), 1e-5, "b=" + b + " i=" + i + " c=" + c);
      }
    }
  }

  private static double[][][] project(Tensor x, Map<String, Parameter> p, String name) {
    int batch = x.dim(0), len = x.dim(1), d = x.dim(2);
    double[][][] xs = new double[batch][len][d];
    for (int b = 0; b < batch; b++)
      for (int i = 0; i < len; i++) for (int c = 0; c < d; c++) xs[b][i][c] = x.get(b, i, c);
    return affine(xs, p.get(name + ".weight").value(), p.get(name + ".bias").value());
  }

  /** x·W + b over the last axis, W stored [in, out]. */
  private static double[][][] affine(double[][][] x, Tensor w, Tensor bias) {
    int in = w.dim(0), out = w.dim(1);
    double[][][] y = new double[x.length][x[0].length][out];
    for (int b = 0; b < x.length; b++) {
      for (int i = 0; i < x[0].length; i++) {
        for (int o = 0; o < out; o++) {
          double s = bias.get(o);
          for (int c = 0; c < in; c++) s += x[b][i][c] * w.get(c, o);
          y[b][i][o] = s;
        }
      }
    }
    return y;
  }
}
