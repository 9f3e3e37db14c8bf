package org.rec4j.model;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.nn.Module;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Fittable;
import org.rec4j.train.Trainable;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;
import org.rec4j.train.Validator;

/**
 * Base of the embedding-based neural models: a {@link Module} whose {@link #forward} scores (user,
 * item) pairs. Provides batched, thread-safe scoring (each thread reuses its own {@link Arena}),
 * recommendation with seen-item exclusion ({@link SeenItems}), training through the one {@link
 * Trainer} ({@link Fittable}), and the state dictionary.
 *
 * <p>Full-catalog scoring asks the model what it can do: a model with the {@link DotProductModel}
 * capability ranks through its vectors ({@link Factorization#scoreItemRange}, one matrix product
 * per tile of items, shared by every dot-product model); others score through their own {@link
 * #scoreAll} (NCF and NeuMF override it with a batched catalog scorer) or, by default, pair by pair
 * through {@link #forward}.
 */
public abstract class NeuralRecommender extends Module implements Persistable, Trainable, Fittable {
  private static final int CHUNK = 8192;
  private static final ThreadLocal<Arena> SCORING = ThreadLocal.withInitial(Arena::new);
  protected final int numUsers;
  protected final int numItems;
  private Csr seen;

  protected NeuralRecommender(int numUsers, int numItems) {
    if (numUsers < 1 || numItems < 1)
      throw new IllegalArgumentException(
          "need at least one user and item, got " + numUsers + " users, " + numItems + " items");
    this.numUsers = numUsers;
    this.numItems = numItems;
  }

  @Override
  public abstract Tensor forward(int[] users, int[] items);

  /** The options this model was built from. */
  public abstract ModelOptions options();

  @Override
  public ModelSpec spec() {
    return IdModelSettings.spec(name(), ModelRegistry.factory(name()).settings(), options());
  }

  /**
   * A worker copy built from the registry with a worker-specific seed (so dropout streams differ),
   * whose parameters then share this model's storage.
   */
  @Override
  public Trainable replica(int worker) {
    Recommender r =
        ModelRegistry.create(name(), options().withSeed(options().seed() + 7919L * worker));
    if (!(r instanceof NeuralRecommender copy)) return null;
    var mine = parameters();
    var theirs = copy.parameters();
    for (int i = 0; i < mine.size(); i++) theirs.get(i).shareDataWith(mine.get(i));
    copy.seen = seen;
    return copy;
  }

  @Override
  public void setTraining(boolean on) {
    train(on);
  }

  /**
   * Switches mode and drops the {@linkplain #inferenceCache inference cache} (training may change
   * the weights).
   */
  @Override
  public org.rec4j.nn.Module train(boolean on) {
    inferenceCache = null;
    return super.train(on);
  }

  private volatile Object inferenceCache;

  /**
   * A value derived from the weights for evaluation-mode scoring (e.g. the item half of an MLP's
   * first layer over the whole catalog), built once by {@code build} and reused until the weights
   * may change: the cache is dropped on every mode switch, on {@link #loadStateDict} and by {@link
   * #fit}, and never used in training mode. Code that edits weights in evaluation mode by other
   * means must call {@link #dropInferenceCache}.
   */
  @SuppressWarnings("unchecked")
  protected final <T> T inferenceCache(java.util.function.Supplier<T> build) {
    if (isTraining()) return build.get();
    Object c = inferenceCache;
    if (c == null) {
      c = build.get();
      inferenceCache = c;
    }
    return (T) c;
  }

  /**
   * Forgets the inference cache (after editing weights outside training and {@link
   * #loadStateDict}).
   */
  public final void dropInferenceCache() {
    inferenceCache = null;
  }

  @Override
  public int numUsers() {
    return numUsers;
  }

  @Override
  public int numItems() {
    return numItems;
  }

  /**
   * Called before training with the training data (e.g. to set a global-mean bias); default does
   * nothing.
   */
  protected void prepare(Interactions train, TrainerConfig config) {}

  @Override
  public TrainingHistory fit(
      Interactions train,
      Validator validator,
      TrainerConfig config,
      TrainingListener... listeners) {
    inferenceCache = null;
    Fittable.requireIdSpace(train, numUsers, numItems);
    rememberSeen(train);
    prepare(train, config);
    Trainer t = new Trainer(config);
    for (TrainingListener l : listeners) t.listen(l);
    return t.fit(this, train, validator);
  }

  /** Records the training interactions used to exclude seen items in {@link #recommend}. */
  public void rememberSeen(Interactions train) {
    this.seen = train.byUser();
  }

