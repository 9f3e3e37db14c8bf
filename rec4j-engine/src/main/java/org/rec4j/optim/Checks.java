package org.rec4j.optim;

/**
 * Range checks shared by the validating {@code Config} records of optimizers and schedules. Each
 * throws an {@link IllegalArgumentException} naming the config key, the expected range and the
 * value received.
 */
public final class Checks {
  private Checks() {}

  /** Requires {@code 0 <= v < ∞}. */
  public static double nonNegative(String key, double v) {
    if (!(v >= 0 && v < Double.POSITIVE_INFINITY)) throw bad(key, "finite and >= 0", v);
    return v;
  }

  /** Requires {@code 0 < v < ∞}. */
  public static double positive(String key, double v) {
    if (!(v > 0 && v < Double.POSITIVE_INFINITY)) throw bad(key, "finite and > 0", v);
    return v;
  }

  /** Requires {@code 0 <= v < 1}. */
  public static double fraction(String key, double v) {
    if (!(v >= 0 && v < 1)) throw bad(key, "in [0, 1)", v);
    return v;
  }

  /** Requires {@code 0 < v < 1}. */
  public static double openFraction(String key, double v) {
    if (!(v > 0 && v < 1)) throw bad(key, "in (0, 1)", v);
    return v;
  }

  /** Requires {@code v >= min}. */
  public static long atLeast(String key, long v, long min) {
    if (v < min) throw new IllegalArgumentException(key + " must be >= " + min + ", got " + v);
    return v;
  }

  private static IllegalArgumentException bad(String key, String range, double v) {
    return new IllegalArgumentException(key + " must be " + range + ", got " + v);
  }
}
