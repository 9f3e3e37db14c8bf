package org.rec4j.artifact;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.model.Persistable;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.TrainerConfig;

/**
 * Artifact round trip, integrity checks, and the checked-in version-1 artifact that must keep
 * loading.
 */
class ModelArtifactTest {
  static IdIndex ids(String prefix, int n) {
    IdIndex idx = new IdIndex();
    for (int i = 0; i < n; i++) idx.add(prefix + (100 + i));
    return idx;
  }

  static Persistable trained(String name) {
    IdIndex users = ids("u", 10), items = ids("i", 7);
    InteractionsBuilder b = Interactions.builder(users, items);
    for (int u = 0; u < 10; u++)
      for (int i = 0; i < 7; i++) if ((u + 2 * i) % 3 == 0) b.add(u, i, 1f);
    Persistable m = (Persistable) org.rec4j.model.TestModels.build(name, 10, 7, false, 42);
    org.rec4j.model.TestModels.fit(m, b.build(), TrainerConfig.implicitDefaults().withEpochs(2));
    return m;
  }

  @Test
  void saveThenLoadGivesBitIdenticalScoresForEveryModel(@TempDir Path tmp) {
    for (String name : ModelRegistry.names()) {
      Persistable m = trained(name);
      Path dir = tmp.resolve(name);
      ModelArtifact.save(
          dir,
          m,
          ids("u", 10),
          ids("i", 7),
          Map.of("epochs", 2),
          Map.of("seed", 42),
          Map.of("hr@10", 0.5, "best_epoch", 2.0));
      ModelArtifact.Loaded l = ModelArtifact.load(dir);
      assertEquals(name, l.model().name());
      assertEquals(3, l.users().get("u103"));
      assertEquals("i106", l.items().raw(6));
      float[] a = new float[7], b = new float[7];
      int[] all = {0, 1, 2, 3, 4, 5, 6};
      for (int u = 0; u < 10; u++) {
        m.score(u, all, a);
        l.model().score(u, all, b);
        assertArrayEquals(a, b, 0f, name + " user " + u);
      }
      assertEquals(0.5, l.metadata().path("metrics").path("hr@10").asDouble());
      assertTrue(
          l.metadata().path("metrics").path("best_epoch").isIntegralNumber(),
          "an epoch number is written as an integer");
    }
  }

  @Test
  void corruptionAndVersionsAreRejectedWithTheFileNamed(@TempDir Path tmp) throws Exception {
    Path dir = tmp.resolve("m");
    ModelArtifact.save(dir, trained("mf"), ids("u", 10), ids("i", 7), Map.of(), Map.of(), Map.of());
    byte[] w = Files.readAllBytes(dir.resolve("weights.safetensors"));
    w[w.length - 1] ^= 1;
    Files.write(dir.resolve("weights.safetensors"), w);
    ArtifactException e = assertThrows(ArtifactException.class, () -> ModelArtifact.load(dir));
    assertTrue(
        e.getMessage().contains("weights.safetensors")
            && e.getMessage().contains("checksum mismatch"),
        e.getMessage());

    Path dir2 = tmp.resolve("m2");
    ModelArtifact.save(
        dir2, trained("mf"), ids("u", 10), ids("i", 7), Map.of(), Map.of(), Map.of());
    String json =
        Files.readString(dir2.resolve("model.json"))
            .replace("\"format_version\" : " + ModelArtifact.VERSION, "\"format_version\" : 99");
    Files.writeString(dir2.resolve("model.json"), json);
    String sums = Files.readString(dir2.resolve("checksums.sha256"));
    String newSum = ModelArtifact.sha256(dir2.resolve("model.json"));
    Files.writeString(dir2.resolve("checksums.sha256"), sums.replaceFirst("^[0-9a-f]{64}", newSum));
    e = assertThrows(ArtifactException.class, () -> ModelArtifact.load(dir2));
    assertTrue(e.getMessage().contains("format_version 99"), e.getMessage());
    assertThrows(ArtifactException.class, () -> ModelArtifact.load(tmp.resolve("missing")));
  }

