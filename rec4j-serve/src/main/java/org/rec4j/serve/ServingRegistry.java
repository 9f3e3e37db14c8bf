package org.rec4j.serve;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.rec4j.artifact.ArtifactException;
import org.rec4j.serve.topk.HnswTopK;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The models a server answers with, read from a models directory in either layout, mixed freely:
 *
 * <ul>
 *   <li>{@code MODELS_DIR/<name>/<version>/} (a rec4j artifact directory) or {@code
 *       MODELS_DIR/<name>/<version>.zip}: a model with versions;
 *   <li>{@code MODELS_DIR/<name>/model.json} etc. (what {@code rec4j train --save
 *       MODELS_DIR/<name>} writes): an artifact directly under the name, served as the single
 *       version {@value #SINGLE_VERSION}.
 * </ul>
 *
 * <p>At start ({@link #loadAll}) leftovers of interrupted saves ({@code *.tmp-*} and {@code
 * *.zip.dir-*}, see {@link org.rec4j.artifact.ModelArtifact}) are deleted with a log line, and
 * every other entry that is neither layout is named in a warning; nothing is skipped silently.
 * Several names and versions are served at once.
 *
 * <p>Each name has a current (default) version, at start the latest one that loads, versions
 * ordered naturally ({@code v2 < v10}). {@link #reload} loads and verifies a version completely
 * (checksums, HNSW index, one trial request) before an atomic switch of the current reference, so
 * requests in flight finish on the old version and no request ever sees a half-loaded one; the
 * version replaced stays in memory as {@code previous} for {@link #rollback}. Other versions are
 * loaded on first request ({@code model=name@version}). A failed load leaves everything as it was.
 */
public final class ServingRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ServingRegistry.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** The version of a model whose artifact sits directly in {@code MODELS_DIR/<name>/}. */
  public static final String SINGLE_VERSION = "v1";

  /**
   * A leftover of an interrupted save touched more recently than this may be a save in progress:
   * left alone.
   */
  static final Duration LEFTOVER_GRACE = Duration.ofMinutes(1);

  private static final String ARTIFACT_FILE = "model.json";

  /**
   * Told after every switch of a name's current version ({@code previous} is null for the first
   * load).
   */
  public interface SwapListener {
    /** {@code current} replaced {@code previous} as the default of its name. */
    void swapped(ServedModel previous, ServedModel current);
  }

  private static final class Slot {
    final AtomicReference<ServedModel> current = new AtomicReference<>();
    volatile ServedModel previous;
    final Map<String, ServedModel> loaded = new ConcurrentHashMap<>();
  }

  private final Path dir;
  private final int hnswThreshold;
  private final HnswTopK.Params hnswParams;
  private final SwapListener listener;
  private final Map<String, Slot> slots = new ConcurrentHashMap<>();

  /**
   * A registry over {@code dir}; call {@link #loadAll} to load the latest version of every model.
   */
  public ServingRegistry(
      Path dir, int hnswThreshold, HnswTopK.Params hnswParams, SwapListener listener) {
    this.dir = dir;
    this.hnswThreshold = hnswThreshold;
    this.hnswParams = hnswParams;
    this.listener = listener;
  }

  /**
   * Deletes leftovers of interrupted saves, warns about entries that are no model, then loads the
   * latest loadable version of every model; logs what it loaded and names every version that failed
   * and why. Returns how many models loaded.
   */
  public int loadAll() {
    if (Files.isRegularFile(dir.resolve(ARTIFACT_FILE))) {
      Path abs = dir.toAbsolutePath().normalize();
      LOG.error(
          "{} is itself a model artifact, not a directory of models: serve its parent directory {} (it is then the model '{}'),"
              + " or move its files into {}",
          dir,
          abs.getParent(),
          abs.getFileName(),
          dir.resolve("<name>"));
    }
    tidy();
    int ok = 0;
    List<String> served = new ArrayList<>();
    for (String name : namesOnDisk()) {
      List<String> versions = versionsOnDisk(name);
      boolean loaded = false;
      for (int i = versions.size() - 1; i >= 0 && !loaded; i--) {
        try {
          ServedModel m = loadCurrent(name, versions.get(i));
          served.add(
              m.key()
                  + (isSingle(name)
                      ? " (artifact directly in " + dir.resolve(name) + ")"
                      : " (versions on disk: " + versions + ")"));
          ok++;
          loaded = true;
        } catch (ApiException e) {
          LOG.error(
              "model {}: version {} does not load: {}", name, versions.get(i), e.getMessage());
        }
      }
      if (!loaded)
        LOG.error("model {}: no version loads (tried {}); it is not served", name, versions);
    }
    LOG.info(
        "models directory {}: serving {}",
        dir,
        served.isEmpty() ? "nothing" : String.join(", ", served));
    return ok;
  }

  /**
   * Deletes the leftovers of interrupted saves in the directory and in each name's directory, and
   * warns naming each entry that is neither a model nor a version (files other than zips, e.g. an
   * events database, are not models and pass without a word).
   */
  private void tidy() {
    for (Path p : list(dir)) {
      String f = p.getFileName().toString();
      if (isLeftover(f)) {
        removeLeftover(p);
      } else if (f.contains(".old-")) {
        LOG.warn(
            "{}: left over from an interrupted save (the artifact it replaced); not served and not deleted: remove it, or rename"
                + " it to serve it",
            p);
      } else if (!Files.isDirectory(p)) {
        if (f.endsWith(".zip"))
          LOG.warn(
              "{}: not served: a zip must be a version, {}",
              p,
              dir.resolve(f.substring(0, f.length() - 4)).resolve(SINGLE_VERSION + ".zip"));
      } else if (!NAME.matcher(f).matches()) {
        LOG.warn(
            "{}: not served: '{}' is not a valid model name (letters, digits, '.', '_', '-', starting with a letter or digit)",
            p,
            f);
      } else if (isSingle(f)) {
        for (Path sub : list(p)) {
          if (Files.isDirectory(sub))
            LOG.warn("{}: ignored: {} is served from the artifact in {} itself", sub, f, p);
        }
      } else {
        for (Path v : list(p)) {
          String vf = v.getFileName().toString();
          if (isLeftover(vf)) removeLeftover(v);
          else if (vf.contains(".old-"))
            LOG.warn(
                "{}: left over from an interrupted save (the version it replaced); not served and not deleted",
                v);
          else if ((Files.isDirectory(v) || vf.endsWith(".zip"))
              && !NAME.matcher(vf.replaceFirst("\\.zip$", "")).matches()) {
            LOG.warn(
                "{}: not served: '{}' is not a valid version name (letters, digits, '.', '_', '-')",
                v,
                vf);
          }
        }
        if (versionPaths(f).isEmpty()) {
          LOG.warn(
              "{}: not served: neither a model artifact ({}) nor a directory of versions ({} or {})",
              p,
              p.resolve(ARTIFACT_FILE),
              p.resolve("<version>").resolve(ARTIFACT_FILE),
              p.resolve("<version>.zip"));
        }
      }
    }
  }

  /**
   * Whether {@code f} names the temporary output of a save ({@code ModelArtifact}: {@code X.tmp-N},
   * {@code X.zip.dir-N}).
   */
  static boolean isLeftover(String f) {
    return f.contains(".tmp-") || f.contains(".zip.dir-");
  }

  /**
   * Deletes {@code p}, the leftover of an interrupted save, unless it was touched so recently that
   * a save may be writing it.
   */
  private static void removeLeftover(Path p) {
    try {
      Instant newest = newestChange(p);
      if (newest.isAfter(Instant.now().minus(LEFTOVER_GRACE))) {
        LOG.warn(
            "{}: a save in progress or just interrupted (changed at {}); not served, left alone for now",
            p,
            newest);
        return;
      }
      try (var s = Files.walk(p)) {
        for (Path x : s.sorted(Comparator.reverseOrder()).toList()) Files.deleteIfExists(x);
      }
      LOG.warn("deleted {}: left over from an interrupted save, not a model", p);
    } catch (IOException | UncheckedIOException e) {
      LOG.warn(
          "{}: left over from an interrupted save; not served; could not delete it: {}",
          p,
          e.getMessage());
    }
  }

  private static Instant newestChange(Path p) throws IOException {
    try (var s = Files.walk(p)) {
      Instant newest = Instant.EPOCH;
      for (Path x : s.toList()) {
        Instant t = Files.getLastModifiedTime(x).toInstant();
        if (t.isAfter(newest)) newest = t;
      }
      return newest;
    }
  }

  private static List<Path> list(Path d) {
    try (var s = Files.list(d)) {
      return s.sorted().toList();
    } catch (IOException e) {
      LOG.error("cannot list {}: {}", d, e.getMessage());
      return List.of();
    }
  }

  /** Whether {@code name}'s directory holds an artifact itself rather than versions. */
  private boolean isSingle(String name) {
    return Files.isRegularFile(dir.resolve(name).resolve(ARTIFACT_FILE));
  }

  /** Model names present in the directory (either layout), sorted. */
  public List<String> namesOnDisk() {
    List<String> out = new ArrayList<>();
    for (Path p : list(dir)) {
      String n = p.getFileName().toString();
      if (Files.isDirectory(p)
          && NAME.matcher(n).matches()
          && !isLeftover(n)
          && !versionPaths(n).isEmpty()) out.add(n);
    }
    return out;
  }

  /** Versions of {@code name} on disk, oldest first in natural order. */
  public List<String> versionsOnDisk(String name) {
    Map<String, Path> v = versionPaths(name);
    return new ArrayList<>(v.keySet());
  }

  private Map<String, Path> versionPaths(String name) {
    Map<String, Path> out = new TreeMap<>(ServingRegistry::compareVersions);
    Path d = dir.resolve(name);
    if (!Files.isDirectory(d)) return out;
    if (isSingle(name)) {
      out.put(SINGLE_VERSION, d);
      return out;
    }
    for (Path p : list(d)) {
      String f = p.getFileName().toString();
      if (isLeftover(f) || f.contains(".old-")) continue; // named at start by tidy()
      if (Files.isDirectory(p)) out.put(f, p);
      else if (Files.isRegularFile(p) && f.endsWith(".zip"))
        out.putIfAbsent(f.substring(0, f.length() - 4), p);
    }
    out.keySet().removeIf(v -> !NAME.matcher(v).matches());
    return out;
  }

  /** Natural order: digit runs compare as numbers, so {@code v2 < v10} and {@code 1.9 < 1.10}. */
  static int compareVersions(String a, String b) {
    Matcher ma = Pattern.compile("\\d+|\\D+").matcher(a),
        mb = Pattern.compile("\\d+|\\D+").matcher(b);
    while (ma.find() && mb.find()) {
      String x = ma.group(), y = mb.group();
      int c;
      if (Character.isDigit(x.charAt(0)) && Character.isDigit(y.charAt(0))) {
        c = new java.math.BigInteger(x).compareTo(new java.math.BigInteger(y));
      } else {
        c = x.compareTo(y);
      }
      if (c != 0) return c;
    }
    int c = Integer.compare(a.length(), b.length());
    return c != 0 ? c : a.compareTo(b);
  }

  /** Names with a loaded current version, sorted. */
  public List<String> names() {
    return slots.entrySet().stream()
        .filter(e -> e.getValue().current.get() != null)
        .map(Map.Entry::getKey)
        .sorted()
        .toList();
  }

  /** Whether at least one model is loaded. */
  public boolean ready() {
    return !names().isEmpty();
  }

  /**
   * The model for {@code spec} ({@code name} or {@code name@version}; null means {@code
   * defaultName}, or the first name when that is null too). A version that is not loaded yet is
   * loaded from disk first.
   */
  public ServedModel resolve(String spec, String defaultName) {
    String name, version = null;
    if (spec == null || spec.isBlank()) {
      name = defaultName != null ? defaultName : names().stream().findFirst().orElse(null);
      if (name == null) throw new ApiException(503, "model", "no model is loaded yet");
    } else {
      int at = spec.indexOf('@');
      name = at < 0 ? spec : spec.substring(0, at);
      version = at < 0 ? null : spec.substring(at + 1);
    }
    Slot slot = slots.get(name);
    ServedModel cur = slot == null ? null : slot.current.get();
    if (cur == null)
      throw ApiException.notFound(
          "model", "unknown model '" + name + "'; loaded models: " + names());
    if (version == null || version.equals(cur.version())) return cur;
    ServedModel m = slot.loaded.get(version);
    if (m != null) return m;
    checkName(version, "model");
    synchronized (slot) {
      m = slot.loaded.get(version);
      if (m != null) return m;
      Path p = versionPaths(name).get(version);
      if (p == null)
        throw ApiException.notFound(
            "model",
            "model '"
                + name
                + "' has no version '"
                + version
                + "'; versions: "
                + versionsOnDisk(name));
      try {
        m = load(name, version, p, "model");
      } catch (ApiException e) {
        LOG.error("request for {}@{} refused: {}", name, version, e.getMessage());
        throw e;
      }
      slot.loaded.put(version, m);
      return m;
    }
  }

  /**
   * Loads {@code name@version} from {@code p}. A version that does not load (a refused artifact, or
   * a model that fails its trial request) is a 422 naming it and the reason; the caller logs it.
   */
  private ServedModel load(String name, String version, Path p, String field) {
    long t0 = System.nanoTime();
    try {
      ServedModel m = ServedModel.load(name, version, p, hnswThreshold, hnswParams);
      LOG.info(
          "loaded {} from {} in {} ms ({} top-k{})",
          m.key(),
          p,
          (System.nanoTime() - t0) / 1_000_000,
          m.usesHnsw() ? "hnsw" : "exact",
          m.isSequential()
              ? ", sequential: reads the last "
                  + m.maxSequenceLength()
                  + " items"
                  + (m.explainsSequences() ? ", explains" : "")
              : "");
      return m;
    } catch (ArtifactException e) {
      throw new ApiException(
          422, field, "cannot load " + name + "@" + version + ": " + e.getMessage());
    } catch (RuntimeException e) {
      LOG.debug("loading {}@{} from {} failed", name, version, p, e);
      throw new ApiException(
          422,
          field,
          "cannot load "
              + name
              + "@"
              + version
              + " from "
              + p
              + ": "
              + e.getClass().getSimpleName()
              + (e.getMessage() == null ? "" : ": " + e.getMessage()));
    }
  }

  private static void checkName(String s, String field) {
    if (!NAME.matcher(s).matches())
      throw ApiException.badRequest(
          field,
          "'" + s + "' is not a valid model name or version (letters, digits, '.', '_', '-')");
  }

  /**
   * Loads version {@code version} of {@code name} (null: the latest on disk) from disk, verifies it
   * and makes it the current version; the replaced version becomes {@code previous}. Returns the
   * new current model.
   */
  public ServedModel reload(String name, String version) {
    try {
      return loadCurrent(name, version);
    } catch (ApiException e) {
      ServedModel cur = slots.containsKey(name) ? slots.get(name).current.get() : null;
      if (e.status() == 422)
        LOG.error(
            "reload of {} refused: {}; {}",
            name,
            e.getMessage(),
            cur == null ? "nothing served under that name" : "still serving " + cur.key());
      throw e;
    }
  }

  private ServedModel loadCurrent(String name, String version) {
    checkName(name, "name");
    if (version != null) checkName(version, "version");
    Map<String, Path> paths = versionPaths(name);
    if (paths.isEmpty()) {
      throw ApiException.notFound(
          "name",
          "no model '"
              + name
              + "' in "
              + dir
              + " (expected "
              + dir.resolve(name).resolve("<version>")
              + " or an artifact in "
              + dir.resolve(name)
              + ")");
    }
    String v = version != null ? version : ((TreeMap<String, Path>) paths).lastKey();
    Path p = paths.get(v);
    if (p == null)
      throw ApiException.notFound(
          "version",
          "model '" + name + "' has no version '" + v + "'; versions: " + paths.keySet());
    Slot slot = slots.computeIfAbsent(name, n -> new Slot());
    synchronized (slot) {
      ServedModel m = load(name, v, p, "version");
      swap(slot, m);
      return m;
    }
  }

  /** Makes the previous version current again (and the current one previous). */
  public ServedModel rollback(String name) {
    checkName(name, "name");
    Slot slot = slots.get(name);
    if (slot == null || slot.current.get() == null)
      throw ApiException.notFound(
          "name", "unknown model '" + name + "'; loaded models: " + names());
    synchronized (slot) {
      ServedModel prev = slot.previous;
      if (prev == null)
        throw new ApiException(
            409, "rollback", "model '" + name + "' has no previous version to roll back to");
      swap(slot, prev);
      return prev;
    }
  }

  private void swap(Slot slot, ServedModel next) {
    ServedModel old = slot.current.getAndSet(next);
    if (old != null && old != next && !old.version().equals(next.version())) slot.previous = old;
    slot.loaded
        .keySet()
        .removeIf(v ->
            !v.equals(next.version())
                && (slot.previous == null || !v.equals(slot.previous.version())));
    slot.loaded.put(next.version(), next);
    if (slot.previous != null) slot.loaded.put(slot.previous.version(), slot.previous);
    listener.swapped(old, next);
  }

  /**
   * Every loaded model: name, current and previous version, versions on disk, and each loaded
   * version.
   */
  public List<Map<String, Object>> describe() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : names()) {
      Slot s = slots.get(name);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("current", s.current.get().version());
      m.put("previous", s.previous == null ? null : s.previous.version());
      m.put("versions_on_disk", versionsOnDisk(name));
      m.put(
          "loaded",
          s.loaded.values().stream()
              .sorted(Comparator.comparing(ServedModel::version, ServingRegistry::compareVersions))
              .map(ServedModel::describe)
              .toList());
      out.add(m);
    }
    return out;
  }

  /** The current model of every name. */
  public List<ServedModel> currentModels() {
    return names().stream().map(n -> slots.get(n).current.get()).toList();
  }
}
