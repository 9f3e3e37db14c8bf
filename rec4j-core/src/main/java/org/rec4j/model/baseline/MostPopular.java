package org.rec4j.model.baseline;

import java.util.LinkedHashMap;
import java.util.Map;
import org.rec4j.data.Csr;
import org.rec4j.model.ModelOptions;
import org.rec4j.tensor.Tensor;

/**
 * Most-popular: every user gets the same scores, score(u, i) = the number of training users who
 * interacted with i (X binarized, so a user counts once per item). The non-personalized floor every
 * recommender library reports (e.g. Cremonesi, Koren &amp; Turrin, "Performance of Recommender
 * Algorithms on Top-N Recommendation Tasks", RecSys 2010, "MostPop"). No hyper-parameters; no time
 * decay.
 *
 * <p>State: {@code counts} [items].
 */
public final class MostPopular extends BaselineRecommender {
  private float[] counts;

  /** An unfitted model over the id space of {@code options} (its other fields are not used). */
  public MostPopular(ModelOptions options) {
    super(options);
  }

  @Override
  protected java.util.Map<String, Object> settingValues() {
    return java.util.Map.of();
  }

  @Override
  public String name() {
    return "pop";
  }

  @Override
  protected void fitMatrix(Csr byUser, Csr byItem) {
    float[] c = new float[numItems];
    for (int i = 0; i < numItems; i++) c[i] = i < byItem.rows() ? byItem.degree(i) : 0;
    counts = c;
  }

  @Override
  protected void scoreUser(int user, float[] out, int off) {
    System.arraycopy(counts, 0, out, off, numItems);
  }

  @Override
  public boolean scoreItemRange(int[] users, int from, int to, float[] out) {
    checkFitted();
    for (int u = 0; u < users.length; u++) {
      checkUser(users[u]);
      System.arraycopy(counts, from, out, u * (to - from), to - from);
    }
    return true;
  }

  @Override
  public long parameterCount() {
    return numItems;
  }

  @Override
  public long flopsPerPrediction() {
    return 1;
  }

  @Override
  protected Map<String, Tensor> modelState() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("counts", Tensor.of(counts, numItems));
    return m;
  }

  @Override
  protected void loadModelState(Map<String, Tensor> state) {
    if (state.size() != 1)
      throw new IllegalArgumentException(
          "pop state holds " + state.keySet() + ", expected [counts]");
    counts = require(state, "counts", numItems).data().clone();
  }
}
