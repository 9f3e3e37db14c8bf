package org.rec4j.experiment;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import org.junit.jupiter.api.Test;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.eval.Evaluator;
import org.rec4j.eval.RankingResult;
import org.rec4j.eval.RankingTask;
import org.rec4j.eval.Scorer;

/** Which items full ranking excludes when the split has a validation part. */
class EvalTasksTest {
  /** Every user prefers lower item ids: item 0, then 1, 2, … */
  private static final Scorer LOW_IDS_FIRST =
      new Scorer() {
        @Override
        public int numItems() {
          return 5;
        }

        @Override
        public void score(int user, int[] items, float[] out) {
          for (int i = 0; i < items.length; i++) out[i] = -items[i];
        }
      };

  private static Interactions part(IdIndex users, IdIndex items, int item) {
    return Interactions.builder(users, items).add(0, item, 1f).build();
  }

  /**
   * One user: trained on item 0, validated on item 1, tested on item 2; the model ranks 0 > 1 > 2 >
   * …. On test, item 1 is a known interaction and must not be a candidate: the test item is then
   * first (HR@1 = 1). Excluding only the training items, as before, put the validation item first
   * and scored a miss (HR@1 = 0).
   */
  @Test
  void testRankingExcludesValidationItemsAndValidationRankingKeepsTestItems() {
    IdIndex users = IdIndex.range(1), items = IdIndex.range(5);
    Interactions train = part(users, items, 0),
        validation = part(users, items, 1),
        test = part(users, items, 2);
    Evaluator ev = Evaluator.standard(1, 1, 4);

    RankingResult onTest =
        ev.evaluate(LOW_IDS_FIRST, EvalTasks.full(EvalTasks.known(train, validation), test));
    assertArrayEquals(
        new int[] {2, 3, 4}, onTest.lists()[0], "train and validation items excluded");
    assertEquals(1.0, onTest.get("hr@1"));
    RankingResult trainOnly = ev.evaluate(LOW_IDS_FIRST, EvalTasks.full(train, test));
    assertEquals(
        0.0,
        trainOnly.get("hr@1"),
        "the old candidates: the validation item outranks the test item");

    RankingTask validating = EvalTasks.full(train, validation);
    assertArrayEquals(
        new int[] {0}, validating.excluded(0), "validation ranking excludes training items only");
    assertArrayEquals(
        new int[] {1, 2, 3, 4},
        ev.evaluate(LOW_IDS_FIRST, validating).lists()[0],
        "the test item stays a candidate");
  }

  @Test
  void knownIsTrainWithoutAValidationPart() {
    IdIndex users = IdIndex.range(1), items = IdIndex.range(5);
    Interactions train = part(users, items, 0);
    assertSame(train, EvalTasks.known(train, null));
    assertSame(train, EvalTasks.known(train, Interactions.builder(users, items).build()));
  }
}
