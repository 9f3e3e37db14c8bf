package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.serve.topk.HnswTopK;
import org.rec4j.serve.topk.ItemEmbeddings;

/**
 * The SIMD brute force and the HNSW path answer like the model itself on a small catalog;
 * exclusions; the popularity fallback's order.
 */
class ServedModelTest {
  @Test
  void hnswAndExactPathsAgreeAndExclusionsHold(@TempDir Path tmp) {
    for (String type : new String[] {"mf", "gmf"}) {
      Fixtures.save(tmp, type, "v1", type, 5);
      Path p = tmp.resolve(type).resolve("v1");
      ServedModel exact =
          ServedModel.load(type, "v1", p, Integer.MAX_VALUE, HnswTopK.Params.defaults());
      ServedModel approx = ServedModel.load(type, "v1", p, 1, HnswTopK.Params.defaults());
      assertFalse(exact.usesHnsw());
      assertTrue(approx.usesHnsw(), type);
      for (int u = 0; u < Fixtures.USERS; u++) {
        String user = "u" + u;
        ServedModel.Ranked a = exact.recommend(user, 5, Set.of(), x -> 0),
            b = approx.recommend(user, 5, Set.of(), x -> 0);
        var ref =
            exact
                .model()
                .recommend(
                    u, 5, false, null); // the model's own top-k: the SIMD brute force must match it
        for (int j = 0; j < 5; j++) {
          assertEquals("i" + ref.items()[j], a.items()[j], type + " " + user);
          assertEquals(ref.scores()[j], a.scores()[j], 1e-5f, type + " " + user);
        }
        assertArrayEquals(a.items(), b.items(), type + " " + user);
        assertArrayEquals(a.scores(), b.scores(), 1e-5f, type + " " + user);
        Set<String> seen = Set.of(a.items()[0], a.items()[2]);
        ServedModel.Ranked c = approx.recommend(user, 5, seen, x -> 0);
        assertFalse(Arrays.asList(c.items()).contains(a.items()[0]));
        assertFalse(Arrays.asList(c.items()).contains(a.items()[2]));
        assertEquals(5, c.items().length);
      }
    }
  }

  @Test
  void mlpModelsBatchedAcrossConcurrentRequestsAnswerLikeTheModel(@TempDir Path tmp)
      throws Exception {
    Fixtures.save(tmp, "neumf", "v1", "neumf", 6);
    ServedModel m =
        ServedModel.load(
            "neumf", "v1", tmp.resolve("neumf").resolve("v1"), 1, HnswTopK.Params.defaults());
    assertFalse(m.usesHnsw(), "NeuMF has no dot-product view");
    java.util.List<String> mismatches = new java.util.concurrent.CopyOnWriteArrayList<>();
    Thread[] ts = new Thread[6];
    for (int t = 0; t < ts.length; t++) {
      ts[t] =
          new Thread(() -> {
            for (int rep = 0; rep < 5; rep++) {
              for (int u = 0; u < Fixtures.USERS; u++) {
                var ref = m.model().recommend(u, 4, false, null);
                ServedModel.Ranked r = m.recommend("u" + u, 4, Set.of(), x -> 0);
                for (int j = 0; j < 4; j++) {
                  if (!r.items()[j].equals("i" + ref.items()[j])
                      || Math.abs(r.scores()[j] - ref.scores()[j]) > 1e-5f)
                    mismatches.add("u" + u + " rank " + j);
                }
              }
            }
          });
      ts[t].start();
    }
    for (Thread t : ts) t.join();
    assertTrue(
        mismatches.isEmpty(), () -> mismatches.size() + " mismatches, e.g. " + mismatches.get(0));
  }

  @Test
  void unknownUsersGetItemsByLoggedPopularityMinusTheirOwn(@TempDir Path tmp) {
    Fixtures.save(tmp, "mf", "v1", "mf", 5);
    ServedModel m =
        ServedModel.load(
            "mf",
            "v1",
            tmp.resolve("mf").resolve("v1"),
            Integer.MAX_VALUE,
            HnswTopK.Params.defaults());
    Map<String, Long> counts = Map.of("i7", 9L, "i3", 5L, "i11", 2L);
    ServedModel.Ranked r = m.recommend("newcomer", 3, Set.of(), i -> counts.getOrDefault(i, 0L));
    assertEquals("popularity", r.fallback());
    assertArrayEquals(new String[] {"i7", "i3", "i11"}, r.items());
    assertEquals(9, Math.floor(r.scores()[0]), "score = count + a tie-break below 0.5");
    r = m.recommend("newcomer", 2, Set.of("i7"), i -> counts.getOrDefault(i, 0L));
    assertArrayEquals(new String[] {"i3", "i11"}, r.items());
    assertNull(m.recommend("u1", 3, Set.of(), i -> 0).fallback());
  }

