package org.rec4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.rec4j.data.Csr;
import org.rec4j.data.Dataset;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.Split;
import org.rec4j.data.io.DataSpec;
import org.rec4j.data.split.SplitSpec;
import org.rec4j.train.EpochStats;
import org.rec4j.train.TrainerConfig;

/**
 * The evaluation protocol of {@link Experiment}: candidates with a validation part, per-epoch
 * cadence, best-epoch labels.
 */
class ExperimentProtocolTest {
  private static final int USERS = 6, ITEMS = 12;

  /** A given three-part split: per user two training items, one validation item, one test item. */
  private static Dataset threeParts() {
    IdIndex users = IdIndex.range(USERS), items = IdIndex.range(ITEMS);
    InteractionsBuilder tr = Interactions.builder(users, items),
        va = Interactions.builder(users, items),
        te = Interactions.builder(users, items);
    InteractionsBuilder all = Interactions.builder(users, items);
    for (int u = 0; u < USERS; u++) {
      tr.add(u, u, 1f).add(u, (u + 1) % ITEMS, 1f);
      va.add(u, (u + 2) % ITEMS, 1f);
      te.add(u, (u + 3) % ITEMS, 1f);
      for (int d = 0; d < 4; d++) all.add(u, (u + d) % ITEMS, 1f);
    }
    Split s = new Split(tr.build(), va.build(), te.build());
    return new Dataset("three-parts", all.build(), null, null, s, null, List.of());
  }

  private static ExperimentConfig config(SplitSpec split, TrainerConfig tc, double validation) {
    return ExperimentConfig.builder(DataSpec.parse("synthetic:kind=implicit"), "mf", tc)
        .split(split)
        .set("factors", 4)
        .set("embedding_std", 0.1)
        .protocol(Protocol.FULL)
        .validation(validation)
        .build();
  }

  private static TrainerConfig trainer(int epochs) {
    return TrainerConfig.implicitDefaults().withEpochs(epochs).withSeed(3);
  }

  /**
   * With k (10) above the candidates (9), every test list holds exactly the items the user has in
   * neither training nor validation.
   */
  @Test
  void testListsLeaveOutTrainingAndValidationItems() {
    ExperimentResult r =
        Experiment.run(config(SplitSpec.parse("given"), trainer(1), 0), threeParts());
    Split s = threeParts().split().orElseThrow();
    Csr train = s.train().byUser(), val = s.validation().byUser();
    assertEquals(USERS, r.ranking().users());
    for (int[] list : r.ranking().lists())
      assertEquals(ITEMS - 3, list.length, "2 training + 1 validation item left out");
    for (int i = 0; i < r.ranking().users(); i++) {
      int u = r.test().user(i); // one test row per user, users in row order
      for (int item : r.ranking().lists()[i]) {
        assertFalse(
            train.contains(u, item) || val.contains(u, item), "user " + u + " item " + item);
      }
    }
  }

  @Test
  void earlyStoppingWithoutAValidationPartIsRefused() {
    TrainerConfig es = trainer(2).withEarlyStopping("ndcg@10", 1);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> Experiment.run(config(SplitSpec.parse("loo"), es, 0), threeParts()));
    assertTrue(e.getMessage().contains("--validation"), e.getMessage());
    Experiment.run(
        config(SplitSpec.parse("loo"), es, 0.3), threeParts()); // with one carved out it runs
  }

  @Test
  void bestEpochOnTheTestPartIsLabelledSo() {
    ExperimentResult onTest =
        Experiment.run(config(SplitSpec.parse("loo"), trainer(2), 0), threeParts());
    assertTrue(
        onTest.metrics().containsKey("best_epoch" + Experiment.ON_TEST),
        onTest.metrics().keySet().toString());
    assertFalse(onTest.metrics().containsKey("best_epoch"));
    ExperimentResult onVal =
        Experiment.run(config(SplitSpec.parse("given"), trainer(2), 0), threeParts());
    assertTrue(onVal.metrics().containsKey("best_epoch"), onVal.metrics().keySet().toString());
    assertTrue(onVal.metrics().containsKey("best_ndcg@10"));
  }

  @Test
  void evalEveryValidatesOnItsEpochsAndTheLastAndZeroNever() {
    ExperimentResult every2 =
        Experiment.run(
            config(SplitSpec.parse("given"), trainer(5).withValidateEvery(2), 0), threeParts());
    assertEquals(
        List.of(2, 4, 5),
        every2.history().epochs().stream()
            .filter(e -> !e.validation().isEmpty())
            .map(EpochStats::epoch)
            .toList());
    ExperimentResult never =
        Experiment.run(
            config(SplitSpec.parse("given"), trainer(3).withValidateEvery(0), 0), threeParts());
    assertTrue(never.history().epochs().stream().allMatch(e -> e.validation().isEmpty()));
    assertFalse(
        never.metrics().keySet().stream().anyMatch(k -> k.startsWith("best_")),
        never.metrics().keySet().toString());
    assertTrue(
        never.metrics().containsKey("ndcg@10"), "the final model is still evaluated on test");
    assertThrows(
        IllegalArgumentException.class,
        () -> trainer(3).withEarlyStopping("ndcg@10", 2).withValidateEvery(0));
  }
}