  @Test
  void zipArtifactsRoundTripAndRejectForeignEntries(@TempDir Path tmp) throws Exception {
    NeuralRecommender m = (NeuralRecommender) trained("neumf");
    Path zip = tmp.resolve("out/neumf.zip");
    ModelArtifact.save(zip, m, ids("u", 10), ids("i", 7), Map.of(), Map.of("seed", 7), Map.of());
    assertTrue(Files.isRegularFile(zip));
    try (var s = Files.list(zip.getParent())) {
      assertEquals(1, s.count(), "no temporary files left beside the zip");
    }
    ModelArtifact.Loaded l = ModelArtifact.load(zip);
    float[] a = new float[7], b = new float[7];
    int[] all = {0, 1, 2, 3, 4, 5, 6};
    m.score(4, all, a);
    l.model().score(4, all, b);
    assertArrayEquals(a, b, 0f);
    assertEquals(7, l.metadata().path("provenance").path("seed").asInt());

    Path dir = tmp.resolve("dir");
    ModelArtifact.save(dir, m, ids("u", 10), ids("i", 7), Map.of(), Map.of(), Map.of());
    Path packed = tmp.resolve("packed.zip");
    ModelArtifact.pack(dir, packed);
    l = ModelArtifact.load(packed);
    l.model().score(4, all, b);
    assertArrayEquals(a, b, 0f);

    Path evil = tmp.resolve("evil.zip");
    try (var z = new java.util.zip.ZipOutputStream(Files.newOutputStream(evil))) {
      z.putNextEntry(new java.util.zip.ZipEntry("../escape.txt"));
      z.write(1);
      z.closeEntry();
    }
    ArtifactException e = assertThrows(ArtifactException.class, () -> ModelArtifact.load(evil));
    assertTrue(e.getMessage().contains("unexpected entry '../escape.txt'"), e.getMessage());
    Files.writeString(tmp.resolve("junk.zip"), "not a zip");
    assertThrows(ArtifactException.class, () -> ModelArtifact.load(tmp.resolve("junk.zip")));
  }

  @Test
  void trainingInteractionsTravelWithTheArtifact(@TempDir Path tmp) throws Exception {
    IdIndex users = ids("u", 10), items = ids("i", 7);
    InteractionsBuilder b = Interactions.builder(users, items);
    for (int u = 0; u < 10; u++)
      for (int i = 0; i < 7; i++) if ((u + 2 * i) % 3 == 0) b.add(u, i, 1f);
    Interactions train = b.build();
    NeuralRecommender m = (NeuralRecommender) trained("gmf");
    ModelArtifact.save(tmp.resolve("m"), m, train, Map.of(), Map.of(), Map.of());
    ModelArtifact.Loaded l = ModelArtifact.load(tmp.resolve("m"));
    var pop = l.metadata().path("item_popularity");
    assertEquals(7, pop.size());
    for (int i = 0; i < 7; i++)
      assertEquals(train.byItem().degree(i), pop.get(i).asInt(), "item " + i);
    for (int u = 0; u < 10; u++) {
      for (int item : l.model().recommend(u, 7, true, null).items())
        assertTrue((u + 2 * item) % 3 != 0, "u" + u + " got seen item " + item);
    }
    byte[] seen = Files.readAllBytes(tmp.resolve("m/seen.bin"));
    seen[seen.length - 1] ^= 1;
    Files.write(tmp.resolve("m/seen.bin"), seen);
    ArtifactException e =
        assertThrows(ArtifactException.class, () -> ModelArtifact.load(tmp.resolve("m")));
    assertTrue(
        e.getMessage().contains("seen.bin") && e.getMessage().contains("checksum mismatch"),
        e.getMessage());
  }

  @Test
  void refusesToOverwriteANonArtifactDirectory(@TempDir Path tmp) throws Exception {
    Files.writeString(tmp.resolve("notes.txt"), "mine");
    assertThrows(
        ArtifactException.class,
        () ->
            ModelArtifact.save(
                tmp, trained("mf"), ids("u", 10), ids("i", 7), Map.of(), Map.of(), Map.of()));
    assertEquals("mine", Files.readString(tmp.resolve("notes.txt")));
  }

  @Test
  void safetensorsLayoutIsTheStandardOne() throws Exception {
    Map<String, Tensor> t = new LinkedHashMap<>();
    t.put("a", Tensor.of(new float[] {1f, 2f, 3f}, 3));
    t.put("b", Tensor.of(new float[] {4f, 5f, 6f, 7f}, 2, 2));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SafeTensors.write(out, t, Map.of());
    byte[] bytes = out.toByteArray();
    long n =
        java.nio.ByteBuffer.wrap(bytes, 0, 8).order(java.nio.ByteOrder.LITTLE_ENDIAN).getLong();
    String header = new String(bytes, 8, (int) n, java.nio.charset.StandardCharsets.UTF_8).trim();
    assertEquals(
        "{\"a\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,12]},\"b\":{\"dtype\":\"F32\",\"shape\":[2,2],\"data_offsets\":[12,28]}}",
        header);
    assertEquals(8 + n + 28, bytes.length);
    assertEquals(0, (8 + n) % 8, "data starts 8-byte aligned");
  }

