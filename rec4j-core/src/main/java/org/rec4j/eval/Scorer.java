package org.rec4j.eval;

/**
 * What the evaluator needs from a model: scores for (user, item) pairs, higher meaning more
 * relevant. Models override {@link #scoreAll} with a vectorized version (e.g. one matrix product
 * for dot-product models). Must be safe to call from several threads at once.
 */
public interface Scorer {
  /** Number of items; item ids are {@code 0..numItems-1}. */
  int numItems();

  /** Writes the scores of {@code items} for {@code user} into {@code out[0..items.length)}. */
  void score(int user, int[] items, float[] out);

  /**
   * Writes the scores of every item for each user of {@code users} into {@code out} (row-major,
   * {@code users.length × numItems}). The default scores one user at a time through {@link #score}.
   */
  default void scoreAll(int[] users, float[] out) {
    int n = numItems();
    int[] all = new int[n];
    for (int i = 0; i < n; i++) all[i] = i;
    float[] row = new float[n];
    for (int u = 0; u < users.length; u++) {
      score(users[u], all, row);
      System.arraycopy(row, 0, out, u * n, n);
    }
  }

  /**
   * Writes the scores of items {@code from..to)} for each user of {@code users} into {@code out}
   * (row-major, {@code users.length × (to − from)}) and returns true, or returns false without
   * writing when the model can only score the whole catalog at once (the default; the evaluator
   * then calls {@link #scoreAll}). A model whose score is a dot product implements it: full ranking
   * then walks the catalog in cache-sized tiles of items, which is what lets several evaluation
   * threads run without evicting each other's data from the shared cache.
   */
  default boolean scoreItemRange(int[] users, int from, int to, float[] out) {
    return false;
  }

  /**
   * Scores aligned (user, item) pairs into {@code out}. The default calls {@link #score} once per
   * pair; models override it with a batched forward pass.
   */
  default void scorePairs(int[] users, int[] items, float[] out) {
    int[] one = new int[1];
    float[] s = new float[1];
    for (int i = 0; i < users.length; i++) {
      one[0] = items[i];
      score(users[i], one, s);
      out[i] = s[0];
    }
  }
}
