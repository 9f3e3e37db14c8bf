package org.rec4j.serve;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * The models a server answers with, read from {@code MODELS_DIR/<name>/<version>/} where each version is a rec4j
 * artifact directory or a {@code <version>.zip}. Several names and versions are served at once.
 *
 * <p>Each name has a current (default) version, at start the latest one that loads, versions ordered naturally
 * ({@code v2 < v10}). {@link #reload} loads and verifies a version completely (checksums, HNSW index, one trial
 * request) before an atomic switch of the current reference, so requests in flight finish on the old version and
 * no request ever sees a half-loaded one; the version replaced stays in memory as {@code previous} for
 * {@link #rollback}. Other versions are loaded on first request ({@code model=name@version}). A failed load leaves
 * everything as it was.
 */
public final class ServingRegistry {
  private static final Logger LOG = LoggerFactory.getLogger(ServingRegistry.class);
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,127}");

  /** Told after every switch of a name's current version ({@code previous} is null for the first load). */
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

  /** A registry over {@code dir}; call {@link #loadAll} to load the latest version of every model. */
  public ServingRegistry(Path dir, int hnswThreshold, HnswTopK.Params hnswParams, SwapListener listener) {
    this.dir = dir;
    this.hnswThreshold = hnswThreshold;
    this.hnswParams = hnswParams;
    this.listener = listener;
  }

  /** Loads the latest loadable version of every model under the directory; returns how many models loaded. */
  public int loadAll() {
    int ok = 0;
    for (String name : namesOnDisk()) {
      List<String> versions = versionsOnDisk(name);
      for (int i = versions.size() - 1; i >= 0; i--) {
        try {
          reload(name, versions.get(i));
          ok++;
          break;
        } catch (ArtifactException | ApiException e) {
          LOG.error("cannot load model {}@{}: {}", name, versions.get(i), e.getMessage());
        }
      }
    }
    return ok;
  }

  /** Model names present in the directory, sorted. */
  public List<String> namesOnDisk() {
    List<String> out = new ArrayList<>();
    try (var s = Files.list(dir)) {
      s.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> NAME.matcher(n).matches()).sorted().forEach(out::add);
    } catch (IOException e) {
      LOG.error("cannot list models directory {}: {}", dir, e.getMessage());
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
    try (var s = Files.list(d)) {
      for (Path p : s.toList()) {
        String f = p.getFileName().toString();
        if (Files.isDirectory(p) && !f.contains(".tmp-") && !f.contains(".old-")) out.put(f, p);
        else if (Files.isRegularFile(p) && f.endsWith(".zip") && !f.contains(".tmp-")) out.putIfAbsent(f.substring(0, f.length() - 4), p);
      }
    } catch (IOException e) {
      LOG.error("cannot list versions of {}: {}", d, e.getMessage());
    }
    out.keySet().removeIf(v -> !NAME.matcher(v).matches());
    return out;
  }

  /** Natural order: digit runs compare as numbers, so {@code v2 < v10} and {@code 1.9 < 1.10}. */
  static int compareVersions(String a, String b) {
    Matcher ma = Pattern.compile("\\d+|\\D+").matcher(a), mb = Pattern.compile("\\d+|\\D+").matcher(b);
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
    return slots.entrySet().stream().filter(e -> e.getValue().current.get() != null).map(Map.Entry::getKey).sorted().toList();
  }

  /** Whether at least one model is loaded. */
  public boolean ready() {
    return !names().isEmpty();
  }

  /**
   * The model for {@code spec} ({@code name} or {@code name@version}; null means {@code defaultName}, or the first
   * name when that is null too). A version that is not loaded yet is loaded from disk first.
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
    if (cur == null) throw ApiException.notFound("model", "unknown model '" + name + "'; loaded models: " + names());
    if (version == null || version.equals(cur.version())) return cur;
    ServedModel m = slot.loaded.get(version);
    if (m != null) return m;
    checkName(version, "model");
    synchronized (slot) {
      m = slot.loaded.get(version);
      if (m != null) return m;
      Path p = versionPaths(name).get(version);
      if (p == null) throw ApiException.notFound("model", "model '" + name + "' has no version '" + version + "'; versions: " + versionsOnDisk(name));
      m = load(name, version, p, "model");
      slot.loaded.put(version, m);
      return m;
    }
  }

  private ServedModel load(String name, String version, Path p, String field) {
    long t0 = System.nanoTime();
    try {
      ServedModel m = ServedModel.load(name, version, p, hnswThreshold, hnswParams);
      LOG.info("loaded {} from {} in {} ms ({} top-k)", m.key(), p, (System.nanoTime() - t0) / 1_000_000, m.usesHnsw() ? "hnsw" : "exact");
      return m;
    } catch (ArtifactException e) {
      throw new ApiException(422, field, "cannot load " + name + "@" + version + ": " + e.getMessage());
    }
  }

  private static void checkName(String s, String field) {
    if (!NAME.matcher(s).matches()) throw ApiException.badRequest(field, "'" + s + "' is not a valid model name or version (letters, digits, '.', '_', '-')");
  }

  /**
   * Loads version {@code version} of {@code name} (null: the latest on disk) from disk, verifies it and makes it
   * the current version; the replaced version becomes {@code previous}. Returns the new current model.
   */
  public ServedModel reload(String name, String version) {
    checkName(name, "name");
    if (version != null) checkName(version, "version");
    Map<String, Path> paths = versionPaths(name);
    if (paths.isEmpty()) throw ApiException.notFound("name", "no model '" + name + "' in " + dir);
    String v = version != null ? version : ((TreeMap<String, Path>) paths).lastKey();
    Path p = paths.get(v);
    if (p == null) throw ApiException.notFound("version", "model '" + name + "' has no version '" + v + "'; versions: " + paths.keySet());
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
    if (slot == null || slot.current.get() == null) throw ApiException.notFound("name", "unknown model '" + name + "'; loaded models: " + names());
    synchronized (slot) {
      ServedModel prev = slot.previous;
      if (prev == null) throw new ApiException(409, "rollback", "model '" + name + "' has no previous version to roll back to");
      swap(slot, prev);
      return prev;
    }
  }

  private void swap(Slot slot, ServedModel next) {
    ServedModel old = slot.current.getAndSet(next);
    if (old != null && old != next && !old.version().equals(next.version())) slot.previous = old;
    slot.loaded.keySet().removeIf(v -> !v.equals(next.version()) && (slot.previous == null || !v.equals(slot.previous.version())));
    slot.loaded.put(next.version(), next);
    if (slot.previous != null) slot.loaded.put(slot.previous.version(), slot.previous);
    listener.swapped(old, next);
  }

  /** Every loaded model: name, current and previous version, versions on disk, and each loaded version. */
  public List<Map<String, Object>> describe() {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String name : names()) {
      Slot s = slots.get(name);
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", name);
      m.put("current", s.current.get().version());
      m.put("previous", s.previous == null ? null : s.previous.version());
      m.put("versions_on_disk", versionsOnDisk(name));
      m.put("loaded", s.loaded.values().stream().sorted(Comparator.comparing(ServedModel::version, ServingRegistry::compareVersions)).map(ServedModel::describe).toList());
      out.add(m);
    }
    return out;
  }

  /** The current model of every name. */
  public List<ServedModel> currentModels() {
    return names().stream().map(n -> slots.get(n).current.get()).toList();
  }
}
