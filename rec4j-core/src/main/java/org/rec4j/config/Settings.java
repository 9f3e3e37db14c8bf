package org.rec4j.config;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The resolved values of an ordered list of {@link Setting}s: every declared key has a value, given
 * or defaulted in the run's context. Immutable.
 */
public final class Settings {
  private final String owner;
  private final List<Setting<?>> declared;
  private final Map<String, Object> values;

  private Settings(String owner, List<Setting<?>> declared, Map<String, Object> values) {
    this.owner = owner;
    this.declared = List.copyOf(declared);
    this.values = Collections.unmodifiableMap(values);
  }

  /**
   * Resolves {@code declared} for {@code owner} (a model name, for messages): given values are
   * parsed and checked, the others take their default in context {@code rating}. A given key that
   * is not declared is an error naming the closest declared one.
   *
   * @param given key → raw value (String from the command line, or a JSON/YAML value)
   * @param where the source of the given values, for error messages (e.g. {@code --set})
   */
  public static Settings resolve(
      String owner, List<Setting<?>> declared, Map<String, ?> given, boolean rating, String where) {
    for (String k : given.keySet()) {
      if (declared.stream().noneMatch(s -> s.key().equals(k)))
        throw unknown(owner, declared, k, where);
    }
    return resolveKnown(owner, declared, given, rating, where);
  }

  /**
   * As {@link #resolve} but ignoring given keys that are not declared (an artifact written by an
   * older or newer rec4j may hold keys this model no longer reads).
   */
  public static Settings resolveLenient(
      String owner, List<Setting<?>> declared, Map<String, ?> given, boolean rating, String where) {
    return resolveKnown(owner, declared, given, rating, where);
  }

  private static Settings resolveKnown(
      String owner, List<Setting<?>> declared, Map<String, ?> given, boolean rating, String where) {
    Map<String, Object> v = new LinkedHashMap<>();
    Setting.Context ctx =
        new Setting.Context() {
          @Override
          public boolean rating() {
            return rating;
          }

          @Override
          @SuppressWarnings("unchecked")
          public <V> V get(Setting<V> s) {
            Object x = v.get(s.key());
            if (x == null)
              throw new IllegalStateException(
                  s.key() + " is read by a default before it is resolved");
            return (V) x;
          }
        };
    for (Setting<?> s : declared) {
      Object raw = given.get(s.key());
      Object val = raw != null ? s.parse(raw, where) : s.defaultIn(ctx);
      v.put(s.key(), val);
    }
    return new Settings(owner, declared, v);
  }

  /** The error for an undeclared key: the closest declared key and all of them. */
  public static IllegalArgumentException unknown(
      String owner, List<Setting<?>> declared, String key, String where) {
    List<String> keys = declared.stream().map(Setting::key).toList();
    String hint =
        KeySuggester.closest(key, keys).map(s -> "; did you mean '" + s + "'?").orElse("");
    return new IllegalArgumentException(
        where
            + ": "
            + owner
            + " has no setting '"
            + key
            + "'"
            + hint
            + (keys.isEmpty()
                ? " (it has none)"
                : " (its settings: " + String.join(", ", keys) + ")"));
  }

  /** A copy with {@code key} set to {@code raw} (parsed and checked). */
  public Settings with(String key, Object raw) {
    Setting<?> s =
        declared.stream()
            .filter(d -> d.key().equals(key))
            .findFirst()
            .orElseThrow(() -> unknown(owner, declared, key, "settings"));
    Map<String, Object> v = new LinkedHashMap<>(values);
    v.put(key, s.parse(raw, owner));
    return new Settings(owner, declared, v);
  }

  /** The value of {@code s}, which must be declared. */
  @SuppressWarnings("unchecked")
  public <T> T get(Setting<T> s) {
    Object x = values.get(s.key());
    if (x == null)
      throw new IllegalArgumentException(owner + " does not declare setting " + s.key());
    return x instanceof int[] a ? (T) a.clone() : (T) x;
  }

  /** Whether {@code key} is declared. */
  public boolean has(String key) {
    return values.containsKey(key);
  }

  /** Who the settings belong to (a model name). */
  public String owner() {
    return owner;
  }

  /** The declarations, in order. */
  public List<Setting<?>> declared() {
    return declared;
  }

  /**
   * Every value by key, in declaration order, as plain values (int[] lists become {@code
   * List<Integer>}) for JSON and YAML.
   */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    values.forEach((k, x) -> {
      if (x instanceof int[] a) {
        List<Integer> l = new ArrayList<>();
        for (int i : a) l.add(i);
        m.put(k, l);
      } else m.put(k, x);
    });
    return m;
  }

  /** {@code key=value} pairs, lists comma-separated. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    for (Setting<?> s : declared) parts.add(s.key() + "=" + s.format(values.get(s.key())));
    return owner + "[" + String.join(", ", parts) + "]";
  }
}
