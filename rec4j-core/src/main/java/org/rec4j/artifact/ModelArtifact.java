package org.rec4j.artifact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.data.IdIndex;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.Tensor;

/**
 * The versioned, self-describing model artifact: a directory holding
 *
 * <ul>
 *   <li>{@code model.json}: {@code format} ("rec4j-model") and {@code format_version}, the registry
 *       name of the model, its resolved {@code options}, the trainer settings, provenance (seed,
 *       data description and hash, rec4j version, git commit, creation time) and the training
 *       metrics;
 *   <li>{@code weights.safetensors}: every parameter and buffer under its dotted name ({@link
 *       SafeTensors});
 *   <li>{@code ids.json}: the raw user and item ids in dense-id order;
 *   <li>optionally {@code seen.bin}: the training interactions, so a loaded model can exclude what
 *       each user has already seen (little-endian: magic {@code R4JSEEN1}, int32 users, items,
 *       count, then count user ids and count item ids, dense); {@code model.json} then also holds
 *       {@code item_popularity}, the training count of every item (the cold-user fallback of a
 *       server);
 *   <li>{@code checksums.sha256}: SHA-256 of the files above, in {@code sha256sum} format.
 * </ul>
 *
 * <p>Diverged weights (NaN, infinite, or beyond ±{@link
 * org.rec4j.train.DivergenceGuard#WEIGHT_LIMIT}) are never written nor read: {@code save} refuses
 * them (an {@link IllegalArgumentException} naming the parameter) and {@code load} rejects a file
 * holding them (an {@link ArtifactException} naming the file and the parameter).
 *
 * <p>The optional file and key were added without a version bump: readers ignore what they do not
 * know and verify every file that {@code checksums.sha256} lists.
 *
 * <p>Writing goes to a temporary sibling directory (with the default permissions, umask respected)
 * that is renamed into place (atomically where the file system allows), so a reader never sees half
 * an artifact. Reading verifies every checksum and the format version before building the model;
 * readers keep accepting every earlier version.
 *
 * <p>A target whose name ends in {@code .zip} gets the same four files as one zip archive (no
 * folder inside), written to a temporary sibling file and renamed; {@link #load} accepts either
 * form. Only the four known entry names are read from a zip, so an archive cannot write outside its
 * extraction directory.
 */
public final class ModelArtifact {
  /** The format name in {@code model.json}. */
  public static final String FORMAT = "rec4j-model";

  /** The version this code writes; readers accept 1..VERSION. */
  public static final int VERSION = 2;

  static final String MODEL = "model.json";
  static final String WEIGHTS = "weights.safetensors";
  static final String IDS = "ids.json";
  static final String CHECKSUMS = "checksums.sha256";
  static final String SEEN = "seen.bin";
  private static final long SEEN_MAGIC =
      0x314e454553_4a3452L; // "R4JSEEN1" read as a little-endian long
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelArtifact() {}

  /** A loaded artifact: the model, its id maps and the parsed {@code model.json}. */
  public record Loaded(Recommender model, IdIndex users, IdIndex items, JsonNode metadata) {}

  /**
   * Saves {@code model} into directory {@code dir} (replacing an earlier artifact there).
   *
   * @param trainer trainer settings to record (string-keyed, snake_case), may be empty
   * @param provenance seed, data description/hash, version, commit…, may be empty
   * @param metrics training/evaluation metrics to record, may be empty
   */
  public static void save(
      Path dir,
      Persistable model,
      IdIndex users,
      IdIndex items,
      Map<String, Object> trainer,
      Map<String, Object> provenance,
      Map<String, Double> metrics) {
    save(dir, model, users, items, null, trainer, provenance, metrics);
  }

  /**
   * Saves {@code model} with its training interactions {@code train} (whose id maps become {@code
   * ids.json}): the loaded model then excludes seen items, and {@code model.json} holds the items'
   * training counts.
   */
  public static void save(
      Path dir,
      Persistable model,
      org.rec4j.data.Interactions train,
      Map<String, Object> trainer,
      Map<String, Object> provenance,
      Map<String, Double> metrics) {
    save(dir, model, train.userIndex(), train.itemIndex(), train, trainer, provenance, metrics);
  }