  /** Records seen items as a user → items CSR (e.g. read back from a saved artifact). */
  public void rememberSeen(org.rec4j.data.Csr byUser) {
    this.seen = byUser;
  }

  /** The remembered training interactions by user, or null when none were recorded. */
  public org.rec4j.data.Csr seen() {
    return seen;
  }

  @Override
  public Optional<Csr> seenItems() {
    return Optional.ofNullable(seen);
  }

  /**
   * The model's {@link Factorization} for scoring, kept in the inference cache while the weights do
   * not change, or null when the model has no {@link DotProductModel} capability. Switches to
   * evaluation mode like {@link #forwardInto}.
   */
  private Factorization scoringFactorization() {
    Optional<DotProductModel> dp = capability(DotProductModel.class);
    if (dp.isEmpty()) return null;
    if (isTraining())
      train(false); // scoring is always in evaluation mode; the trainer switches back itself
    return inferenceCache(() -> dp.get().factorization());
  }

  /** Through the vectors for a {@link DotProductModel} (one matrix product), else pair by pair. */
  @Override
  public void scoreAll(int[] users, float[] out) {
    Factorization f = scoringFactorization();
    if (f != null) {
      f.scoreItemRange(users, 0, numItems, out);
    } else {
      Persistable.super.scoreAll(users, out);
    }
  }

  /**
   * Through the vectors for a {@link DotProductModel}; other models score the whole catalog at
   * once.
   */
  @Override
  public boolean scoreItemRange(int[] users, int from, int to, float[] out) {
    Factorization f = scoringFactorization();
    if (f == null) return false;
    f.scoreItemRange(users, from, to, out);
    return true;
  }

  private void checkUser(int user) {
    if (user < 0 || user >= numUsers)
      throw new IllegalArgumentException(
          "unknown user id " + user + " (model knows 0.." + (numUsers - 1) + ")");
  }

  @Override
  public void score(int user, int[] items, float[] out) {
    checkUser(user);
    int[] users = new int[Math.min(CHUNK, items.length)];
    java.util.Arrays.fill(users, user);
    for (int from = 0; from < items.length; from += CHUNK) {
      int n = Math.min(CHUNK, items.length - from);
      int[] u = n == users.length ? users : java.util.Arrays.copyOf(users, n);
      int[] it =
          from == 0 && n == items.length
              ? items
              : java.util.Arrays.copyOfRange(items, from, from + n);
      forwardInto(u, it, out, from);
    }
  }

  @Override
  public void scorePairs(int[] users, int[] items, float[] out) {
    for (int from = 0; from < users.length; from += CHUNK) {
      int n = Math.min(CHUNK, users.length - from);
      int[] u = java.util.Arrays.copyOfRange(users, from, from + n);
      for (int x : u) checkUser(x);
      forwardInto(u, java.util.Arrays.copyOfRange(items, from, from + n), out, from);
    }
  }

  /** Forward pass without gradients, in evaluation mode semantics, into {@code out[off..]}. */
  protected final void forwardInto(int[] users, int[] items, float[] out, int off) {
    if (isTraining())
      train(false); // scoring is always in evaluation mode; the trainer switches back itself
    Arena arena = SCORING.get();
    try (var ng = Autograd.noGrad();
        Arena.Scope s = arena.open()) {
      float[] y = forward(users, items).data();
      System.arraycopy(y, 0, out, off, users.length);
    }
  }

  @Override
  public Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter) {
    return Recommendation.topK(this, user, k, excludeSeen ? seen : null, filter);
  }

  @Override
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (var e : namedParameters().entrySet()) m.put(e.getKey(), e.getValue().value().copy());
    for (var e : namedBuffers().entrySet()) m.put("buffer:" + e.getKey(), e.getValue().copy());
    return m;
  }

  @Override
  public void loadStateDict(Map<String, Tensor> state) {
    inferenceCache = null;
    Map<String, Tensor> targets = new LinkedHashMap<>();
    namedParameters().forEach((k, p) -> targets.put(k, p.value()));
    namedBuffers().forEach((k, b) -> targets.put("buffer:" + k, b));
    if (!state.keySet().equals(targets.keySet())) {
      throw new IllegalArgumentException(
          "state holds " + state.keySet() + " but model " + name() + " has " + targets.keySet());
    }
    for (var e : targets.entrySet()) {
      Tensor t = state.get(e.getKey());
      if (!t.shape().equals(e.getValue().shape())) {
        throw new IllegalArgumentException(
            "'"
                + e.getKey()
                + "' has shape "
                + e.getValue().shape()
                + " but the state holds "
                + t.shape());
      }
      System.arraycopy(t.data(), 0, e.getValue().data(), 0, t.size());
    }
  }
}
