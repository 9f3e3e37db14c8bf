package org.rec4j.data.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.data.synth.SyntheticRatings;
import org.rec4j.tensor.Rng;

class SplitsTest {
  private static final Interactions DATA =
      SyntheticRatings.generate(new SyntheticRatings.Config(60, 40, 3, 15, 1, 0.3, 7))
          .interactions();

  /** Rows as "user,item,timestamp" strings (unique in the synthetic data). */
  private static List<String> rows(Interactions x) {
    List<String> out = new ArrayList<>();
    for (int r = 0; r < x.size(); r++) {
      out.add(x.user(r) + "," + x.item(r) + "," + x.timestamp(r));
    }
    return out;
  }

  /** Train, validation and test are disjoint and together are exactly the data. */
  private static void assertPartition(Split s) {
    List<String> all = new ArrayList<>(rows(s.train()));
    all.addAll(rows(s.validation()));
    all.addAll(rows(s.test()));
    List<String> expected = rows(DATA);
    Collections.sort(all);
    Collections.sort(expected);
    assertEquals(expected, all);
    assertTrue(
        s.train().userIndex() == DATA.userIndex() && s.test().itemIndex() == DATA.itemIndex());
  }

  @Test
  void randomSplitsPartitionAndAreReproducible() {
    Split g = RandomSplit.global(DATA, 0.2, 0.1, new Rng(1));
    assertPartition(g);
    assertEquals(Math.round(DATA.size() * 0.2), g.test().size());
    assertEquals(rows(g.test()), rows(RandomSplit.global(DATA, 0.2, 0.1, new Rng(1)).test()));
    Split u = RandomSplit.perUser(DATA, 0.3, 0, new Rng(2));
    assertPartition(u);
    for (int user = 0; user < DATA.numUsers(); user++) {
      int n = DATA.byUser().degree(user);
      assertEquals(Math.min(Math.round(n * 0.3), n - 1), u.test().byUser().degree(user));
    }
    assertThrows(
        IllegalArgumentException.class, () -> RandomSplit.global(DATA, 0.6, 0.5, new Rng(1)));
  }

  @Test
  void leaveOneOutTakesTheLatest() {
    Split s = LeaveOneOutSplit.latest(DATA, true);
    assertPartition(s);
    assertEquals(DATA.numUsers(), s.test().size());
    for (int r = 0; r < s.test().size(); r++) {
      int u = s.test().user(r);
      long t = s.test().timestamp(r);
      for (int p = s.train().byUser().start(u); p < s.train().byUser().end(u); p++) {
        assertTrue(s.train().timestamp(s.train().byUser().edge(p)) <= t);
      }
      assertTrue(s.validation().timestamp(r) <= t);
    }
    Split random = LeaveOneOutSplit.random(DATA, false, new Rng(3));
    assertPartition(random);
    assertEquals(DATA.numUsers(), random.test().size());
  }

  @Test
  void temporalSplitCutsByTime() {
    Split s = TemporalSplit.byFraction(DATA, 0.2, 0.1);
    assertPartition(s);
    long maxTrain = 0;
    for (int r = 0; r < s.train().size(); r++) {
      maxTrain = Math.max(maxTrain, s.train().timestamp(r));
    }
    for (int r = 0; r < s.test().size(); r++) {
      assertTrue(s.test().timestamp(r) > maxTrain);
    }
    assertEquals(0.2, s.test().size() / (double) DATA.size(), 0.01);
  }

  @Test
  void kFoldsAreDisjointAndCoverEverything() {
    List<Split> folds = KFoldSplit.folds(DATA, 5, new Rng(4));
    Set<String> seen = new HashSet<>();
    for (Split f : folds) {
      assertPartition(f);
      for (String r : rows(f.test())) {
        assertTrue(seen.add(r), "row in two test folds: " + r);
      }
    }
    assertEquals(DATA.size(), seen.size());
  }

  @Test
  void givenNKeepsNPerUserAndColdFilterDropsUnseen() {
    Split s = GivenNSplit.split(DATA, 4, new Rng(5));
    assertPartition(s);
    for (int u = 0; u < DATA.numUsers(); u++) {
      assertEquals(Math.min(4, DATA.byUser().degree(u)), s.train().byUser().degree(u));
    }
    Split cold = ColdStartFilter.drop(s, true, true);
    for (int r = 0; r < cold.test().size(); r++) {
      assertTrue(cold.train().byItem().degree(cold.test().item(r)) > 0);
    }
    assertTrue(cold.test().size() <= s.test().size());
  }
}
