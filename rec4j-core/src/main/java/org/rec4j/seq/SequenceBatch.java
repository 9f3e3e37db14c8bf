package org.rec4j.seq;

import java.util.HashMap;
import java.util.Map;
import org.rec4j.data.UserSequences;
import org.rec4j.tensor.Rng;

/**
 * One packed training batch of next-item examples (see the package comment): for each user of the
 * batch, the input is their training sequence without its last item (its last {@code L} items), the
 * target of every input position is the item that follows it, and one uniform negative per target
 * avoids the user's training items.
 *
 * <p>Rows {@code [0, real)} are real tokens; rows {@code [real, size)} are filler (item 0, position
 * 0) forming one extra sequence that no loss term reads, so they receive no gradient. The arrays
 * have exactly {@code size} entries (ops take their length as the row count) and are reused per
 * size class, so steady-state steps allocate nothing here.
 */
final class SequenceBatch {
  private final int maxLength;
  private final Map<Integer, int[][]> bySize = new HashMap<>();
  private final Map<Integer, int[]> offsetsByCount = new HashMap<>();

  int[] tokens;
  int[] positions;
  int[] targets;
  int[] negatives;

  /** {@code B + 2} offsets: the batch's sequences, then the filler sequence. */
  int[] offsets;

  /** Real (non-filler) rows. */
  int real;

  SequenceBatch(int maxLength) {
    this.maxLength = maxLength;
  }

  /**
   * The row count a batch of {@code t} real tokens is padded to: a multiple of {@code
   * highestOneBit(t)/16} (at least 8), so at most 1/16 of the rows are filler and the number of
   * distinct sizes stays small.
   */
  static int sizeClass(int t) {
    int g = Math.max(8, Integer.highestOneBit(Math.max(1, t)) >> 4);
    return (t + g - 1) / g * g;
  }

  /**
   * Packs users {@code order[from .. from+size)} of {@code seqs} (each with at least 2 items);
   * negatives avoid the items of {@code exclude} (each user's sorted distinct training items).
   */
  void fill(
      UserSequences seqs, int[][] exclude, int numItems, int[] order, int from, int size, Rng rng) {
    int t = 0;
    for (int i = 0; i < size; i++) t += Math.min(seqs.length(order[from + i]) - 1, maxLength);
    int padded = sizeClass(t);
    int[][] a =
        bySize.computeIfAbsent(
            padded, n -> new int[][] {new int[n], new int[n], new int[n], new int[n]});
    tokens = a[0];
    positions = a[1];
    targets = a[2];
    negatives = a[3];
    offsets = offsetsByCount.computeIfAbsent(size + 2, n -> new int[n]);
    real = t;
    int row = 0;
    for (int i = 0; i < size; i++) {
      int u = order[from + i];
      int m = seqs.length(u), n = Math.min(m - 1, maxLength);
      offsets[i] = row;
      int first = m - 1 - n; // index of the first input item
      for (int p = 0; p < n; p++, row++) {
        tokens[row] = seqs.item(u, first + p);
        positions[row] = maxLength - n + p;
        int target = seqs.item(u, first + p + 1);
        targets[row] = target;
        negatives[row] = negative(exclude[u], numItems, rng);
      }
    }
    offsets[size] = row;
    for (; row < padded; row++) {
      tokens[row] = 0;
      positions[row] = 0;
      targets[row] = 0;
      negatives[row] = 0;
    }
    offsets[size + 1] = padded;
  }

  /** A uniform item not in {@code sorted} (the user's training items). */
  static int negative(int[] sorted, int numItems, Rng rng) {
    if (sorted.length >= numItems)
      throw new IllegalStateException("a user has interacted with every item; no negative exists");
    while (true) {
      int j = rng.nextInt(numItems);
      if (java.util.Arrays.binarySearch(sorted, j) < 0) return j;
    }
  }
}
