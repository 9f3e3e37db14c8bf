package org.rec4j.model.baseline;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommendation;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Fittable;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;
import org.rec4j.train.Validator;

/**
 * Base of the closed-form baselines: models fitted in one pass over the binary user–item matrix X
 * (no gradient training, so {@link #fit} ignores the trainer settings, the validator and the
 * listeners and returns a history without epochs whose stop reason gives the fit time). Every
 * interaction counts once as a 1 in X whatever its value (ratings are binarized; duplicated pairs
 * count once).
 *
 * <p>It keeps X by user (the {@linkplain #history() history}) because the item-based models score a
 * user from the items in it; the history is part of the state dictionary ({@code history.degrees}:
 * items per user, {@code history.items}: the items, both as exact float values below
 * 2<sup>24</sup>), so a loaded model scores exactly as the saved one without its training data.
 * Recommendation excludes the {@linkplain #seen() seen} items: those given by {@link #rememberSeen}
 * when set (an artifact's {@code seen.bin}), else the history.
 *
 * <p>Scoring is thread-safe once fitted: the fitted arrays are never written again.
 */
public abstract class BaselineRecommender implements Persistable, Fittable {
  /**
   * The largest id or count a float holds exactly (2<sup>24</sup>): the limit of ids stored in the
   * state.
   */
  static final int EXACT_FLOAT = 1 << 24;

  private final ModelOptions options;
  protected final int numUsers;
  protected final int numItems;
  private Csr history;
  private Csr seen;

  protected BaselineRecommender(ModelOptions options) {
    this.options = options;
    this.numUsers = options.numUsers();
    this.numItems = options.numItems();
    if (numItems >= EXACT_FLOAT)
      throw new IllegalArgumentException(
          "numItems "
              + numItems
              + " must be below 2^24 = "
              + EXACT_FLOAT
              + " (item ids are stored as exact floats)");
  }

  /** The options this model was built from. */
  public ModelOptions options() {
    return options;
  }

  /** This model's settings as given values (keys of its factory's settings). */
  protected abstract Map<String, Object> settingValues();

  @Override
  public org.rec4j.model.ModelSpec spec() {
    org.rec4j.model.RecommenderFactory f = org.rec4j.model.ModelRegistry.factory(name());
    return new org.rec4j.model.ModelSpec(
        name(),
        numUsers,
        numItems,
        options.rating(),
        options.seed(),
        org.rec4j.config.Settings.resolve(
            name(), f.settings(), settingValues(), options.rating(), name()),
        Map.of());
  }

  @Override
  public int numUsers() {
    return numUsers;
  }

  @Override
  public int numItems() {
    return numItems;
  }

  /** The training matrix X by user (distinct items, ascending), or null before {@link #fit}. */
  protected final Csr history() {
    return history;
  }

  /** Fits the model from X (by user, distinct items ascending; {@code byItem} is its transpose). */
  protected abstract void fitMatrix(Csr byUser, Csr byItem);

  /**
   * Fits in closed form on {@code train}: no epochs, so {@code validator}, {@code config} and
   * {@code listeners} are not used, and the returned history has no epochs; its stop reason says
   * how long the fit took.
   */
  @Override
  public TrainingHistory fit(
      Interactions train,
      Validator validator,
      TrainerConfig config,
      TrainingListener... listeners) {
    Fittable.requireIdSpace(train, numUsers, numItems);
    int n = train.size();
    int[] u = new int[n], it = new int[n];
    for (int r = 0; r < n; r++) {
      u[r] = train.user(r);
      it[r] = train.item(r);
    }
    long t0 = System.nanoTime();
    Csr raw = Csr.build(numUsers, u, it, n);
    Csr byUser = distinct(raw, numUsers);
    Csr byItem = transpose(byUser, numItems);
    fitMatrix(byUser, byItem);
    history = byUser;
    seen = null;
    return new TrainingHistory(
        List.of(),
        String.format(
            java.util.Locale.ROOT, "closed form, fitted in %.2f s", (System.nanoTime() - t0) / 1e9),
        -1,
        Double.NaN);
  }

  /** {@code m} with repeated targets in a row kept once. */
  static Csr distinct(Csr m, int rows) {
    int[] src = new int[m.size()], dst = new int[m.size()];
    int n = 0;
    for (int r = 0; r < m.rows(); r++) {
      for (int p = m.start(r); p < m.end(r); p++) {
        if (p > m.start(r) && m.target(p) == m.target(p - 1)) continue;
        src[n] = r;
        dst[n++] = m.target(p);
      }
    }
    return Csr.build(rows, src, dst, n);
  }

  /** The transpose of {@code m}, with {@code rows} rows. */
  static Csr transpose(Csr m, int rows) {
    int[] src = new int[m.size()], dst = new int[m.size()];
    int n = 0;
    for (int r = 0; r < m.rows(); r++) {
      for (int p = m.start(r); p < m.end(r); p++) {
        src[n] = m.target(p);
        dst[n++] = r;
      }
    }
    return Csr.build(rows, src, dst, n);
  }

