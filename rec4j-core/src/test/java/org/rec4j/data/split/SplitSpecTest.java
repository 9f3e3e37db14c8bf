package org.rec4j.data.split;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.rec4j.data.Dataset;
import org.rec4j.data.Split;
import org.rec4j.data.synth.SyntheticRatings;
import org.rec4j.tensor.Rng;

class SplitSpecTest {
  private static final Dataset DATA =
      SyntheticRatings.generate(new SyntheticRatings.Config(40, 30, 4, 12, 1, 0.3, 5));

  @Test
  void parsesAndAppliesEveryMethod() {
    for (String text :
        new String[] {
          "random:0.2",
          "random-user:0.2,0.1",
          "loo",
          "loo:val",
          "loo-random:val",
          "temporal:0.7,0.1",
          "ratio:0.8",
          "kfold:5,4",
          "given-n:3"
        }) {
      SplitSpec spec = SplitSpec.parse(text);
      assertEquals(text, spec.toString());
      Split s = spec.apply(DATA, new Rng(1));
      assertEquals(
          DATA.interactions().size(),
          s.train().size() + s.validation().size() + s.test().size(),
          text);
      assertTrue(s.test().size() > 0, text);
    }
    assertEquals(40, SplitSpec.parse("loo:val").apply(DATA, new Rng(1)).validation().size());
  }

  @Test
  void errorsSayWhatWasExpected() {
    var unknown =
        assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("leave-one-out"));
    assertTrue(unknown.getMessage().contains("loo"), unknown.getMessage());
    var count = assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("kfold:5,1,2"));
    assertTrue(count.getMessage().contains("kfold:5,0"), count.getMessage());
    assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("random:x"));
    assertThrows(IllegalArgumentException.class, () -> SplitSpec.parse("loo:yes"));
    assertThrows(
        IllegalArgumentException.class, () -> SplitSpec.parse("kfold:5,5").apply(DATA, new Rng(1)));
    var none =
        assertThrows(
            IllegalArgumentException.class,
            () -> SplitSpec.parse("predefined").apply(DATA, new Rng(1)));
    assertTrue(none.getMessage().contains("without a split"), none.getMessage());
  }
}
