package org.rec4j.data;

/**
 * The user–item interaction graph as one square sparse matrix over {@code users + items} nodes
 * (users first, item {@code i} is node {@code users + i}), in CSR form with float weights, for
 * graph models (LightGCN, NGCF, GCMC). Repeated interactions count once; edges are unweighted
 * before normalization.
 *
 * <p>Normalizations ({@link Normalization}): with degree matrix D of the matrix being normalized,
 *
 * <ul>
 *   <li>{@code SYMMETRIC}: D^-1/2 A D^-1/2 (LightGCN);
 *   <li>{@code SYMMETRIC_SELF_LOOPS}: D̃^-1/2 (A+I) D̃^-1/2 with D̃ the degrees of A+I (GCN, NGCF);
 *   <li>{@code RANDOM_WALK}: D^-1 A (row-stochastic, GraphSAGE mean aggregation);
 *   <li>{@code NONE}: A itself.
 * </ul>
 *
 * Isolated nodes get weight 0 on their (absent) edges rather than a division by zero.
 *
 * @param nodes number of nodes (users + items)
 * @param users number of user nodes
 * @param offsets row offsets, length nodes+1
 * @param columns column of each non-zero, sorted within a row
 * @param weights value of each non-zero
 */
public record BipartiteGraph(int nodes, int users, int[] offsets, int[] columns, float[] weights) {

  /** How adjacency weights are scaled. */
  public enum Normalization {
    /** D^-1/2 A D^-1/2. */
    SYMMETRIC,
    /** D̃^-1/2 (A+I) D̃^-1/2. */
    SYMMETRIC_SELF_LOOPS,
    /** D^-1 A. */
    RANDOM_WALK,
    /** A. */
    NONE
  }

  /** Builds the normalized adjacency of {@code data}. */
  public static BipartiteGraph of(Interactions data, Normalization norm) {
    int users = data.numUsers();
    int n = users + data.numItems();
    boolean loops = norm == Normalization.SYMMETRIC_SELF_LOOPS;
    Csr byUser = data.byUser();
    Csr byItem = data.byItem();
    int[] degree = new int[n];
    for (int u = 0; u < users; u++) {
      degree[u] = distinct(byUser, u) + (loops ? 1 : 0);
    }
    for (int i = 0; i < data.numItems(); i++) {
      degree[users + i] = distinct(byItem, i) + (loops ? 1 : 0);
    }
    int[] offsets = new int[n + 1];
    for (int v = 0; v < n; v++) {
      offsets[v + 1] = offsets[v] + degree[v];
    }
    int[] cols = new int[offsets[n]];
    float[] w = new float[offsets[n]];
    for (int v = 0; v < n; v++) {
      int p = offsets[v];
      Csr csr = v < users ? byUser : byItem;
      int row = v < users ? v : v - users;
      int shift = v < users ? users : 0;
      if (loops && v < users) {
        cols[p++] = v;
      }
      int last = -1;
      for (int k = csr.start(row); k < csr.end(row); k++) {
        int t = csr.target(k);
        if (t != last) {
          cols[p++] = t + shift;
          last = t;
        }
      }
      if (loops && v >= users) {
        cols[p++] = v;
      }
    }
    for (int v = 0; v < n; v++) {
      for (int p = offsets[v]; p < offsets[v + 1]; p++) {
        w[p] = weight(norm, degree[v], degree[cols[p]]);
      }
    }
    return new BipartiteGraph(n, users, offsets, cols, w);
  }

  private static float weight(Normalization norm, int dRow, int dCol) {
    return switch (norm) {
      case NONE -> 1f;
      case RANDOM_WALK -> 1f / dRow;
      case SYMMETRIC, SYMMETRIC_SELF_LOOPS -> (float) (1.0 / Math.sqrt((double) dRow * dCol));
    };
  }

  private static int distinct(Csr csr, int row) {
    int count = 0;
    int last = -1;
    for (int k = csr.start(row); k < csr.end(row); k++) {
      if (csr.target(k) != last) {
        count++;
        last = csr.target(k);
      }
    }
    return count;
  }

  /** Number of stored non-zeros. */
  public int nonZeros() {
    return columns.length;
  }
}
