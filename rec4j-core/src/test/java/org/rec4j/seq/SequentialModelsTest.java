package org.rec4j.seq;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.data.UserSequences;
import org.rec4j.model.HistoryInput;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.SequenceScorer;
import org.rec4j.tensor.Rng;
import org.rec4j.train.TrainerConfig;

/**
 * The sequential models on small synthetic sequences: they learn a deterministic next-item rule,
 * packing keeps sequences independent, histories extend without retraining, explain weights are
 * aligned, the training step reaches an arena steady state, and bad ids are refused.
 */
class SequentialModelsTest {
  private static final int USERS = 80, ITEMS = 100;

  /**
   * User u walks the cycle i → i + 1 (mod ITEMS) from a seeded start for 8 + u % 5 steps, in row
   * (time) order. The catalog is large enough that a user's unseen next item is rarely drawn as one
   * of their training negatives (which would teach the model to avoid it).
   */
  static Interactions cycles() {
    IdIndex users = new IdIndex(), items = new IdIndex();
    for (int u = 0; u < USERS; u++) users.add("u" + u);
    for (int i = 0; i < ITEMS; i++) items.add("i" + i);
    InteractionsBuilder b = Interactions.builder(users, items);
    Rng rng = new Rng(5);
    for (int u = 0; u < USERS; u++) {
      int start = rng.nextInt(ITEMS);
      for (int t = 0; t < 8 + u % 5; t++) b.add(u, (start + t) % ITEMS, 1f);
    }
    return b.build();
  }

  static SequentialRecommender build(String name, Map<String, Object> settings) {
    ModelInputs in =
        ModelInputs.ids(USERS, ITEMS, false, 7)
            .with(ModelInput.HISTORY, HistoryInput.class, new HistoryInput("row order"));
    return (SequentialRecommender) ModelRegistry.create(name, in, settings, "test");
  }

