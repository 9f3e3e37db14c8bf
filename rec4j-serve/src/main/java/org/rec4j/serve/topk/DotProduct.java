package org.rec4j.serve.topk;

import java.util.Map;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.Tensor;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.tensor.kernel.Kernels;

/**
 * A dot-product model seen as user vectors {@code [users, dim]} and item vectors {@code [items, dim]} whose inner
 * product ranks one user's items exactly as the model's score does (it may differ from the score by a per-user
 * constant, so callers rescore the chosen items with the model itself).
 *
 * <ul>
 *   <li>{@code mf}: ŷ = b + b<sub>u</sub> + b<sub>i</sub> + ⟨p<sub>u</sub>, q<sub>i</sub>⟩, so user [p<sub>u</sub>; 1]
 *       and item [q<sub>i</sub>; b<sub>i</sub>] (b + b<sub>u</sub> is constant per user);</li>
 *   <li>{@code gmf}: ŷ = hᵀ(p<sub>u</sub> ⊙ q<sub>i</sub>) + b = ⟨p<sub>u</sub> ⊙ h, q<sub>i</sub>⟩ + b, so user
 *       p<sub>u</sub> ⊙ h and item q<sub>i</sub>.</li>
 * </ul>
 * Other models (NCF, NeuMF, Wide&amp;Deep) score through an MLP and have no such view.
 *
 * <p>{@link #dotAll} is the exact brute force: the item matrix is also kept transposed ({@code [dim, items]}) so
 * a user's scores are {@code dim} SIMD scale/axpy passes over contiguous rows; adding the per-user {@link #offset}
 * makes them equal the model's scores.
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
   * @param free leading coordinates of a user vector that are learned per user (the rest are fixed at 1, like MF's
   *     bias slot), used by {@link FoldIn}
   * @param globalOffset the offset of a user the model has no parameters for (MF: b, GMF: b)
   */
  private DotProduct(int dim, float[] users, float[] items, float[] offsets, int free, float globalOffset) {
    this.dim = dim;
    this.free = free;
    this.globalOffset = globalOffset;
    this.users = users;
    this.items = items;
    this.offsets = offsets;
    this.numUsers = users.length / dim;
    this.numItems = items.length / dim;
    this.itemsT = new float[items.length];
    for (int i = 0; i < numItems; i++) for (int c = 0; c < dim; c++) itemsT[c * numItems + i] = items[i * dim + c];
  }

  /** The view of {@code model}, or null when it is not a dot-product model. */
  public static DotProduct of(Recommender model) {
    return switch (model.name()) {
      case "mf" -> mf(model.stateDict());
      case "gmf" -> gmf(model.stateDict());
      default -> null;
    };
  }

  private static DotProduct mf(Map<String, Tensor> s) {
    Tensor p = s.get("user.weight"), q = s.get("item.weight"), bi = s.get("item_bias.weight"), bu = s.get("user_bias.weight"), b = s.get("bias");
    if (p == null || q == null || bi == null || bu == null || b == null) return null;
    int f = p.dim(1), nu = p.dim(0), ni = q.dim(0), d = f + 1;
    float[] users = new float[nu * d], items = new float[ni * d];
    for (int u = 0; u < nu; u++) {
      System.arraycopy(p.data(), u * f, users, u * d, f);
      users[u * d + f] = 1f;
    }
    for (int i = 0; i < ni; i++) {
      System.arraycopy(q.data(), i * f, items, i * d, f);
      items[i * d + f] = bi.data()[i];
    }
    float[] offsets = new float[nu];
    for (int u = 0; u < nu; u++) offsets[u] = b.data()[0] + bu.data()[u];
    return new DotProduct(d, users, items, offsets, f, b.data()[0]);
  }

  private static DotProduct gmf(Map<String, Tensor> s) {
    Tensor p = s.get("user.weight"), q = s.get("item.weight"), h = s.get("out.weight"), b = s.get("out.bias");
    if (p == null || q == null || h == null) return null;
    int f = p.dim(1), nu = p.dim(0);
    float[] users = new float[nu * f];
    for (int u = 0; u < nu; u++) for (int c = 0; c < f; c++) users[u * f + c] = p.data()[u * f + c] * h.data()[c];
    float[] offsets = new float[nu];
    float b0 = b == null ? 0f : b.data()[0];
    java.util.Arrays.fill(offsets, b0);
    return new DotProduct(f, users, q.data().clone(), offsets, f, b0);
  }

  /** Leading coordinates of a user vector that belong to the user; the remaining {@code dim − free} are 1. */
  public int free() {
    return free;
  }

  /** The offset of a user without parameters of its own (global bias; MF's user bias taken as 0). */
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
   * ⟨user u, item i⟩ for every item into {@code out[0..numItems)}: the model's scores minus {@link #offset}, which
   * is constant per user, so callers add it only to the items they keep.
   */
  public void dotAll(int u, float[] out) {
    dotAll(users, u * dim, out);
  }

  /** As {@link #dotAll(int, float[])} for a user vector given directly ({@code user[off .. off+dim)}). */
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
