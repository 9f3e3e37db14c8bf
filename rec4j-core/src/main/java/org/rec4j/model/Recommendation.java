package org.rec4j.model;

import java.util.Arrays;
import java.util.function.IntPredicate;
import org.rec4j.data.Csr;
import org.rec4j.eval.TopK;

/**
 * A top-k answer for one user: items best first with their scores, and whether the user was unknown
 * to the model (in which case the caller's fallback, e.g. popularity, should be used and flagged).
 */
public record Recommendation(int user, int[] items, float[] scores, boolean unknownUser) {

  /**
   * The top {@code k} items of {@code model} for {@code user} by its full-catalog scores, leaving
   * out the user's items in {@code exclude} (null excludes none) and items {@code filter} rejects
   * (null accepts all); an unknown user gets an empty answer flagged {@link #unknownUser}. The
   * shared body of {@link Recommender#recommend} for models that score the whole catalog.
   */
  public static Recommendation topK(
      Recommender model, int user, int k, Csr exclude, IntPredicate filter) {
    if (k < 1) throw new IllegalArgumentException("k must be >= 1, got " + k);
    if (user < 0 || user >= model.numUsers()) {
      return new Recommendation(user, new int[0], new float[0], true);
    }
    int numItems = model.numItems();
    float[] s = new float[numItems];
    model.scoreAll(new int[] {user}, s);
    TopK top = new TopK(Math.min(k, numItems));
    top.clear(user);
    boolean excluding = exclude != null && user < exclude.rows();
    for (int i = 0; i < numItems; i++) {
      if (excluding && exclude.contains(user, i)) continue;
      if (filter != null && !filter.test(i)) continue;
      top.offer(i, s[i]);
    }
    float[] scores = new float[Math.min(k, numItems)];
    int[] items = top.drain(scores);
    return new Recommendation(user, items, Arrays.copyOf(scores, items.length), false);
  }
}
