package org.rec4j.graph;

import org.rec4j.data.Csr;
import org.rec4j.tensor.CsrMatrix;

/**
 * The symmetrically normalized adjacency Â = D<sup>-½</sup> A D<sup>-½</sup> of the bipartite
 * user–item graph (He et al., "LightGCN", SIGIR 2020, eq. 7), as a sparse {@link CsrMatrix} over
 * {@code users + items} nodes: user {@code u} is node {@code u}, item {@code i} is node {@code
 * users + i}; A = [[0, R], [Rᵀ, 0]] with R the distinct training pairs, no self loops. A node
 * without edges has an empty row (no division by zero). Only the {@code 2·|R|} non-zeros are
 * stored; nothing is dense over nodes × nodes.
 */
public final class Adjacency {
  private Adjacency() {}

  /** Â of the interactions {@code byUser} (user → items, targets sorted within a row). */
  public static CsrMatrix symmetric(Csr byUser, int users, int items) {
    int n = users + items;
    int[] degree = new int[n];
    for (int u = 0; u < Math.min(users, byUser.rows()); u++) {
      int last = -1;
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        int i = byUser.target(p);
        if (i == last) continue;
        if (i < 0 || i >= items)
          throw new IllegalArgumentException("item id " + i + " outside 0.." + (items - 1));
        last = i;
        degree[u]++;
        degree[users + i]++;
      }
    }
    if (byUser.rows() > users)
      for (int u = users; u < byUser.rows(); u++)
        if (byUser.degree(u) > 0)
          throw new IllegalArgumentException("user id " + u + " outside 0.." + (users - 1));
    int[] ptr = new int[n + 1];
    for (int v = 0; v < n; v++) ptr[v + 1] = ptr[v] + degree[v];
    int[] col = new int[ptr[n]];
    float[] val = new float[ptr[n]];
    int[] fill = java.util.Arrays.copyOf(ptr, n);
    for (int u = 0; u < Math.min(users, byUser.rows()); u++) {
      int last = -1;
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        int i = byUser.target(p);
        if (i == last) continue;
        last = i;
        float w = (float) (1.0 / Math.sqrt((double) degree[u] * degree[users + i]));
        int a = fill[u]++, b = fill[users + i]++; // users ascending: item rows come out sorted
        col[a] = users + i;
        val[a] = w;
        col[b] = u;
        val[b] = w;
      }
    }
    return new CsrMatrix(n, n, ptr, col, val);
  }
}
