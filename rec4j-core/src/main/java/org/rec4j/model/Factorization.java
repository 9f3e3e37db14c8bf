package org.rec4j.model;

import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.tensor.kernel.Kernels;

/**
 * A dot-product model's scores as vectors: {@code score(u, i) = userOffsets[u] + ⟨users[u],
 * items[i]⟩}, with user vectors {@code users} ({@code [numUsers, dim]}, row-major) and item vectors
 * {@code items} ({@code [numItems, dim]}).
 *
 * <p>The first {@code free} coordinates of a user vector are that user's own parameters; the
 * remaining {@code dim − free} are 1 for every user (e.g. MF's item-bias slot), so a user the model
 * has never seen is folded in by fitting only the free coordinates, and scored with {@code
 * globalOffset} (the offset of a user without parameters of their own, e.g. the global bias).
 *
 * <p>Arrays are shared, not copied: treat them as read-only.
 *
 * @param dim vector width
 * @param free leading coordinates of a user vector learned per user, {@code 0 ≤ free ≤ dim}
 * @param users {@code [numUsers, dim]}
 * @param items {@code [numItems, dim]}
 * @param userOffsets {@code [numUsers]}, added to each user's dot products
 * @param globalOffset offset for a user the model has no parameters for
 */
public record Factorization(
    int dim, int free, float[] users, float[] items, float[] userOffsets, float globalOffset) {
  private static final Kernels K = KernelProvider.get();

  /** Checks that the arrays agree with {@code dim}. */
  public Factorization {
    if (dim < 1 || free < 0 || free > dim)
      throw new IllegalArgumentException(
          "need dim >= 1 and 0 <= free <= dim, got dim " + dim + ", free " + free);
    if (users.length % dim != 0 || items.length % dim != 0) {
      throw new IllegalArgumentException(
          "vector arrays of length "
              + users.length
              + " (users) and "
              + items.length
              + " (items) are not multiples of dim "
              + dim);
    }
    if (userOffsets.length != users.length / dim) {
      throw new IllegalArgumentException(
          userOffsets.length + " user offsets for " + users.length / dim + " user vectors");
    }
  }

  /** Number of users with a vector. */
  public int numUsers() {
    return users.length / dim;
  }

  /** Number of items. */
  public int numItems() {
    return items.length / dim;
  }

  /**
   * The scores of items {@code from..to)} for each user of {@code users} into {@code out}
   * (row-major, {@code users.length × (to − from)}): one matrix product of the users' vectors with
   * the items' vectors, plus each user's offset. This is how every dot-product model ranks the
   * catalog (full-ranking evaluation walks it in tiles).
   *
   * @throws IllegalArgumentException for a user id outside {@code [0, numUsers)}
   */
  public void scoreItemRange(int[] users, int from, int to, float[] out) {
    int m = users.length, n = to - from, nu = numUsers();
    if (from < 0 || to > numItems() || from > to)
      throw new IllegalArgumentException(
          "item range " + from + ".." + to + " outside 0.." + numItems());
    float[] rows = new float[m * dim];
    for (int u = 0; u < m; u++) {
      int id = users[u];
      if (id < 0 || id >= nu)
        throw new IllegalArgumentException(
            "unknown user id " + id + " (model knows 0.." + (nu - 1) + ")");
      System.arraycopy(this.users, id * dim, rows, u * dim, dim);
    }
    K.gemm(false, true, m, n, dim, 1f, rows, 0, dim, items, from * dim, dim, 0f, out, 0, n);
    for (int u = 0; u < m; u++) {
      float base = userOffsets[users[u]];
      for (int i = 0, o = u * n; i < n; i++) out[o + i] += base;
    }
  }
}
