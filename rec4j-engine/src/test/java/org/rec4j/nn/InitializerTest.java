package org.rec4j.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/** Statistics, bounds, fan conventions and determinism of the initializers. */
class InitializerTest {
  private static final long SEED = 20261128L;
  private static final int IN = 200;
  private static final int OUT = 300;

  /** {mean, std, max |x|} of the values. */
  private static double[] stats(Tensor t) {
    float[] d = t.data();
    double s = 0, sq = 0, max = 0;
    for (float v : d) {
      s += v;
      sq += (double) v * v;
      max = Math.max(max, Math.abs(v));
    }
    double mean = s / d.length;
    return new double[] {mean, Math.sqrt(sq / d.length - mean * mean), max};
  }

  private static void assertMoments(String what, Tensor t, double std) {
    double[] s = stats(t);
    assertEquals(0, s[0], 0.02 * std, what + " mean (seed " + SEED + ")");
    assertEquals(std, s[1], 0.02 * std, what + " std (seed " + SEED + ")");
  }

  @Test
  void xavierUniformHasTheGlorotBoundAndVariance() {
    Tensor w = Initializer.xavierUniform().create(new Rng(SEED), IN, OUT);
    double bound = Math.sqrt(6.0 / (IN + OUT));
    double[] s = stats(w);
    assertTrue(s[2] <= bound, "max " + s[2] + " beyond bound " + bound);
    assertTrue(s[2] > 0.99 * bound, "max " + s[2] + " should approach bound " + bound);
    assertMoments("xavierUniform", w, Math.sqrt(2.0 / (IN + OUT)));
  }

  @Test
  void xavierAndHeNormalUseTheirFans() {
    assertMoments(
        "xavierNormal",
        Initializer.xavierNormal().create(new Rng(SEED), IN, OUT),
        Math.sqrt(2.0 / (IN + OUT)));
    assertMoments(
        "heNormal", Initializer.heNormal().create(new Rng(SEED), IN, OUT), Math.sqrt(2.0 / IN));
    Tensor hu = Initializer.heUniform().create(new Rng(SEED), IN, OUT);
    assertMoments("heUniform", hu, Math.sqrt(2.0 / IN));
    assertTrue(stats(hu)[2] <= Math.sqrt(6.0 / IN));
  }

  @Test
  void normalAndUniform() {
    assertMoments("normal", Initializer.normal(0.5f).create(new Rng(SEED), IN, OUT), 0.5);
    Tensor u = Initializer.uniform(1f, 3f).create(new Rng(SEED), IN, OUT);
    double[] s = stats(u);
    assertEquals(2.0, s[0], 0.01);
    assertEquals(2 / Math.sqrt(12), s[1], 0.01);
    for (float v : u.data())
      assertTrue(v >= 1f && v < 3f, "uniform value " + v + " outside [1, 3)");
  }

  @Test
  void truncatedNormalStaysWithinTwoStd() {
    float std = 0.02f;
    Tensor t = Initializer.truncatedNormal(std).create(new Rng(SEED), IN, OUT);
    double[] s = stats(t);
    assertTrue(s[2] <= 2 * std, "value " + s[2] + " beyond 2·std " + 2 * std);
    assertTrue(s[2] > 1.95 * std, "tails should reach near 2·std, max " + s[2]);
    // standard deviation of N(0, 1) truncated to [-2, 2]
    assertEquals(0.8796 * std, s[1], 0.02 * std);
    assertEquals(0, s[0], 0.02 * std);
  }

  @Test
  void constantsDrawNothing() {
    Rng rng = new Rng(SEED);
    assertTrue(allEqual(Initializer.zeros().create(rng, 3, 4), 0f));
    assertTrue(allEqual(Initializer.ones().create(rng, 5), 1f));
    assertTrue(allEqual(Initializer.constant(-2.5f).create(rng, 2, 2, 2), -2.5f));
    assertEquals(new Rng(SEED).nextLong(), rng.nextLong());
  }

  private static boolean allEqual(Tensor t, float v) {
    for (float x : t.data()) if (x != v) return false;
    return true;
  }

  @Test
  void fansFollowTheInOutLayout() {
    assertArrayEquals(new int[] {7, 7}, Initializer.fans(7));
    assertArrayEquals(new int[] {3, 5}, Initializer.fans(3, 5));
    assertArrayEquals(new int[] {3 * 4 * 2, 5 * 4 * 2}, Initializer.fans(3, 5, 4, 2));
    assertThrows(IllegalArgumentException.class, Initializer::fans);
    assertThrows(IllegalArgumentException.class, () -> Initializer.normal(-1f));
    assertThrows(IllegalArgumentException.class, () -> Initializer.uniform(1f, 1f));
  }

  @Test
  void sameSeedGivesIdenticalWeights() {
    float[] a = flatWeights(new Rng(7));
    float[] b = flatWeights(new Rng(7));
    assertArrayEquals(a, b);
    assertFalse(
        Arrays.equals(a, flatWeights(new Rng(8))),
        "a different seed should give different weights");
  }

  private static float[] flatWeights(Rng rng) {
    Module m = new TransformerEncoderBlock(TransformerEncoderBlock.Config.of(8, 2), rng);
    Module e = new Embedding(10, 8, rng);
    Module p = MLP.builder(8, 6, 1).batchNorm(true).dropout(0.1f).build(rng);
    float[] all = new float[0];
    for (Module mod : new Module[] {m, e, p}) {
      for (Parameter par : mod.parameters()) {
        float[] d = par.value().data();
        float[] next = Arrays.copyOf(all, all.length + d.length);
        System.arraycopy(d, 0, next, all.length, d.length);
        all = next;
      }
    }
    return all;
  }
}
