package org.rec4j.config;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One configurable key: its kind, its default (written here and nowhere else), the values it
 * accepts, and a description for help texts.
 *
 * @param key snake_case key, e.g. {@code factors}
 * @param kind how values are written and parsed
 * @param description one line for help texts
 * @param defaults the default in a context (a task may change it, e.g. factors 8 for ranking and 10
 *     for ratings)
 * @param valid accepts a parsed value
 * @param expected what {@code valid} accepts, in words ("an integer >= 1")
 * @param <T> the value type: Integer, Double, Boolean, int[] or String
 */
public record Setting<T>(
    String key,
    Kind kind,
    String description,
    Function<Context, T> defaults,
    Predicate<T> valid,
    String expected) {

  /** How a value is written. */
  public enum Kind {
    /** A whole number. */
    INT,
    /** A real number. */
    NUMBER,
    /** true or false. */
    SWITCH,
    /** A comma-separated list of whole numbers. */
    INTS,
    /** Free text (the setting's own syntax). */
    TEXT
  }

  /**
   * What a default may depend on: whether the task regresses ratings, and the values of settings
   * declared earlier in the same list.
   */
  public interface Context {
    /** Whether the task regresses explicit ratings. */
    boolean rating();

    /** The value of an earlier setting. */
    <V> V get(Setting<V> s);
  }

  /** Validates the declaration. */
  public Setting {
    if (key == null || !key.matches("[a-z][a-z0-9_]*"))
      throw new IllegalArgumentException("setting keys are snake_case, got '" + key + "'");
  }

  /** An integer setting with a fixed default. */
  public static Setting<Integer> integer(String key, int def, int min, String description) {
    return new Setting<>(
        key, Kind.INT, description, c -> def, v -> v >= min, "an integer >= " + min);
  }

  /** An integer setting whose default depends on the context. */
  public static Setting<Integer> integer(
      String key, Function<Context, Integer> def, int min, String description) {
    return new Setting<>(key, Kind.INT, description, def, v -> v >= min, "an integer >= " + min);
  }

  /** A number in {@code [min, max)} ({@code max} may be infinite). */
  public static Setting<Double> number(
      String key, Function<Context, Double> def, double min, double max, String description) {
    return new Setting<>(
        key,
        Kind.NUMBER,
        description,
        def,
        v -> v >= min && v < max,
        Double.isInfinite(max)
            ? "a number >= " + fmt(min)
            : "a number in [" + fmt(min) + ", " + fmt(max) + ")");
  }

  /** A number {@code > 0}. */
  public static Setting<Double> positive(String key, double def, String description) {
    return new Setting<>(key, Kind.NUMBER, description, c -> def, v -> v > 0, "a number > 0");
  }

  /** A switch. */
  public static Setting<Boolean> flag(String key, boolean def, String description) {
    return new Setting<>(key, Kind.SWITCH, description, c -> def, v -> true, "true or false");
  }

  /** A list of integers, each {@code >= 1}; {@code mayBeEmpty} allows none. */
  public static Setting<int[]> widths(
      String key, Function<Context, int[]> def, boolean mayBeEmpty, String description) {
    return new Setting<>(
        key,
        Kind.INTS,
        description,
        def,
        v -> (mayBeEmpty || v.length > 0) && Arrays.stream(v).allMatch(w -> w >= 1),
        (mayBeEmpty ? "a list" : "a non-empty list") + " of integers >= 1, e.g. 64,32");
  }

  /** Free text accepted by {@code valid}. */
  public static Setting<String> text(
      String key, String def, Predicate<String> valid, String expected, String description) {
    return new Setting<>(key, Kind.TEXT, description, c -> def, valid, expected);
  }

  /** The default in context {@code c}. */
  public T defaultIn(Context c) {
    return defaults.apply(c);
  }

  /**
   * Parses and checks {@code raw}: a String (command line, {@code 64,32} for lists) or a value read
   * from JSON/YAML (Number, Boolean, String, List of numbers).
   *
   * @param where names the source in errors, e.g. {@code --set} or {@code model.json}
   * @throws IllegalArgumentException naming {@code where}, the key and what was expected
   */
  @SuppressWarnings("unchecked")
  public T parse(Object raw, String where) {
    Object v;
    try {
      v =
          switch (kind) {
            case INT -> toInt(raw);
            case NUMBER ->
                raw instanceof Number n ? n.doubleValue() : Double.parseDouble(text(raw));
            case SWITCH -> toSwitch(raw);
            case INTS -> toInts(raw);
            case TEXT -> text(raw);
          };
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          where + ": " + key + ": expected " + expected + ", got '" + show(raw) + "'");
    }
    if (!valid.test((T) v))
      throw new IllegalArgumentException(
          where + ": " + key + ": expected " + expected + ", got '" + show(raw) + "'");
    return (T) v;
  }

  /** The value written for help texts and files: lists as {@code 64,32}. */
  public String format(Object value) {
    return show(value);
  }

  private static String text(Object raw) {
    if (raw == null) throw new IllegalArgumentException("null");
    return raw.toString().trim();
  }

  private static Integer toInt(Object raw) {
    if (raw instanceof Integer i) return i;
    if (raw instanceof Number n) {
      double d = n.doubleValue();
      if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) throw new NumberFormatException();
      return (int) d;
    }
    return Integer.parseInt(text(raw));
  }

  private static Boolean toSwitch(Object raw) {
    if (raw instanceof Boolean b) return b;
    return switch (text(raw).toLowerCase(Locale.ROOT)) {
      case "true" -> true;
      case "false" -> false;
      default -> throw new IllegalArgumentException("not a switch");
    };
  }

  private static int[] toInts(Object raw) {
    if (raw instanceof int[] a) return a.clone();
    List<Integer> out = new ArrayList<>();
    if (raw instanceof List<?> l) {
      for (Object o : l) out.add(toInt(o));
    } else {
      String s = text(raw);
      if (!s.isEmpty()) for (String p : s.split(",")) out.add(Integer.parseInt(p.trim()));
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  static String show(Object v) {
    if (v instanceof int[] a)
      return String.join(",", Arrays.stream(a).mapToObj(Integer::toString).toList());
    if (v instanceof List<?> l) return String.join(",", l.stream().map(String::valueOf).toList());
    if (v instanceof Double d) return fmt(d);
    return String.valueOf(v);
  }

  private static String fmt(double d) {
    return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
  }
}