  static Map<String, Object> small(String name) {
    return name.equals("sasrec")
        ? Map.of("factors", 16, "max_length", 10, "dropout", 0.1, "heads", 2)
        : Map.of("factors", 16, "max_length", 10, "dropout", 0.1);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"sasrec", "gru4rec", "sasrec@2", "sasrec:softmax", "sasrec:sampled-softmax"})
  void learnsADeterministicNextItem(String spec) {
    String name = spec.split("[@:]")[0];
    int threads = spec.contains("@") ? Integer.parseInt(spec.split("@")[1]) : 1;
    Map<String, Object> settings = new java.util.HashMap<>(small(name));
    if (spec.contains(":")) {
      settings.put("loss", spec.split(":")[1]);
      settings.put("sampled_negatives", 20);
    }
    SequentialRecommender m = build(name, settings);
    TrainerConfig tc =
        TrainerConfig.sequenceDefaults().toBuilder()
            .threads(threads)
            .epochs(60)
            .batchSize(16)
            .learningRate(1e-2)
            .validateEvery(0)
            .build();
    m.fit(cycles(), null, tc);
    // as the protocols rank: the user's own items are not candidates (training negatives never
    // include them, so their scores carry no meaning)
    int hits = 0;
    for (int u = 0; u < USERS; u++) {
      int[] h = m.history(u);
      float[] s = m.scoreNext(h);
      java.util.Set<Integer> seen = new java.util.HashSet<>();
      for (int i : h) seen.add(i);
      int best = -1;
      for (int i = 0; i < ITEMS; i++)
        if (!seen.contains(i) && (best < 0 || s[i] > s[best])) best = i;
      if (best == (h[h.length - 1] + 1) % ITEMS) hits++;
    }
    assertTrue(hits >= USERS * 0.6, name + " predicted the next item for " + hits + "/" + USERS);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sasrec", "gru4rec"})
  void packedSequencesAreIndependentAndHistoriesExtend(String name) {
    SequentialRecommender m = build(name, small(name));
    Interactions data = cycles();
    m.fit(
        data,
        null,
        TrainerConfig.sequenceDefaults().toBuilder().epochs(2).validateEvery(0).build());
    int[] users = {3, 17, 42};
    float[] all = new float[users.length * ITEMS];
    m.scoreAll(users, all);
    for (int i = 0; i < users.length; i++) {
      float[] alone = m.scoreNext(m.history(users[i]));
      for (int j = 0; j < ITEMS; j++) assertEquals(alone[j], all[i * ITEMS + j], 1e-5f);
      float[] pairs = new float[ITEMS];
      int[] items = new int[ITEMS];
      for (int j = 0; j < ITEMS; j++) items[j] = j;
      m.score(users[i], items, pairs);
      assertArrayEquals(alone, pairs, 1e-5f);
    }
    // one later event per user: the scores follow the extended history, without retraining
    InteractionsBuilder b = Interactions.builder(data.userIndex(), data.itemIndex());
    b.add(3, 5, 1f);
    int[] before = m.history(3);
    m.extendHistories(b.build());
    int[] after = m.history(3);
    assertEquals(5, after[after.length - 1]);
    assertTrue(after.length <= m.maxLength());
    assertArrayEquals(m.scoreNext(after), scoreOf(m, 3), 1e-5f);
    assertTrue(before.length == after.length || before.length + 1 == after.length);
  }

  private static float[] scoreOf(SequentialRecommender m, int user) {
    float[] s = new float[ITEMS];
    m.scoreAll(new int[] {user}, s);
    return s;
  }

  /** Two data-parallel workers: the same result on every run (the split and streams are fixed). */
  @Test
  void twoThreadTrainingIsDeterministic() {
    float[][] scores = new float[2][];
    for (int run = 0; run < 2; run++) {
      SequentialRecommender m = build("sasrec", small("sasrec"));
      m.fit(
          cycles(),
          null,
          TrainerConfig.sequenceDefaults().toBuilder()
              .threads(2)
              .batchSize(16)
              .epochs(3)
              .validateEvery(0)
              .build());
      scores[run] = m.scoreNext(m.history(5));
    }
    assertArrayEquals(scores[0], scores[1]);
  }

  @Test
  void explainWeightsAlignWithTheHistory() {
    SequentialRecommender m = build("sasrec", small("sasrec"));
    m.fit(
        cycles(),
        null,
        TrainerConfig.sequenceDefaults().toBuilder().epochs(1).validateEvery(0).build());
    int[] longer = new int[14];
    for (int i = 0; i < longer.length; i++) longer[i] = i % ITEMS;
    float[] w = m.attentionWeights(longer).orElseThrow();
    assertEquals(14, w.length);
    for (int i = 0; i < 4; i++) assertEquals(0f, w[i], "items beyond max_length are not read");
    double sum = 0;
    for (float x : w) sum += x;
    assertEquals(1, sum, 1e-5);
    assertTrue(build("gru4rec", small("gru4rec")).attentionWeights(longer).isEmpty());
  }

  @Test
  void trainingStepsReachAnArenaSteadyState() {
    SequentialRecommender m = build("sasrec", small("sasrec"));
    Interactions data = cycles();
    m.rememberSeen(data);
    TrainerConfig tc = TrainerConfig.sequenceDefaults();
    SequenceSource src = new SequenceSource(m, UserSequences.of(data, 0), tc);
    src.setTraining(true);
    src.prepareEpoch(new Rng(1));
    for (int i = 0; i < 5; i++) src.step(0, 16);
    long allocations = src.arenaAllocations(), objects = src.arenaObjects();
    for (int i = 0; i < 20; i++) src.step(0, 16);
    assertEquals(allocations, src.arenaAllocations(), "float buffers allocated after warm-up");
    assertEquals(objects, src.arenaObjects(), "tensors and nodes created after warm-up");
  }

  @Test
  void badItemIdsAreRefused() {
    SequenceScorer m = build("sasrec", small("sasrec"));
    var e = assertThrows(IllegalArgumentException.class, () -> m.scoreNext(new int[] {1, ITEMS}));
    assertTrue(e.getMessage().contains("outside 0.." + (ITEMS - 1)), e.getMessage());
    assertArrayEquals(new int[0], m.history(-1));
    assertArrayEquals(new int[0], m.history(USERS));
  }

  @Test
  void sizeClassesBoundTheFillerRows() {
    for (int t = 1; t < 5000; t++) {
      int c = SequenceBatch.sizeClass(t);
      assertTrue(c >= t && c - t <= Math.max(7, t / 16), t + " -> " + c);
    }
  }
}