  @Test
  void unknownUsersWithEventsAreFoldedInByDotProductModelsOnly(@TempDir Path tmp) {
    Fixtures.save(tmp, "mf", "v1", "mf", 5);
    Fixtures.save(tmp, "neumf", "v1", "neumf", 5);
    ServedModel mf =
        ServedModel.load(
            "mf",
            "v1",
            tmp.resolve("mf").resolve("v1"),
            Integer.MAX_VALUE,
            HnswTopK.Params.defaults());
    ServedModel neumf =
        ServedModel.load(
            "neumf",
            "v1",
            tmp.resolve("neumf").resolve("v1"),
            Integer.MAX_VALUE,
            HnswTopK.Params.defaults());
    Set<String> history = Set.of("i0", "i2", "i4");
    ServedModel.Ranked r = mf.recommend("newcomer", 5, true, history, history, i -> 0);
    assertEquals("fold_in", r.fallback());
    assertEquals(5, r.items().length);
    for (String item : r.items())
      assertFalse(history.contains(item), "history items are excluded: " + item);
    assertArrayEquals(
        r.items(),
        mf.recommend("newcomer", 5, true, history, history, i -> 0).items(),
        "deterministic");
    assertEquals(
        "popularity",
        mf.recommend("newcomer", 5, true, Set.of(), Set.of(), i -> 0).fallback(),
        "no events: popularity");
    assertEquals(
        "popularity",
        mf.recommend("newcomer", 5, true, Set.of(), Set.of("not-an-item"), i -> 0).fallback());
    assertEquals(
        "popularity",
        neumf.recommend("newcomer", 5, true, history, history, i -> 0).fallback(),
        "MLP models: popularity");
    assertNull(
        mf.recommend("u3", 5, true, history, history, i -> 0).fallback(),
        "known users are scored as usual");
  }

  @Test
  void trainingItemsStoredInTheArtifactAreExcludedOnRequest(@TempDir Path tmp) {
    for (String type : new String[] {"mf", "neumf"}) {
      Fixtures.saveWithTraining(tmp, type, "v1.zip", type, 4);
      ServedModel m =
          ServedModel.load(
              type,
              "v1",
              tmp.resolve(type).resolve("v1.zip"),
              Integer.MAX_VALUE,
              HnswTopK.Params.defaults());
      for (int u = 0; u < Fixtures.USERS; u++) {
        ServedModel.Ranked fresh = m.recommend("u" + u, 5, true, Set.of(), x -> 0);
        for (String item : fresh.items()) {
          int i = Integer.parseInt(item.substring(1));
          assertEquals(
              1, (u + i) % 2, type + ": u" + u + " got " + item + ", an item it had in training");
        }
        ServedModel.Ranked any = m.recommend("u" + u, Fixtures.ITEMS, false, Set.of(), x -> 0);
        assertEquals(
            Fixtures.ITEMS, any.items().length, "without exclusion every item is eligible");
      }
    }
  }

  @Test
  void candidatesAreRankedByPairScoreMinusExclusionsAndUnknownUsersByPopularity(@TempDir Path tmp) {
    Fixtures.saveWithTraining(tmp, "mf", "v1", "mf", 4);
    ServedModel m =
        ServedModel.load(
            "mf",
            "v1",
            tmp.resolve("mf").resolve("v1"),
            Integer.MAX_VALUE,
            HnswTopK.Params.defaults());
    int u = m.userId("u2");
    int[] cand = {m.itemId("i5"), m.itemId("i0"), m.itemId("i9"), m.itemId("i5"), m.itemId("i4")};
    ServedModel.Ranked all = m.recommendAmong("u2", cand, 10, false, Set.of(), Set.of(), x -> 0);
    int[] distinct = {cand[0], cand[1], cand[2], cand[4]};
    float[] s = m.scorePairs(new int[] {u, u, u, u}, distinct);
    int[] order = ServedModel.descending(s);
    for (int j = 0; j < 4; j++) {
      assertEquals("i" + distinct[order[j]], all.items()[j], "an item given twice counts once");
      assertEquals(s[order[j]], all.scores()[j], "the pair score, exactly");
    }
    assertEquals(4, all.items().length);
    assertNull(all.fallback());
    assertArrayEquals(
        Arrays.copyOf(all.items(), 2),
        m.recommendAmong("u2", cand, 2, false, Set.of(), Set.of(), x -> 0).items());
    ServedModel.Ranked unseen =
        m.recommendAmong("u2", cand, 10, true, Set.of("i9"), Set.of(), x -> 0);
    assertEquals(Set.of("i5"), Set.of(unseen.items()), "u2 had i0 and i4 in training; i9 logged");
    ServedModel.Ranked cold =
        m.recommendAmong("newcomer", cand, 10, true, Set.of(), Set.of(), x -> 0);
    assertEquals("popularity", cold.fallback());
    assertEquals(Set.of("i5", "i0", "i9", "i4"), Set.of(cold.items()));
  }

  @Test
  void descendingKeepsEqualScoresInTheOrderGiven() {
    assertArrayEquals(
        new int[] {1, 3, 0, 2, 5, 4},
        ServedModel.descending(new float[] {1f, 3f, 1f, 2f, -1f, 0f}));
    assertArrayEquals(new int[] {0, 1, 2}, ServedModel.descending(new float[] {0.5f, 0.5f, 0.5f}));
    assertArrayEquals(new int[0], ServedModel.descending(new float[0]));
  }

  @Test
  void modelsWithoutItemTablesHaveNoEmbeddings() {
    assertNull(ItemEmbeddings.of(Map.of(), 10));
  }
}