  private static void save(
      Path dir,
      Persistable model,
      IdIndex users,
      IdIndex items,
      org.rec4j.data.Interactions train,
      Map<String, Object> trainer,
      Map<String, Object> provenance,
      Map<String, Double> metrics) {
    Map<String, Tensor> state = model.stateDict();
    for (Map.Entry<String, Tensor> e : state.entrySet()) {
      int bad = firstDiverged(e.getValue());
      if (bad >= 0) {
        throw new IllegalArgumentException(
            "refusing to save "
                + model.name()
                + " to "
                + dir
                + ": parameter '"
                + e.getKey()
                + "' holds "
                + e.getValue().data()[bad]
                + " at index "
                + bad
                + " (a diverged run? lower the learning rate)");
      }
    }
    if (isZipName(dir)) {
      saveZip(dir, model, users, items, train, trainer, provenance, metrics);
      return;
    }
    Path abs = dir.toAbsolutePath();
    Path parent = abs.getParent();
    try {
      Files.createDirectories(parent);
      if (Files.exists(abs) && !Files.exists(abs.resolve(MODEL))) {
        try (var s = Files.list(abs)) {
          if (s.findAny().isPresent())
            throw new ArtifactException(
                abs + " exists and is not a rec4j model artifact; refusing to overwrite it");
        }
      }
      Path tmp = createSibling(abs, true);
      Map<String, Object> meta = new LinkedHashMap<>();
      meta.put("format", FORMAT);
      meta.put("format_version", VERSION);
      meta.put("model", model.name());
      org.rec4j.model.ModelSpec spec = model.spec();
      meta.put("options", specToMap(spec));
      if (!spec.inputs().isEmpty()) meta.put("inputs", spec.inputs());
      meta.put("trainer", trainer);
      meta.put("provenance", provenance);
      meta.put("metrics", metricsForJson(metrics));
      meta.put("parameters", model.parameterCount());
      if (train != null) {
        int[] pop = new int[model.numItems()];
        for (int r = 0; r < train.size(); r++) if (train.item(r) < pop.length) pop[train.item(r)]++;
        meta.put("item_popularity", pop);
        writeSeen(tmp.resolve(SEEN), train);
      }
      try (OutputStream out = Files.newOutputStream(tmp.resolve(WEIGHTS))) {
        SafeTensors.write(out, state, Map.of("format", FORMAT, "model", model.name()));
      }
      Map<String, Object> ids = new LinkedHashMap<>();
      ids.put("users", raw(users));
      ids.put("items", raw(items));
      JSON.writeValue(tmp.resolve(IDS).toFile(), ids);
      JSON.writeValue(tmp.resolve(MODEL).toFile(), meta);
      StringBuilder sums = new StringBuilder();
      for (String f : List.of(MODEL, WEIGHTS, IDS, SEEN)) {
        if (Files.exists(tmp.resolve(f)))
          sums.append(sha256(tmp.resolve(f))).append("  ").append(f).append('\n');
      }
      Files.writeString(tmp.resolve(CHECKSUMS), sums);
      replace(tmp, abs);
    } catch (IOException e) {
      throw new ArtifactException("cannot write model artifact " + abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * Moves the finished temporary directory into place, keeping the old artifact until the new one
   * is there.
   */
  private static void replace(Path tmp, Path target) throws IOException {
    Path old = null;
    if (Files.exists(target)) {
      old = target.resolveSibling(target.getFileName() + ".old-" + System.nanoTime());
      Files.move(target, old);
    }
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target);
    }
    if (old != null) deleteTree(old);
  }

  private static void deleteTree(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      for (Path x : s.sorted(java.util.Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
    }
  }

  private static boolean isZipName(Path p) {
    return p.getFileName() != null
        && p.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
  }

  private static void saveZip(
      Path zip,
      Persistable model,
      IdIndex users,
      IdIndex items,
      org.rec4j.data.Interactions train,
      Map<String, Object> trainer,
      Map<String, Object> provenance,
      Map<String, Double> metrics) {
    Path abs = zip.toAbsolutePath();
    Path dir = null;
    try {
      Files.createDirectories(abs.getParent());
      dir = Files.createTempDirectory(abs.getParent(), abs.getFileName() + ".dir-");
      Path inner = dir.resolve("artifact");
      save(inner, model, users, items, train, trainer, provenance, metrics);
      pack(inner, abs);
    } catch (IOException e) {
      throw new ArtifactException("cannot write model artifact " + abs + ": " + e.getMessage(), e);
    } finally {
      if (dir != null) {
        try {
          deleteTree(dir);
        } catch (IOException ignored) {
          // best effort: a leftover temporary directory is harmless
        }
      }
    }
  }

  /**
   * Packs the artifact directory {@code dir} (after verifying it) into the zip file {@code zip},
   * written to a temporary sibling and renamed into place.
   */
  public static void pack(Path dir, Path zip) {
    Path abs = zip.toAbsolutePath();
    try {
      verifyChecksums(dir.toAbsolutePath());
      Files.createDirectories(abs.getParent());
      Path tmp = createSibling(abs, false);
      try {
        try (var zout = new java.util.zip.ZipOutputStream(Files.newOutputStream(tmp))) {
          for (String f : List.of(MODEL, WEIGHTS, IDS, SEEN, CHECKSUMS)) {
            if (!Files.exists(dir.resolve(f))) continue;
            zout.putNextEntry(new java.util.zip.ZipEntry(f));
            Files.copy(dir.resolve(f), zout);
            zout.closeEntry();
          }
        }
        moveIntoPlace(tmp, abs);
      } finally {
        Files.deleteIfExists(tmp);
      }
    } catch (IOException e) {
      throw new ArtifactException("cannot write model artifact " + abs + ": " + e.getMessage(), e);
    }
  }

  private static Loaded loadZip(Path zip) {
    Path tmp = null;
    try {
      tmp = Files.createTempDirectory("rec4j-artifact-");
      java.util.Set<String> known = java.util.Set.of(MODEL, WEIGHTS, IDS, SEEN, CHECKSUMS);
      try (var zin = new java.util.zip.ZipInputStream(Files.newInputStream(zip))) {
        for (var e = zin.getNextEntry(); e != null; e = zin.getNextEntry()) {
          if (e.isDirectory() || !known.contains(e.getName())) {
            throw new ArtifactException(
                zip + ": unexpected entry '" + e.getName() + "', a model zip holds only " + known);
          }
          Files.copy(zin, tmp.resolve(e.getName()));
        }
      } catch (java.util.zip.ZipException | java.nio.file.FileAlreadyExistsException e) {
        throw new ArtifactException(zip + ": not a valid model zip (" + e.getMessage() + ")", e);
      }
      Loaded l = load(tmp);
      return l;
    } catch (IOException e) {
      throw new ArtifactException("cannot read model artifact " + zip + ": " + e.getMessage(), e);
    } catch (ArtifactException e) {
      String m = e.getMessage();
      throw tmp != null && m != null && m.contains(tmp.toString())
          ? new ArtifactException(m.replace(tmp.toString(), zip + "!"), e)
          : e;
    } finally {
      if (tmp != null) {
        try {
          deleteTree(tmp);
        } catch (IOException ignored) {
          // best effort
        }
      }
    }
  }

  /** Loads and verifies the artifact in directory or zip file {@code dir}. */
  public static Loaded load(Path dir) {
    Path abs = dir.toAbsolutePath();
    if (Files.isRegularFile(abs)) return loadZip(abs);
    if (!Files.isDirectory(abs))
      throw new ArtifactException(abs + ": no such model directory or zip file");
    try {
      verifyChecksums(abs);
      JsonNode meta = JSON.readTree(abs.resolve(MODEL).toFile());
      if (!FORMAT.equals(meta.path("format").asText())) {
        throw new ArtifactException(
            abs.resolve(MODEL)
                + ": format is '"
                + meta.path("format").asText()
                + "', expected '"
                + FORMAT
                + "'");
      }
      int version = meta.path("format_version").asInt(-1);
      if (version < 1 || version > VERSION) {
        throw new ArtifactException(
            abs.resolve(MODEL)
                + ": format_version "
                + version
                + " is not supported (this rec4j reads 1.."
                + VERSION
                + ")");
      }
      Recommender model = restore(meta, abs.resolve(MODEL));
      Map<String, Tensor> state = SafeTensors.read(abs.resolve(WEIGHTS), null);
      for (Map.Entry<String, Tensor> e : state.entrySet()) {
        int bad = firstDiverged(e.getValue());
        if (bad >= 0) {
          throw new ArtifactException(
              abs.resolve(WEIGHTS)
                  + ": parameter '"
                  + e.getKey()
                  + "' holds "
                  + e.getValue().data()[bad]
                  + " at index "
                  + bad
                  + "; a model with non-finite or exploded weights cannot be loaded (it came from a diverged run)");
        }
      }
      model.loadStateDict(state);
      JsonNode ids = JSON.readTree(abs.resolve(IDS).toFile());
      if (Files.exists(abs.resolve(SEEN)) && model instanceof Persistable nr)
        nr.rememberSeen(readSeen(abs.resolve(SEEN), model));
      return new Loaded(model, index(ids.path("users")), index(ids.path("items")), meta);
    } catch (IOException e) {
      throw new ArtifactException("cannot read model artifact " + abs + ": " + e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new ArtifactException(abs + ": " + e.getMessage(), e);
    }
  }

  /**
   * The index of the first value of {@code t} that only a diverged run produces — NaN, infinite, or
   * beyond ±{@link org.rec4j.train.DivergenceGuard#WEIGHT_LIMIT} — or −1.
   */
  private static int firstDiverged(Tensor t) {
    float[] d = t.data();
    for (int i = 0; i < d.length; i++)
      if (!Float.isFinite(d[i]) || Math.abs(d[i]) > org.rec4j.train.DivergenceGuard.WEIGHT_LIMIT)
        return i;
    return -1;
  }

  private static void verifyChecksums(Path dir) throws IOException {
    Path sums = dir.resolve(CHECKSUMS);
    if (!Files.exists(sums))
      throw new ArtifactException(sums + ": missing; the artifact is incomplete");
    int checked = 0;
    for (String line : Files.readAllLines(sums)) {
      if (line.isBlank()) continue;
      String[] p = line.split("  ", 2);
      if (p.length != 2)
        throw new ArtifactException(
            sums + ": malformed line '" + line + "', expected '<sha256>  <file>'");
      Path f = dir.resolve(p[1]);
      if (!Files.exists(f))
        throw new ArtifactException(f + ": listed in " + CHECKSUMS + " but missing");
      String actual = sha256(f);
      if (!actual.equals(p[0]))
        throw new ArtifactException(
            f
                + ": checksum mismatch (expected "
                + p[0]
                + ", got "
                + actual
                + "); the file is corrupt or was edited");
      checked++;
    }
    if (checked < 3)
      throw new ArtifactException(
          sums
              + ": lists "
              + checked
              + " files, expected "
              + MODEL
              + ", "
              + WEIGHTS
              + " and "
              + IDS);
  }

  private static void writeSeen(Path f, org.rec4j.data.Interactions train) throws IOException {
    int n = train.size();
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.allocate(8 + 12 + 8 * n).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    b.putLong(SEEN_MAGIC)
        .putInt(train.userIndex().size())
        .putInt(train.itemIndex().size())
        .putInt(n);
    for (int r = 0; r < n; r++) b.putInt(train.user(r));
    for (int r = 0; r < n; r++) b.putInt(train.item(r));
    Files.write(f, b.array());
  }

  private static org.rec4j.data.Csr readSeen(Path f, Recommender model) throws IOException {
    java.nio.ByteBuffer b =
        java.nio.ByteBuffer.wrap(Files.readAllBytes(f)).order(java.nio.ByteOrder.LITTLE_ENDIAN);
    if (b.remaining() < 20 || b.getLong() != SEEN_MAGIC)
      throw new ArtifactException(f + ": not a rec4j seen-items file (bad magic)");
    int users = b.getInt(), items = b.getInt(), n = b.getInt();
    if (n < 0 || b.remaining() != 8L * n)
      throw new ArtifactException(
          f + ": holds " + b.remaining() + " bytes after the header, expected " + 8L * n);
    int[] u = new int[n], it = new int[n];
    for (int r = 0; r < n; r++) u[r] = b.getInt();
    for (int r = 0; r < n; r++) it[r] = b.getInt();
    for (int r = 0; r < n; r++) {
      if (u[r] < 0 || u[r] >= users || it[r] < 0 || it[r] >= items) {
        throw new ArtifactException(
            f
                + ": entry "
                + r
                + " ("
                + u[r]
                + ", "
                + it[r]
                + ") is outside "
                + users
                + " users x "
                + items
                + " items");
      }
    }
    return org.rec4j.data.Csr.build(Math.max(users, model.numUsers()), u, it, n);
  }

  /**
   * The metrics as written to model.json: epoch numbers ({@code best_epoch…}) as integers,
   * everything else as is.
   */
  private static Map<String, Object> metricsForJson(Map<String, Double> metrics) {
    Map<String, Object> out = new java.util.LinkedHashMap<>();
    metrics.forEach((k, v) ->
        out.put(
            k,
            k.startsWith("best_epoch") && v != null && v == Math.rint(v)
                ? (Object) v.longValue()
                : v));
    return out;
  }

  /**
   * Creates a new empty file ({@code directory} false) or directory next to {@code target}, named
   * after it with a random {@code .tmp-} suffix, with the permissions any new file or directory
   * gets (0666 or 0777 less the umask). Unlike {@link Files#createTempFile}, whose files are
   * owner-only, what is renamed into place then reads like a file the user wrote.
   */
  public static Path createSibling(Path target, boolean directory) throws IOException {
    Path abs = target.toAbsolutePath();
    for (int attempt = 0; ; attempt++) {
      String suffix =
          Long.toUnsignedString(java.util.concurrent.ThreadLocalRandom.current().nextLong(), 36);
      Path p = abs.resolveSibling(abs.getFileName() + ".tmp-" + suffix);
      try {
        return directory ? Files.createDirectory(p) : Files.createFile(p);
      } catch (java.nio.file.FileAlreadyExistsException e) {
        if (attempt >= 100) throw e;
      }
    }
  }

  /**
   * Renames the finished file {@code tmp} over {@code target} (a sibling), atomically where the
   * file system allows, so readers see the old file or the new one, never half of one.
   */
  public static void moveIntoPlace(Path tmp, Path target) throws IOException {
    try {
      Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING);
    }
  }

  /** SHA-256 of a file as lower-case hex. */
  public static String sha256(Path f) throws IOException {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      try (var in = Files.newInputStream(f)) {
        byte[] buf = new byte[1 << 16];
        for (int n; (n = in.read(buf)) > 0; ) md.update(buf, 0, n);
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 unavailable", e);
    }
  }

  private static List<String> raw(IdIndex idx) {
    List<String> out = new ArrayList<>(idx.size());
    for (int i = 0; i < idx.size(); i++) out.add(idx.raw(i));
    return out;
  }

  private static IdIndex index(JsonNode arr) {
    IdIndex idx = new IdIndex();
    for (JsonNode n : arr) idx.add(n.asText());
    return idx;
  }

  /**
   * The {@code options} object of {@code model.json}: the id space, task and seed, then the model's
   * resolved settings. (Format 1 wrote every id-model option, read or not; format 2 writes the
   * settings the model declares. Both load: keys a model does not read are ignored.)
   */
  public static Map<String, Object> specToMap(org.rec4j.model.ModelSpec spec) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("num_users", spec.numUsers());
    m.put("num_items", spec.numItems());
    m.put("rating", spec.rating());
    m.put("seed", spec.seed());
    m.putAll(spec.settings().asMap());
    return m;
  }

  /** Rebuilds the (untrained) model {@code model.json} describes, through the registry. */
  @SuppressWarnings("unchecked")
  private static Recommender restore(JsonNode meta, Path where) {
    JsonNode n = meta.path("options");
    for (String k : List.of("num_users", "num_items", "rating", "seed")) {
      if (!n.has(k)) throw new ArtifactException(where + ": options lack key '" + k + "'");
    }
    Map<String, Object> settings = JSON.convertValue(n, Map.class);
    for (String k : List.of("num_users", "num_items", "rating", "seed")) settings.remove(k);
    Map<String, Object> inputs =
        meta.has("inputs") ? JSON.convertValue(meta.path("inputs"), Map.class) : Map.of();
    return ModelRegistry.restore(
        meta.path("model").asText(),
        org.rec4j.model.ModelInputs.ids(
            n.path("num_users").asInt(),
            n.path("num_items").asInt(),
            n.path("rating").asBoolean(),
            n.path("seed").asLong()),
        settings,
        inputs);
  }
}
