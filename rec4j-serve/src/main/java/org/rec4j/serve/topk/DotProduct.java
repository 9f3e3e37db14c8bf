package org.rec4j.serve.topk;

import org.rec4j.model.DotProductModel;
import org.rec4j.model.Factorization;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.tensor.kernel.Kernels;

/**
 * A dot-product model seen as user vectors {@code [users, dim]} and item vectors {@code [items,
 * dim]} whose inner product plus a per-user {@link #offset} is the model's score, built from the
 * model's {@link DotProductModel} capability (its {@link Factorization}; the models document their
 * derivations). A model without the capability (one that scores through an MLP) has no such view
 * and is served by exact scoring instead.
 *
 * <p>{@link #dotAll} is the exact brute force: the item matrix is also kept transposed ({@code
 * [dim, items]}) so a user's scores are {@code dim} SIMD scale/axpy passes over contiguous rows;
 * adding the per-user {@link #offset} makes them equal the model's scores.
 */
public final class DotProduct {
  private static final Kernels K = KernelProvider.get();
  private final int dim;
  private final int numUsers;
  private final int numItems;
  private final float[] users;
  private final float[] items;
  private final float[] itemsT;
  private final float[] offsets;
  private final int free;
  private final float globalOffset;

  /**
   * @param free leading coordinates of a user vector that are learned per user (the rest are fixed
   *     at 1, like MF's bias slot), used by {@link FoldIn}
   * @param globalOffset the offset of a user the model has no parameters for (e.g. a global bias)
   */
  private DotProduct(
      int dim, float[] users, float[] items, float[] offsets, int free, float globalOffset) {
    this.dim = dim;
    this.free = free;
    this.globalOffset = globalOffset;
    this.users = users;
    this.items = items;
    this.offsets = offsets;
    this.numUsers = users.length / dim;
    this.numItems = items.length / dim;
    this.itemsT = new float[items.length];
    for (int i = 0; i < numItems; i++)
      for (int c = 0; c < dim; c++) itemsT[c * numItems + i] = items[i * dim + c];
  }

  /** The view of {@code model}, or null when it has no {@link DotProductModel} capability. */
  public static DotProduct of(Recommender model) {
    return model.capability(DotProductModel.class).map(dp -> of(dp.factorization())).orElse(null);
  }

  /** The view of a factorization (its arrays are shared, not copied). */
  public static DotProduct of(Factorization f) {
    return new DotProduct(
        f.dim(), f.users(), f.items(), f.userOffsets(), f.free(), f.globalOffset());
  }

  /**
   * Leading coordinates of a user vector that belong to the user; the remaining {@code dim − free}
   * are 1.
   */
  public int free() {
    return free;
  }

  /**
   * The offset of a user without parameters of its own (global bias; MF's user bias taken as 0).
   */
  public float globalOffset() {
    return globalOffset;
  }

  /** Item {@code i}'s coordinate {@code c}. */
  public float itemAt(int i, int c) {
    return items[i * dim + c];
  }

  /** Vector width. */
  public int dim() {
    return dim;
  }

  /** Number of items. */
  public int numItems() {
    return numItems;
  }

  /** Number of users. */
  public int numUsers() {
    return numUsers;
  }

  /** A copy of user {@code u}'s vector. */
  public float[] user(int u) {
    float[] v = new float[dim];
    System.arraycopy(users, u * dim, v, 0, dim);
    return v;
  }

  /** A copy of item {@code i}'s vector. */
  public float[] item(int i) {
    float[] v = new float[dim];
    System.arraycopy(items, i * dim, v, 0, dim);
    return v;
  }

  /** What to add to ⟨user u, item i⟩ to get the model's score. */
  public float offset(int u) {
    return offsets[u];
  }

  /**
   * ⟨user u, item i⟩ for every item into {@code out[0..numItems)}: the model's scores minus {@link
   * #offset}, which is constant per user, so callers add it only to the items they keep.
   */
  public void dotAll(int u, float[] out) {
    dotAll(users, u * dim, out);
  }

  /**
   * As {@link #dotAll(int, float[])} for a user vector given directly ({@code user[off ..
   * off+dim)}).
   */
  public void dotAll(float[] user, int off, float[] out) {
    K.scale(user[off], itemsT, 0, out, 0, numItems);
    for (int c = 1; c < dim; c++) K.axpy(user[off + c], itemsT, c * numItems, out, 0, numItems);
  }

  /** ⟨user, item i⟩ for a user vector given directly (length {@link #dim}). */
  public float dot(float[] user, int i) {
    float s = 0;
    for (int c = 0; c < dim; c++) s += user[c] * items[i * dim + c];
    return s;
  }

  /** ⟨user u, item i⟩. */
  public float dot(int u, int i) {
    float s = 0;
    for (int c = 0; c < dim; c++) s += users[u * dim + c] * items[i * dim + c];
    return s;
  }
}
