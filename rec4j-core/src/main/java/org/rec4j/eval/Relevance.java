package org.rec4j.eval;

import java.util.Arrays;

/**
 * The held-out relevant items of one user with their graded relevance (1 for binary feedback),
 * sorted by item id so that lookups are a binary search.
 */
public final class Relevance {
  private final int[] items;
  private final float[] grades;

  private Relevance(int[] items, float[] grades) {
    this.items = items;
    this.grades = grades;
  }

  /** Binary relevance: every listed item has grade 1 (duplicates are merged). */
  public static Relevance binary(int... items) {
    int[] s = Arrays.stream(items).sorted().distinct().toArray();
    float[] g = new float[s.length];
    Arrays.fill(g, 1f);
    return new Relevance(s, g);
  }

  /** Graded relevance; grades must be positive (zero-grade items are simply not relevant). */
  public static Relevance graded(int[] items, float[] grades) {
    if (items.length != grades.length) {
      throw new IllegalArgumentException(items.length + " items but " + grades.length + " grades");
    }
    Integer[] order = new Integer[items.length];
    for (int i = 0; i < order.length; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Integer.compare(items[a], items[b]));
    int[] s = new int[items.length];
    float[] g = new float[items.length];
    for (int i = 0; i < order.length; i++) {
      s[i] = items[order[i]];
      g[i] = grades[order[i]];
      if (!(g[i] > 0))
        throw new IllegalArgumentException("grade of item " + s[i] + " must be > 0, got " + g[i]);
      if (i > 0 && s[i] == s[i - 1])
        throw new IllegalArgumentException("item " + s[i] + " listed twice");
    }
    return new Relevance(s, g);
  }

  /** Number of relevant items. */
  public int size() {
    return items.length;
  }

  /** Grade of {@code item}, or 0 if it is not relevant. */
  public float grade(int item) {
    int i = Arrays.binarySearch(items, item);
    return i >= 0 ? grades[i] : 0f;
  }

  /** Whether {@code item} is relevant. */
  public boolean contains(int item) {
    return Arrays.binarySearch(items, item) >= 0;
  }

  /** The grades sorted in decreasing order (for ideal DCG). */
  public float[] gradesDescending() {
    float[] g = grades.clone();
    Arrays.sort(g);
    for (int i = 0, j = g.length - 1; i < j; i++, j--) {
      float t = g[i];
      g[i] = g[j];
      g[j] = t;
    }
    return g;
  }

  /** The relevant item ids, ascending (a copy). */
  public int[] items() {
    return items.clone();
  }
}
