package org.rec4j.serve;

import java.nio.file.Path;
import java.util.Map;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.train.TrainerConfig;

/**
 * Tiny trained models saved as artifacts for the server tests: 30 users u0..u29 and 20 items
 * i0..i19 where user u likes item i when (u + i) is even, trained for a few epochs (well under a
 * second each).
 */
final class Fixtures {
  static final int USERS = 30;
  static final int ITEMS = 20;

  private Fixtures() {}

  static IdIndex ids(String prefix, int n) {
    IdIndex idx = new IdIndex();
    for (int i = 0; i < n; i++) idx.add(prefix + i);
    return idx;
  }

  /** The training data: user u likes item i when (u + i) is even. */
  static Interactions data() {
    IdIndex users = ids("u", USERS), items = ids("i", ITEMS);
    InteractionsBuilder b = Interactions.builder(users, items);
    for (int u = 0; u < USERS; u++)
      for (int i = 0; i < ITEMS; i++) if ((u + i) % 2 == 0) b.add(u, i, 1f);
    return b.build();
  }

  /** A model of registry {@code type} trained with {@code seed}. */
  static NeuralRecommender trained(String type, long seed) {
    NeuralRecommender m =
        (NeuralRecommender)
            ModelRegistry.create(type, ModelOptions.implicit(USERS, ITEMS, 4).withSeed(seed));
    m.fit(data(), null, TrainerConfig.implicitDefaults().withEpochs(3));
    return m;
  }

  /**
   * As {@link #save} but with the training interactions in the artifact (seen items, item
   * popularity).
   */
  static void saveWithTraining(Path dir, String name, String version, String type, long seed) {
    ModelArtifact.save(
        dir.resolve(name).resolve(version),
        trained(type, seed),
        data(),
        Map.of("epochs", 3),
        Map.of("seed", seed),
        Map.of());
  }

  /**
   * Saves a trained {@code type} model as {@code dir/name/version} ({@code version} may end in
   * .zip).
   */
  static void save(Path dir, String name, String version, String type, long seed) {
    ModelArtifact.save(
        dir.resolve(name).resolve(version),
        trained(type, seed),
        ids("u", USERS),
        ids("i", ITEMS),
        Map.of("epochs", 3),
        Map.of("seed", seed),
        Map.of());
  }

  /**
   * Saves a trained {@code type} model as the artifact directory {@code target} itself (no version
   * level).
   */
  static void saveArtifact(Path target, String type, long seed) {
    ModelArtifact.save(
        target,
        trained(type, seed),
        ids("u", USERS),
        ids("i", ITEMS),
        Map.of("epochs", 3),
        Map.of("seed", seed),
        Map.of());
  }

  /**
   * Replaces {@code file} of the artifact directory {@code artifact} with {@code bytes} and updates
   * its line in {@code checksums.sha256}, so the artifact passes the checksum check and fails (or
   * not) on the content alone.
   */
  static void rewriteVerified(Path artifact, String file, byte[] bytes) throws java.io.IOException {
    java.nio.file.Files.write(artifact.resolve(file), bytes);
    Path sums = artifact.resolve("checksums.sha256");
    StringBuilder out = new StringBuilder();
    for (String line : java.nio.file.Files.readAllLines(sums)) {
      out.append(
              line.endsWith("  " + file)
                  ? ModelArtifact.sha256(artifact.resolve(file)) + "  " + file
                  : line)
          .append('\n');
    }
    java.nio.file.Files.writeString(sums, out);
  }

  /** mf v1 and v2 (directories) and neumf v1 (zip). */
  static Path modelsDir(Path dir) {
    save(dir, "mf", "v1", "mf", 1);
    save(dir, "mf", "v2", "mf", 2);
    save(dir, "neumf", "v1.zip", "neumf", 3);
    return dir;
  }
}
