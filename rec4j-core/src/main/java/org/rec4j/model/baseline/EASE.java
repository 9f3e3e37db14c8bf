package org.rec4j.model.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.stream.IntStream;
import org.rec4j.data.Csr;
import org.rec4j.model.ModelOptions;
import org.rec4j.tensor.Tensor;

/**
 * EASE<sup>R</sup>, the "embarrassingly shallow autoencoder" (Steck, "Embarrassingly Shallow
 * Autoencoders for Sparse Data", WWW 2019, arXiv:1905.03375): an item–item weight matrix B learned
 * in closed form from
 *
 * <pre>
 *   min_B ‖X − X B‖²_F + λ ‖B‖²_F   subject to diag(B) = 0
 *   P = (XᵀX + λI)⁻¹,   B = I − P · diagMat(1 ⊘ diag(P)),   i.e. B_ij = −P_ij / P_jj (i ≠ j), B_jj = 0
 *   score(u, ·) = X_u B = Σ_{i ∈ I(u)} B_i·
 * </pre>
 *
 * with X the binary user–item matrix. λ defaults to 500, the value the paper reports for ML-20M
 * (its Table 1 setting); tune it on a validation part for other data.
 *
 * <p>Limits: the inverse of the dense items × items Gram matrix ({@link Cholesky}, double
 * precision) takes O(items³) time and O(items²) memory — two double arrays of items² during the fit
 * (16·items² bytes) and B in float (4·items² bytes) afterwards. Catalogs above {@value #MAX_ITEMS}
 * items are refused with a message naming the limit, as are fits that would not fit in the heap.
 * Scoring one user adds |I(u)| rows of B; full ranking scores item ranges the same way.
 *
 * <p>State: {@code weights} [items, items] (B, row i = input item) and {@code config.lambda}.
 */
public final class EASE extends BaselineRecommender {
  /**
   * The largest catalog EASE fits (a 20,000-item fit needs 6.4 GB of doubles and about 10¹²
   * multiply–adds).
   */
  public static final int MAX_ITEMS = 20_000;

  /**
   * Hyper-parameters.
   *
   * @param lambda λ &gt; 0, the L2 weight added to the diagonal of XᵀX
   */
  public record Config(double lambda) {
    /**
     * λ = 500 (Steck 2019, ML-20M; the default of {@link BaselineModels.EaseFactory}'s setting).
     */
    public static final Config DEFAULTS = new Config(500);

    /** Validates every field. */
    public Config {
      if (!(lambda > 0) || Double.isInfinite(lambda))
        throw new IllegalArgumentException(
            "ease lambda must be a finite number > 0, got " + lambda);
    }
  }

  private Config config;
  private float[] weights;

  /** An unfitted model with the {@linkplain Config#DEFAULTS default} config. */
  public EASE(ModelOptions options) {
    this(options, Config.DEFAULTS);
  }

  /** An unfitted model with {@code config}. */
  public EASE(ModelOptions options, Config config) {
    super(options);
    this.config = config;
  }

  @Override
  protected java.util.Map<String, Object> settingValues() {
    return java.util.Map.of("lambda", config.lambda());
  }

  /** The hyper-parameters. */
  public Config config() {
    return config;
  }

  @Override
  public String name() {
    return "ease";
  }

  @Override
  protected void fitMatrix(Csr byUser, Csr byItem) {
    int n = numItems;
    if (n > MAX_ITEMS) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "ease: %d items exceed EASE.MAX_ITEMS = %d; EASE inverts a dense items x items "
                  + "matrix (O(items^3) time, O(items^2) memory: %.1f GB here); use itemknn for large catalogs",
              n,
              MAX_ITEMS,
              20.0 * n * n / 1e9));
    }
    long need = 20L * n * n;
    long free =
        Runtime.getRuntime().maxMemory()
            - (Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory());
    if (need > free) {
      throw new IllegalArgumentException(
          String.format(
              Locale.ROOT,
              "ease: fitting %d items needs about %.1f GB of heap (two %dx%d double arrays "
                  + "and B in float) but %.1f GB are available; raise -Xmx (JAVA_OPTS) or use itemknn",
              n,
              need / 1e9,
              n,
              n,
              free / 1e9));
    }
    double[] g = new double[n * n];
    ThreadLocal<int[]> counts = ThreadLocal.withInitial(() -> new int[n]);
    IntStream.range(0, Math.min(n, byItem.rows()))
        .parallel()
        .forEach(a -> {
          int[] c = counts.get();
          coOccurrence(byUser, byItem, a, c);
          for (int b = 0; b <= a; b++) g[a * n + b] = c[b];
        });
    for (int i = 0; i < n; i++) g[i * n + i] += config.lambda();
    double[] p = Cholesky.invert(g, n);
    float[] w = new float[n * n];
    IntStream.range(0, n)
        .parallel()
        .forEach(i -> {
          for (int j = 0; j < n; j++)
            w[i * n + j] = i == j ? 0f : (float) (-p[i * n + j] / p[j * n + j]);
        });
    weights = w;
  }

  @Override
  protected void scoreUser(int user, float[] out, int off) {
    addRows(user, 0, numItems, out, off);
  }

  /** out[off + j − from] = Σ_{i ∈ I(user)} B[i][j] for j ∈ [from, to). */
  private void addRows(int user, int from, int to, float[] out, int off) {
    int m = to - from;
    Arrays.fill(out, off, off + m, 0f);
    Csr h = history();
    if (user >= h.rows()) return;
    float[] w = weights;
    for (int p = h.start(user); p < h.end(user); p++) {
      int base = h.target(p) * numItems + from;
      for (int j = 0; j < m; j++) out[off + j] += w[base + j];
    }
  }

  /**
   * Sums of B's rows over the user's items, restricted to the item range: one pass per tile of the
   * catalog.
   */
  @Override
  public boolean scoreItemRange(int[] users, int from, int to, float[] out) {
    checkFitted();
    for (int u = 0; u < users.length; u++) {
      checkUser(users[u]);
      addRows(users[u], from, to, out, u * (to - from));
    }
    return true;
  }

  /** Column sums of B over the user's items for just the asked items. */
  @Override
  public void score(int user, int[] items, float[] out) {
    checkUser(user);
    checkFitted();
    Arrays.fill(out, 0, items.length, 0f);
    Csr h = history();
    if (user >= h.rows()) return;
    for (int p = h.start(user); p < h.end(user); p++) {
      int base = h.target(p) * numItems;
      for (int k = 0; k < items.length; k++) out[k] += weights[base + items[k]];
    }
  }

  @Override
  public long parameterCount() {
    return (long) numItems * numItems;
  }

  @Override
  public long flopsPerPrediction() {
    return meanHistory();
  }

  @Override
  protected Map<String, Tensor> modelState() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("weights", Tensor.of(weights, numItems, numItems));
    m.put("config.lambda", scalar(config.lambda()));
    return m;
  }

  @Override
  protected void loadModelState(Map<String, Tensor> state) {
    if (state.size() != 2)
      throw new IllegalArgumentException(
          "ease state holds " + state.keySet() + ", expected [weights, config.lambda]");
    Config c = new Config(require(state, "config.lambda", 1).data()[0]);
    weights = require(state, "weights", (long) numItems * numItems).data().clone();
    config = c;
  }
}
