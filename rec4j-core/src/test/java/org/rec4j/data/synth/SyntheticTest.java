package org.rec4j.data.synth;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rec4j.data.DatasetStats;
import org.rec4j.data.FeatureColumn;
import org.rec4j.data.Interactions;
import org.rec4j.data.UserSequences;

class SyntheticTest {
  @Test
  void ratingsHaveTheConfiguredShapeAndAreReproducible() {
    Interactions x = SyntheticRatings.generate(SyntheticRatings.Config.defaults()).interactions();
    DatasetStats s = x.stats();
    assertEquals(500, s.users());
    assertTrue(s.items() <= 300);
    assertTrue(s.userCountQuantiles()[0] >= 5 && s.userCountQuantiles()[5] <= 20);
    for (int r = 0; r < x.size(); r++) {
      assertTrue(x.value(r) >= 1 && x.value(r) <= 5);
    }
    Interactions again =
        SyntheticRatings.generate(SyntheticRatings.Config.defaults()).interactions();
    assertArrayEquals(x.valueColumn(), again.valueColumn());
    assertThrows(
        IllegalArgumentException.class, () -> new SyntheticRatings.Config(10, 5, 1, 6, 1, 0.3, 1));
  }

  @Test
  void implicitDataPlantsPreferencesTransitionsAndFeatures() {
    SyntheticImplicit.Config c =
        new SyntheticImplicit.Config(200, 100, 4, 10, 20, 1, 0.5, 10, 5, 8, 3);
    SyntheticImplicit.Result res = SyntheticImplicit.generate(c);
    Interactions x = res.dataset().interactions();
    assertEquals(200, res.knownTop().length);
    // known-top items are interacted with far more often than chance (10 of 100 items)
    int hits = 0;
    for (int r = 0; r < x.size(); r++) {
      for (int t : res.knownTop()[x.user(r)]) {
        hits += t == x.item(r) ? 1 : 0;
      }
    }
    assertTrue(hits > 0.25 * x.size(), "hits " + hits + " of " + x.size());
    // planted transitions: a large share of consecutive pairs follow the successor
    UserSequences seq = UserSequences.of(x, 0);
    int follow = 0;
    int pairs = 0;
    for (int u = 0; u < seq.users(); u++) {
      for (int k = 1; k < seq.length(u); k++) {
        pairs++;
        follow += res.successor()[seq.item(u, k - 1)] == seq.item(u, k) ? 1 : 0;
      }
    }
    assertTrue(follow > 0.3 * pairs, follow + " of " + pairs);
    var image = (FeatureColumn.Dense) res.dataset().itemFeatures().column("image");
    assertEquals(8, image.vectors()[0].length);
    assertNotNull(res.dataset().itemFeatures().column("category"));
    assertArrayEquals(
        x.itemColumn(), SyntheticImplicit.generate(c).dataset().interactions().itemColumn());
  }
}
