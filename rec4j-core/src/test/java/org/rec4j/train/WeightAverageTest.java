package org.rec4j.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.NeuMF;

/**
 * Stochastic weight averaging ({@link TrainerConfig#swaFrom}): the mean of epoch-end weights,
 * validated and kept.
 */
class WeightAverageTest {
  private static TrainerConfig cfg(int epochs, int swaFrom) {
    return TrainerTest.cfg(1, OptimizerKind.ADAM).withEpochs(epochs).withSwa(swaFrom);
  }

  /** The plain run's weights at each epoch end, and what a validator saw. */
  private static List<float[][]> epochEnds(NeuMF m, TrainerConfig c, List<float[][]> validated) {
    List<float[][]> ends = new ArrayList<>();
    TrainingListener capture =
        new TrainingListener() {
          @Override
          public void onEpochEnd(Trainer.Context ctx, EpochStats stats) {
            ends.add(ctx.snapshot());
          }
        };
    m.fit(
        TrainerTest.data(),
        () -> {
          validated.add(TrainerTest.params(m));
          return Map.of("ndcg@10", 0.5);
        },
        c,
        capture);
    return ends;
  }

  @Test
  void endsWithTheMeanOfTheEpochEndsFromTheStartEpoch() {
    NeuMF plain = new NeuMF(ModelOptions.implicit(30, 20, 4));
    List<float[][]> plainSeen = new ArrayList<>();
    List<float[][]> ends = epochEnds(plain, cfg(4, 0), plainSeen);

    NeuMF averaged = new NeuMF(ModelOptions.implicit(30, 20, 4));
    List<float[][]> seen = new ArrayList<>();
    List<float[][]> liveEnds = epochEnds(averaged, cfg(4, 2), seen);
    float[][] fin = TrainerTest.params(averaged);
    boolean moved = false;
    for (int p = 0; p < fin.length; p++) {
      // training itself is untouched: the live weights follow the plain run exactly
      for (int e = 0; e < 4; e++)
        assertArrayEquals(
            ends.get(e)[p], liveEnds.get(e)[p], 0f, "live epoch " + (e + 1) + " param " + p);
      float[] mean = new float[fin[p].length], mean23 = new float[fin[p].length];
      for (int j = 0; j < mean.length; j++) {
        mean[j] = (ends.get(1)[p][j] + ends.get(2)[p][j] + ends.get(3)[p][j]) / 3;
        mean23[j] = (ends.get(1)[p][j] + ends.get(2)[p][j]) / 2;
        moved |= Math.abs(mean[j] - ends.get(3)[p][j]) > 1e-4;
      }
      assertArrayEquals(mean, fin[p], 1e-6f, "final = mean of epochs 2..4, param " + p);
      // validation saw the live weights before the start epoch, then the running mean
      assertArrayEquals(ends.get(0)[p], seen.get(0)[p], 0f);
      assertArrayEquals(ends.get(1)[p], seen.get(1)[p], 1e-7f);
      assertArrayEquals(mean23, seen.get(2)[p], 1e-6f);
      assertArrayEquals(mean, seen.get(3)[p], 1e-6f);
    }
    assertTrue(moved, "the average differs from the last epoch's weights");
  }

  @Test
  void averagingOnlyTheLastEpochChangesNothing() {
    NeuMF a = new NeuMF(ModelOptions.implicit(30, 20, 4));
    NeuMF b = new NeuMF(ModelOptions.implicit(30, 20, 4));
    a.fit(TrainerTest.data(), null, cfg(3, 0));
    b.fit(TrainerTest.data(), null, cfg(3, 3));
    float[][] pa = TrainerTest.params(a), pb = TrainerTest.params(b);
    for (int i = 0; i < pa.length; i++) assertArrayEquals(pa[i], pb[i], 0f);
  }

  @Test
  void badSettingsNameTheField() {
    IllegalArgumentException late = assertThrows(IllegalArgumentException.class, () -> cfg(3, 4));
    assertEquals("swa must be an epoch in 1..3 (or 0 for off), got 4", late.getMessage());
    assertThrows(IllegalArgumentException.class, () -> cfg(3, -1));
    IllegalArgumentException both =
        assertThrows(
            IllegalArgumentException.class, () -> cfg(3, 2).withEarlyStopping("ndcg@10", 2));
    assertTrue(both.getMessage().contains("swa"), both.getMessage());
    assertFalse(cfg(3, 0).withEarlyStopping("ndcg@10", 2).swaFrom() > 0);
  }
}
