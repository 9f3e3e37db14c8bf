package org.rec4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class InteractionsTest {
  /** u0: i2(t=30) i0(t=10) i1(t=20); u1: i0(t=5); u2: none in rows but known to the index. */
  static Interactions tiny() {
    IdIndex users = IdIndex.range(3);
    IdIndex items = IdIndex.range(3);
    return Interactions.builder(users, items)
        .add(0, 2, 5f, 30)
        .add(0, 0, 3f, 10)
        .add(0, 1, 4f, 20)
        .add(1, 0, 5f, 5)
        .build();
  }

  @Test
  void csrViewsAreSortedAndPointBackToRows() {
    Interactions x = tiny();
    Csr byUser = x.byUser();
    assertArrayEquals(new int[] {0, 1, 2}, byUser.targetsOf(0));
    assertEquals(1, byUser.edge(byUser.start(0)));
    assertTrue(byUser.contains(0, 1));
    assertFalse(byUser.contains(1, 1));
    assertEquals(0, byUser.degree(2));
    Csr byItem = x.byItem();
    assertArrayEquals(new int[] {0, 1}, byItem.targetsOf(0));
    assertEquals(byUser, x.byUser());
  }

  @Test
  void subsetKeepsIndexesAndColumns() {
    Interactions x = tiny();
    Interactions s = x.subset(new int[] {3, 0});
    assertEquals(2, s.size());
    assertEquals(1, s.user(0));
    assertEquals(30, s.timestamp(1));
    assertEquals(x.userIndex(), s.userIndex());
    assertEquals(3, s.numItems());
  }

  @Test
  void statsCountWhatIsThere() {
    DatasetStats s = tiny().stats();
    assertEquals(2, s.users());
    assertEquals(3, s.items());
    assertEquals(4, s.interactions());
    assertEquals(4.0 / 6, s.density(), 1e-12);
    assertEquals(Map.of(3f, 1L, 4f, 1L, 5f, 2L), s.ratingHistogram());
    assertArrayEquals(new int[] {1, 1, 1, 3, 3, 3}, s.userCountQuantiles());
    assertEquals(5, s.minTimestamp());
    assertEquals(30, s.maxTimestamp());
    assertTrue(s.describe().contains("interactions  4"));
  }

  @Test
  void sequencesAreChronologicalAndTruncated() {
    UserSequences all = UserSequences.of(tiny(), 0);
    assertArrayEquals(new int[] {0, 1, 2}, all.sequence(0));
    assertEquals(0, all.length(2));
    UserSequences last2 = UserSequences.of(tiny(), 2);
    assertArrayEquals(new int[] {1, 2}, last2.sequence(0));
    assertArrayEquals(new int[] {0}, last2.sequence(1));
    Interactions ties =
        Interactions.builder(IdIndex.range(1), IdIndex.range(4))
            .add(0, 3, 1f, 7)
            .add(0, 1, 1f, 5)
            .add(0, 2, 1f, 7)
            .add(0, 0, 1f, 7)
            .build();
    assertArrayEquals(new int[] {1, 3, 2, 0}, UserSequences.of(ties, 0).sequence(0));
  }

  @Test
  void graphSymmetricNormalizationWithSelfLoops() {
    // u0-i0, u0-i1, u1-i0; nodes: u0=0, u1=1, u2=2, i0=3, i1=4, i2=5
    IdIndex users = IdIndex.range(2);
    IdIndex items = IdIndex.range(2);
    Interactions x =
        Interactions.builder(users, items)
            .add(0, 0, 1f)
            .add(0, 1, 1f)
            .add(1, 0, 1f)
            .add(0, 0, 1f)
            .build();
    BipartiteGraph g = BipartiteGraph.of(x, BipartiteGraph.Normalization.SYMMETRIC_SELF_LOOPS);
    assertEquals(4, g.nodes());
    // degrees with self loops: u0 3, u1 2, i0 3, i1 2; row u0 = [u0, i0, i1]
    assertArrayEquals(new int[] {0, 2, 3}, java.util.Arrays.copyOfRange(g.columns(), 0, 3));
    assertEquals(1 / 3f, g.weights()[0], 1e-6);
    assertEquals((float) (1 / Math.sqrt(9)), g.weights()[1], 1e-6);
    assertEquals((float) (1 / Math.sqrt(6)), g.weights()[2], 1e-6);
    BipartiteGraph plain = BipartiteGraph.of(x, BipartiteGraph.Normalization.SYMMETRIC);
    assertEquals(6, plain.nonZeros());
    BipartiteGraph walk = BipartiteGraph.of(x, BipartiteGraph.Normalization.RANDOM_WALK);
    assertEquals(0.5f, walk.weights()[0], 1e-6);
  }
}