  @Test
  void nonFiniteOrExplodedWeightsAreNeitherSavedNorLoaded(@TempDir Path tmp) throws Exception {
    NeuralRecommender m = (NeuralRecommender) trained("mf");
    Path good = tmp.resolve("good");
    ModelArtifact.save(good, m, ids("u", 10), ids("i", 7), Map.of(), Map.of(), Map.of());
    String name =
        m.namedParameters().entrySet().stream()
            .filter(e -> e.getValue().value().size() > 3)
            .findFirst()
            .orElseThrow()
            .getKey();
    float[] w = m.namedParameters().get(name).value().data();
    float kept = w[3];
    w[3] = Float.POSITIVE_INFINITY;
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelArtifact.save(
                    tmp.resolve("bad"),
                    m,
                    ids("u", 10),
                    ids("i", 7),
                    Map.of(),
                    Map.of(),
                    Map.of()));
    assertTrue(
        e.getMessage().contains("refusing to save mf")
            && e.getMessage().contains("parameter '" + name + "' holds Infinity at index 3"),
        e.getMessage());
    assertTrue(!Files.exists(tmp.resolve("bad")), "nothing written");
    w[3] = kept;

    // a hand-made artifact whose checksums match but whose weights hold NaN
    Map<String, Tensor> state =
        new LinkedHashMap<>(SafeTensors.read(good.resolve(ModelArtifact.WEIGHTS), null));
    state.get(name).data()[1] = Float.NaN;
    try (var out = Files.newOutputStream(good.resolve(ModelArtifact.WEIGHTS))) {
      SafeTensors.write(out, state, Map.of());
    }
    StringBuilder sums = new StringBuilder();
    for (String f : Files.readAllLines(good.resolve(ModelArtifact.CHECKSUMS))) {
      String file = f.split("  ", 2)[1];
      sums.append(ModelArtifact.sha256(good.resolve(file))).append("  ").append(file).append('\n');
    }
    Files.writeString(good.resolve(ModelArtifact.CHECKSUMS), sums);
    ArtifactException a = assertThrows(ArtifactException.class, () -> ModelArtifact.load(good));
    assertTrue(
        a.getMessage()
            .contains(
                good.resolve(ModelArtifact.WEIGHTS).toAbsolutePath()
                    + ": parameter '"
                    + name
                    + "' holds NaN at index 1"),
        a.getMessage());
    w[5] =
        1e30f; // finite but exploded, as a run with --lr 1e30 leaves it: every score would be about
    // ±1e30
    e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                ModelArtifact.save(
                    tmp.resolve("bad"),
                    m,
                    ids("u", 10),
                    ids("i", 7),
                    Map.of(),
                    Map.of(),
                    Map.of()));
    assertTrue(
        e.getMessage().contains("parameter '" + name + "' holds 1.0E30 at index 5"),
        e.getMessage());
  }

  /**
   * A model saved by format version 1 (checked into test resources) must keep loading and scoring
   * the same.
   */
  @Test
  void versionOneArtifactStillLoads() throws Exception {
    Path dir = Path.of(getClass().getResource("/artifacts/v1-mf").toURI());
    ModelArtifact.Loaded l = ModelArtifact.load(dir);
    assertEquals("mf", l.model().name());
    float[] expected = new float[7];
    String[] s = Files.readString(dir.resolve("../v1-mf-expected-scores.txt")).trim().split("\\s+");
    for (int i = 0; i < 7; i++) expected[i] = Float.parseFloat(s[i]);
    float[] got = new float[7];
    l.model().score(l.users().get("u104"), new int[] {0, 1, 2, 3, 4, 5, 6}, got);
    assertArrayEquals(expected, got, 0f);
  }

  /**
   * A CTR model saved by format version 2 (checked into test resources: DeepFM k = 4, DNN 8, on 30
   * × 12 synthetic ids with their features) must keep loading and scoring the same: its field
   * layout comes back from model.json and its user and item features from the weights file.
   */
  @Test
  void versionTwoCtrArtifactStillLoads() throws Exception {
    Path dir = Path.of(getClass().getResource("/artifacts/v2-deepfm").toURI());
    ModelArtifact.Loaded l = ModelArtifact.load(dir);
    assertEquals("deepfm", l.model().name());
    assertEquals(2, l.metadata().path("format_version").asInt());
    String[] s =
        Files.readString(dir.resolve("../v2-deepfm-expected-scores.txt")).trim().split("\\s+");
    int n = l.items().size();
    assertEquals(n, s.length);
    float[] expected = new float[n], got = new float[n];
    int[] all = new int[n];
    for (int i = 0; i < n; i++) {
      expected[i] = Float.parseFloat(s[i]);
      all[i] = i;
    }
    l.model().score(l.users().get("3"), all, got);
    assertArrayEquals(expected, got, 0f);
  }
}
