package org.rec4j.eval;

/**
 * Partial selection of the k highest scores with a bounded min-heap on primitive arrays: O(n log
 * k), no boxing. Equal scores are ordered by a hash of (item, salt): deterministic for a given salt
 * (the evaluator uses the user id), yet unrelated to item ids, so a model that ties everything
 * ranks the held-out item at a uniformly random position instead of gaining or losing by its id.
 */
public final class TopK {
  private final int[] heapItems;
  private final float[] heapScores;
  private int size;
  private long salt;

  /** A selector for up to {@code k} items. */
  public TopK(int k) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    heapItems = new int[k];
    heapScores = new float[k];
  }

  /** The most items this selector holds (its k). */
  public int capacity() {
    return heapItems.length;
  }

  /** Starts a new selection with tie-break salt 0. */
  public void clear() {
    clear(0);
  }

  /** Starts a new selection whose ties are broken by a hash salted with {@code salt}. */
  public void clear(long salt) {
    size = 0;
    this.salt = salt;
  }

  /** Offers an item; NaN scores are rejected (they are a model bug, not a ranking). */
  public void offer(int item, float score) {
    if (Float.isNaN(score)) throw new ArithmeticException("score of item " + item + " is NaN");
    int k = heapItems.length;
    if (size < k) {
      heapItems[size] = item;
      heapScores[size] = score;
      siftUp(size++);
    } else if (better(item, score, heapItems[0], heapScores[0])) {
      heapItems[0] = item;
      heapScores[0] = score;
      siftDown(0);
    }
  }

  /**
   * The score an item must at least have to enter the selection: the k-th best score when k items
   * are held, else negative infinity. A score strictly below it would be rejected by {@link
   * #offer}.
   */
  public float floor() {
    return size < heapItems.length ? Float.NEGATIVE_INFINITY : heapScores[0];
  }

  /** The selected items, best first; the selector is left empty. */
  public int[] drain() {
    int n = size;
    int[] out = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = heapItems[0];
      size--;
      heapItems[0] = heapItems[size];
      heapScores[0] = heapScores[size];
      siftDown(0);
    }
    return out;
  }

  /**
   * Scores of the last {@link #drain()}ed order are not kept; this drains items and fills their
   * scores.
   */
  public int[] drain(float[] scoresOut) {
    int n = size;
    int[] out = new int[n];
    for (int i = n - 1; i >= 0; i--) {
      out[i] = heapItems[0];
      scoresOut[i] = heapScores[0];
      size--;
      heapItems[0] = heapItems[size];
      heapScores[0] = heapScores[size];
      siftDown(0);
    }
    return out;
  }

  /** Whether (a, sa) ranks above (b, sb): higher score, then the salted hash order. */
  private boolean better(int a, float sa, int b, float sb) {
    if (sa != sb) return sa > sb;
    long ha = mix(a ^ salt), hb = mix(b ^ salt);
    return ha != hb ? ha < hb : a < b;
  }

  /** SplitMix64 finalizer: a bijective scramble of the key. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }

  private void siftUp(int i) {
    while (i > 0) {
      int p = (i - 1) >>> 1;
      if (!better(heapItems[p], heapScores[p], heapItems[i], heapScores[i])) break;
      swap(i, p);
      i = p;
    }
  }

  private void siftDown(int i) {
    while (true) {
      int l = 2 * i + 1, r = l + 1, w = i;
      if (l < size && better(heapItems[w], heapScores[w], heapItems[l], heapScores[l])) w = l;
      if (r < size && better(heapItems[w], heapScores[w], heapItems[r], heapScores[r])) w = r;
      if (w == i) return;
      swap(i, w);
      i = w;
    }
  }

  private void swap(int a, int b) {
    int ti = heapItems[a];
    heapItems[a] = heapItems[b];
    heapItems[b] = ti;
    float ts = heapScores[a];
    heapScores[a] = heapScores[b];
    heapScores[b] = ts;
  }
}
