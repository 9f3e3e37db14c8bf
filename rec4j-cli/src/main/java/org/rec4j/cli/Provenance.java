package org.rec4j.cli;

import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.train.TrainerConfig;

/**
 * What a saved artifact records about where it came from, so any model can be retrained exactly.
 */
final class Provenance {
  private Provenance() {}

  static Map<String, Object> of(ExperimentConfig c, Dataset ds, Interactions train) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seed", c.trainer().seed());
    m.put("data", c.data().toString());
    m.put("data_name", ds.name());
    m.put("task", c.protocol().name().toLowerCase(java.util.Locale.ROOT));
    m.put(
        "split",
        c.protocol() == org.rec4j.experiment.Protocol.CTR
            ? "ctr task: seeded 8:1:1 split of the impressions"
            : c.split().toString());
    m.put("train_sha256", hash(train));
    m.put("rec4j_version", version());
    m.put("git_commit", gitCommit());
    m.put("created", java.time.Instant.now().toString());
    return m;
  }

  static Map<String, Object> trainer(TrainerConfig t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("epochs", t.epochs());
    m.put("batch", t.batchSize());
    m.put("lr", t.learningRate());
    m.put("optimizer", t.optimizer().name().toLowerCase(java.util.Locale.ROOT));
    m.put("l2", t.l2());
    m.put("objective", t.objective().name().toLowerCase(java.util.Locale.ROOT));
    m.put("negatives", t.negatives());
    m.put("threads", t.threads());
    return m;
  }

  /**
   * SHA-256 over the training (user, item, value) columns: identical data gives an identical hash.
   */
  static String hash(Interactions t) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      java.nio.ByteBuffer b = java.nio.ByteBuffer.allocate(12);
      for (int r = 0; r < t.size(); r++) {
        b.clear();
        b.putInt(t.user(r)).putInt(t.item(r)).putFloat(t.value(r));
        md.update(b.array());
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String version() {
    String v = Provenance.class.getPackage().getImplementationVersion();
    return v != null ? v : "0.1.0-SNAPSHOT";
  }

  /**
   * The commit of the working directory's git checkout, or "unknown" (read from .git, no process
   * started).
   */
  static String gitCommit() {
    try {
      java.nio.file.Path dir = java.nio.file.Path.of("").toAbsolutePath();
      while (dir != null && !java.nio.file.Files.isDirectory(dir.resolve(".git")))
        dir = dir.getParent();
      if (dir == null) return "unknown";
      String head = java.nio.file.Files.readString(dir.resolve(".git/HEAD")).trim();
      if (!head.startsWith("ref: ")) return head;
      java.nio.file.Path ref = dir.resolve(".git").resolve(head.substring(5));
      if (java.nio.file.Files.exists(ref)) return java.nio.file.Files.readString(ref).trim();
      java.nio.file.Path packed = dir.resolve(".git/packed-refs");
      if (java.nio.file.Files.exists(packed)) {
        for (String line : java.nio.file.Files.readAllLines(packed))
          if (line.endsWith(" " + head.substring(5))) return line.substring(0, 40);
      }
      return "unknown";
    } catch (java.io.IOException e) {
      return "unknown";
    }
  }
}
