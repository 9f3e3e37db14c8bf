package org.rec4j.data;

import java.util.Arrays;

/**
 * Compressed sparse rows over interactions: for each row (a user, or an item) the sorted list of
 * its neighbours (items, or users) and, aligned with it, the interaction row each edge came from.
 * Built once by {@link Interactions#byUser()} / {@link Interactions#byItem()}; immutable
 * afterwards, so safe to share between threads.
 *
 * <p>Within a row, neighbours are sorted ascending (ties by interaction row), so {@link #contains}
 * is a binary search. Duplicated pairs stay as separate edges.
 */
public final class Csr {
  private final int[] offsets;
  private final int[] targets;
  private final int[] edges;

  private Csr(int[] offsets, int[] targets, int[] edges) {
    this.offsets = offsets;
    this.targets = targets;
    this.edges = edges;
  }

  /**
   * Groups edges {@code src[k] -> dst[k]} ({@code k < n}) by source in O(n + rows + targets): a
   * stable counting sort by target, then a stable counting sort by source, so each row comes out
   * sorted by (target, edge).
   */
  public static Csr build(int numRows, int[] src, int[] dst, int n) {
    int numTargets = 0;
    for (int k = 0; k < n; k++) {
      numTargets = Math.max(numTargets, dst[k] + 1);
    }
    int[] byTarget = new int[n];
    int[] count = new int[numTargets + 1];
    for (int k = 0; k < n; k++) {
      count[dst[k] + 1]++;
    }
    for (int t = 0; t < numTargets; t++) {
      count[t + 1] += count[t];
    }
    for (int k = 0; k < n; k++) {
      byTarget[count[dst[k]]++] = k;
    }
    int[] offsets = new int[numRows + 1];
    for (int k = 0; k < n; k++) {
      offsets[src[k] + 1]++;
    }
    for (int r = 0; r < numRows; r++) {
      offsets[r + 1] += offsets[r];
    }
    int[] fill = Arrays.copyOf(offsets, numRows);
    int[] targets = new int[n];
    int[] edges = new int[n];
    for (int j = 0; j < n; j++) {
      int k = byTarget[j];
      int p = fill[src[k]]++;
      targets[p] = dst[k];
      edges[p] = k;
    }
    return new Csr(offsets, targets, edges);
  }

  /** Number of rows. */
  public int rows() {
    return offsets.length - 1;
  }

  /** Total number of edges. */
  public int size() {
    return targets.length;
  }

  /** Number of edges of row {@code r}. */
  public int degree(int r) {
    return offsets[r + 1] - offsets[r];
  }

  /** First position of row {@code r} in {@link #target}/{@link #edge}. */
  public int start(int r) {
    return offsets[r];
  }

  /** One past the last position of row {@code r}. */
  public int end(int r) {
    return offsets[r + 1];
  }

  /** The neighbour at position {@code p}. */
  public int target(int p) {
    return targets[p];
  }

  /** The interaction row at position {@code p}. */
  public int edge(int p) {
    return edges[p];
  }

  /** Whether row {@code r} has neighbour {@code t} (binary search). */
  public boolean contains(int r, int t) {
    return Arrays.binarySearch(targets, offsets[r], offsets[r + 1], t) >= 0;
  }

  /** A copy of row {@code r}'s sorted neighbours. */
  public int[] targetsOf(int r) {
    return Arrays.copyOfRange(targets, offsets[r], offsets[r + 1]);
  }

  /** The offsets array (length rows+1); read-only view for kernels, do not modify. */
  public int[] offsetsView() {
    return offsets;
  }

  /** The neighbour array aligned with {@link #offsetsView()}; read-only view, do not modify. */
  public int[] targetsView() {
    return targets;
  }
}