  /**
   * Row {@code a} of the co-occurrence matrix XᵀX into {@code counts} (length numItems,
   * overwritten): {@code counts[b]} = users who have both a and b; {@code counts[a]} = users of a.
   */
  static void coOccurrence(Csr byUser, Csr byItem, int a, int[] counts) {
    Arrays.fill(counts, 0);
    for (int p = byItem.start(a); p < byItem.end(a); p++) {
      int user = byItem.target(p);
      for (int q = byUser.start(user); q < byUser.end(user); q++) counts[byUser.target(q)]++;
    }
  }

  protected final void checkUser(int user) {
    if (user < 0 || user >= numUsers)
      throw new IllegalArgumentException(
          "unknown user id " + user + " (model knows 0.." + (numUsers - 1) + ")");
  }

  protected final void checkFitted() {
    if (history == null)
      throw new IllegalStateException(name() + " is not fitted: call fit or loadStateDict first");
  }

  /**
   * Scores every item for one user into {@code out[off .. off + numItems)} (history already
   * checked).
   */
  protected abstract void scoreUser(int user, float[] out, int off);

  @Override
  public void scoreAll(int[] users, float[] out) {
    checkFitted();
    for (int u = 0; u < users.length; u++) {
      checkUser(users[u]);
      scoreUser(users[u], out, u * numItems);
    }
  }

  @Override
  public void score(int user, int[] items, float[] out) {
    checkUser(user);
    checkFitted();
    float[] row = new float[numItems];
    scoreUser(user, row, 0);
    for (int i = 0; i < items.length; i++) out[i] = row[items[i]];
  }

  /**
   * Scores a user's whole catalog once per run of pairs with the same user (the evaluator groups
   * them so).
   */
  @Override
  public void scorePairs(int[] users, int[] items, float[] out) {
    checkFitted();
    float[] row = new float[numItems];
    int current = -1;
    for (int i = 0; i < users.length; i++) {
      if (users[i] != current || i == 0) {
        checkUser(users[i]);
        current = users[i];
        scoreUser(current, row, 0);
      }
      out[i] = row[items[i]];
    }
  }

  @Override
  public Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter) {
    return Recommendation.topK(this, user, k, excludeSeen ? seen() : null, filter);
  }

  @Override
  public Csr seen() {
    return seen != null ? seen : history;
  }

  @Override
  public void rememberSeen(Csr byUser) {
    this.seen = byUser;
  }

  /** Mean items per user in the history (at least 1): the additions an item-based score costs. */
  protected final long meanHistory() {
    return history == null
        ? 1
        : Math.max(1, Math.round((double) history.size() / Math.max(1, numUsers)));
  }

  /** The model's own fitted tensors (and its hyper-parameters as scalars), in a fixed order. */
  protected abstract Map<String, Tensor> modelState();

  /**
   * Restores what {@link #modelState} returned; shapes are checked against the options and the
   * config.
   */
  protected abstract void loadModelState(Map<String, Tensor> state);

  @Override
  public Map<String, Tensor> stateDict() {
    checkFitted();
    Map<String, Tensor> m = new LinkedHashMap<>(modelState());
    float[] deg = new float[numUsers];
    float[] items = new float[history.size()];
    for (int u = 0; u < numUsers; u++) {
      deg[u] = u < history.rows() ? history.degree(u) : 0;
      if (u < history.rows())
        for (int p = history.start(u); p < history.end(u); p++) items[p] = history.target(p);
    }
    m.put("history.degrees", Tensor.wrap(deg, numUsers));
    m.put("history.items", Tensor.wrap(items, Math.max(0, items.length)));
    return m;
  }

  @Override
  public void loadStateDict(Map<String, Tensor> state) {
    Tensor deg = require(state, "history.degrees", numUsers), items = state.get("history.items");
    if (items == null)
      throw new IllegalArgumentException("state lacks 'history.items' for model " + name());
    float[] d = deg.data(), it = items.data();
    long total = 0;
    for (float x : d) total += (long) x;
    if (total != it.length)
      throw new IllegalArgumentException(
          "'history.degrees' sum to " + total + " but 'history.items' holds " + it.length);
    int[] src = new int[it.length], dst = new int[it.length];
    int p = 0;
    for (int u = 0; u < numUsers; u++) {
      for (int j = 0; j < (int) d[u]; j++, p++) {
        int item = (int) it[p];
        if (item < 0 || item >= numItems || item != it[p])
          throw new IllegalArgumentException(
              "'history.items' holds " + it[p] + ", not an item id below " + numItems);
        src[p] = u;
        dst[p] = item;
      }
    }
    Map<String, Tensor> own = new LinkedHashMap<>(state);
    own.remove("history.degrees");
    own.remove("history.items");
    loadModelState(own);
    history = Csr.build(numUsers, src, dst, it.length);
    seen = null;
  }

  /** The tensor {@code key} of {@code state}, checked to hold {@code size} values. */
  static Tensor require(Map<String, Tensor> state, String key, long size) {
    Tensor t = state.get(key);
    if (t == null)
      throw new IllegalArgumentException(
          "state lacks '" + key + "' (holds " + state.keySet() + ")");
    if (t.size() != size)
      throw new IllegalArgumentException(
          "'" + key + "' has shape " + t.shape() + " but " + size + " values were expected");
    return t;
  }

  /** A hyper-parameter stored in the state as a one-value tensor. */
  static Tensor scalar(double v) {
    return Tensor.wrap(new float[] {(float) v}, 1);
  }
}
