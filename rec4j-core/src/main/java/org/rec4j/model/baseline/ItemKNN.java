package org.rec4j.model.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.IntStream;
import org.rec4j.data.Csr;
import org.rec4j.eval.TopK;
import org.rec4j.model.ModelOptions;
import org.rec4j.tensor.Tensor;

/**
 * Item-based k-nearest-neighbours on implicit feedback (Sarwar, Karypis, Konstan &amp; Riedl,
 * "Item-Based Collaborative Filtering Recommendation Algorithms", WWW 2001; Deshpande &amp;
 * Karypis, "Item-Based Top-N Recommendation Algorithms", TOIS 2004), with cosine similarity shrunk
 * towards zero for rarely co-occurring pairs:
 *
 * <pre>
 *   sim(a, b) = |U(a) ∩ U(b)| / (sqrt|U(a)| · sqrt|U(b)| + λ)         (X binary, U(a) = users of item a)
 *   N(a)      = the K items b ≠ a with the highest sim(a, b) &gt; 0
 *   score(u, i) = Σ_{j ∈ I(u)} sim(j, i) · [i ∈ N(j)]
 * </pre>
 *
 * i.e. score(u, ·) = X<sub>u</sub> W with W the similarity matrix pruned to each row's K largest
 * entries (the row-wise pruning of Deshpande &amp; Karypis; shrinkage as in Koren's neighbourhood
 * models, KDD 2008). Fitting computes each item's row of XᵀX from the sparse matrix
 * (O(Σ<sub>u</sub> |I(u)|²) time, O(items) memory per thread, both cores), so there is no catalog
 * limit beyond the state's 2<sup>24</sup> item ids; scoring one user is |I(u)|·K additions.
 *
 * <p>State: {@code neighbours} [items, K] (item ids as floats, −1 for none), {@code similarities}
 * [items, K], and the config as {@code config.neighbours} and {@code config.shrink}; a loaded model
 * takes K from the state.
 */
public final class ItemKNN extends BaselineRecommender {
  /**
   * Hyper-parameters.
   *
   * @param neighbours K, the neighbours kept per item (≥ 1)
   * @param shrink λ ≥ 0 added to the cosine's denominator
   */
  public record Config(int neighbours, double shrink) {
    /** K = 100, λ = 10 (the defaults of {@link BaselineModels.ItemKnnFactory}'s settings). */
    public static final Config DEFAULTS = new Config(100, 10);

    /** Validates every field. */
    public Config {
      if (neighbours < 1)
        throw new IllegalArgumentException(
            "itemknn neighbours (K) must be >= 1, got " + neighbours);
      if (!(shrink >= 0) || Double.isInfinite(shrink))
        throw new IllegalArgumentException(
            "itemknn shrink (lambda) must be a finite number >= 0, got " + shrink);
    }
  }

  private Config config;
  private float[] sims;
  private int[] nbrs;

  /** An unfitted model with the {@linkplain Config#DEFAULTS default} config. */
  public ItemKNN(ModelOptions options) {
    this(options, Config.DEFAULTS);
  }

  /** An unfitted model with {@code config}. */
  public ItemKNN(ModelOptions options, Config config) {
    super(options);
    this.config = config;
  }

  @Override
  protected java.util.Map<String, Object> settingValues() {
    return java.util.Map.of("neighbours", config.neighbours(), "shrink", config.shrink());
  }

  /** The hyper-parameters. */
  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return "itemknn";
  }

  @Override
  protected void fitMatrix(Csr byUser, Csr byItem) {
    int n = numItems, k = Math.min(config.neighbours(), n);
    float[] s = new float[n * k];
    int[] nb = new int[n * k];
    Arrays.fill(nb, -1);
    double[] norm = new double[n];
    for (int i = 0; i < n; i++) norm[i] = Math.sqrt(i < byItem.rows() ? byItem.degree(i) : 0);
    ThreadLocal<int[]> counts = ThreadLocal.withInitial(() -> new int[n]);
    ThreadLocal<TopK> tops = ThreadLocal.withInitial(() -> new TopK(k));
    IntStream.range(0, n)
        .parallel()
        .forEach(a -> {
          if (a >= byItem.rows() || byItem.degree(a) == 0) return;
          int[] c = counts.get();
          coOccurrence(byUser, byItem, a, c);
          TopK top = tops.get();
          top.clear(a);
          for (int b = 0; b < n; b++) {
            if (b == a || c[b] == 0) continue;
            top.offer(b, (float) (c[b] / (norm[a] * norm[b] + config.shrink())));
          }
          float[] sc = new float[k];
          int[] best = top.drain(sc);
          System.arraycopy(best, 0, nb, a * k, best.length);
          System.arraycopy(sc, 0, s, a * k, best.length);
        });
    sims = s;
    nbrs = nb;
    if (k != config.neighbours()) config = new Config(k, config.shrink());
  }

  @Override
  protected void scoreUser(int user, float[] out, int off) {
    Arrays.fill(out, off, off + numItems, 0f);
    Csr h = history();
    if (user >= h.rows()) return;
    int k = config.neighbours();
    for (int p = h.start(user); p < h.end(user); p++) {
      int base = h.target(p) * k;
      for (int r = 0; r < k; r++) {
        int i = nbrs[base + r];
        if (i < 0) break;
        out[off + i] += sims[base + r];
      }
    }
  }

  @Override
  public long parameterCount() {
    return (long) numItems * config.neighbours();
  }

  @Override
  public long flopsPerPrediction() {
    return meanHistory();
  }

  @Override
  protected Map<String, Tensor> modelState() {
    int k = config.neighbours();
    float[] ids = new float[nbrs.length];
    for (int i = 0; i < ids.length; i++) ids[i] = nbrs[i];
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("neighbours", Tensor.wrap(ids, numItems, k));
    m.put("similarities", Tensor.of(sims, numItems, k));
    m.put("config.neighbours", scalar(k));
    m.put("config.shrink", scalar(config.shrink()));
    return m;
  }

  @Override
  protected void loadModelState(Map<String, Tensor> state) {
    if (state.size() != 4)
      throw new IllegalArgumentException(
          "itemknn state holds "
              + state.keySet()
              + ", expected [neighbours, similarities, config.neighbours, config.shrink]");
    int k = (int) require(state, "config.neighbours", 1).data()[0];
    Config c = new Config(k, require(state, "config.shrink", 1).data()[0]);
    float[] ids = require(state, "neighbours", (long) numItems * k).data();
    float[] s = require(state, "similarities", (long) numItems * k).data().clone();
    int[] nb = new int[ids.length];
    for (int i = 0; i < ids.length; i++) {
      nb[i] = (int) ids[i];
      if (nb[i] != ids[i] || nb[i] < -1 || nb[i] >= numItems)
        throw new IllegalArgumentException(
            "'neighbours' holds " + ids[i] + ", not an item id below " + numItems + " or -1");
    }
    config = c;
    nbrs = nb;
    sims = s;
  }
}
