package org.rec4j.graph;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntPredicate;
import org.rec4j.config.Settings;
import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.loss.BprLoss;
import org.rec4j.model.DotProductModel;
import org.rec4j.model.Factorization;
import org.rec4j.model.ModelSpec;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommendation;
import org.rec4j.nn.Module;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.CsrMatrix;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Fittable;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;
import org.rec4j.train.Validator;

/**
 * LightGCN (He, Deng, Wang, Li, Zhang &amp; Wang, "LightGCN: Simplifying and Powering Graph
 * Convolution Network for Recommendation", SIGIR 2020): ego embeddings E⁽⁰⁾ {@code [users + items,
 * d]}, K linear propagation layers E⁽ᵏ⁺¹⁾ = Â E⁽ᵏ⁾ over the normalized training graph Â = D^-½ A
 * D^-½ ({@link Adjacency}), final embeddings the mean of layers 0..K, and score(u, i) = ⟨e_u, e_i⟩.
 *
 * <p><b>Training</b> ({@link BprTripleSource}) follows the authors' code: BPR with one uniform
 * negative, the whole propagation recomputed for every mini-batch, and L2 on the batch's ego rows
 * scaled as {@code decay · ½ (‖e⁰_u‖² + ‖e⁰_pos‖² + ‖e⁰_neg‖²) / B}; the optimizer is the trainer's
 * (Adam by default). The propagation is the engine's {@link LinAlg#spmm} (forward and backward
 * O(nnz · d) = O(|R| · d)).
 *
 * <p><b>Serving.</b> After training (and after loading) the propagated vectors are computed once
 * and the model is a {@link DotProductModel} whose {@link Factorization} holds them, so scoring,
 * full-ranking evaluation, serving, fold-in and HNSW need nothing graph-specific. Before any
 * training the graph is empty (Â = 0) and the vectors are E⁽⁰⁾ / (K + 1).
 *
 * <p><b>State</b>: {@code ego} (the parameters, to continue training) and the propagated {@code
 * propagated:users} / {@code propagated:items}. Saving the propagated vectors (twice the size of
 * the ego table) means a loaded model needs neither the graph nor its seen items to score, and
 * scores exactly as it did when saved even if its seen items are later replaced or extended.
 */
public final class LightGcn extends Module implements Persistable, DotProductModel, Fittable {
  static final String EGO = "ego", USERS = "propagated:users", ITEMS = "propagated:items";

  private final int numUsers;
  private final int numItems;
  private final int dim;
  private final int layers;
  private final float decay;
  private final long seed;
  private final Settings settings;
  private final Parameter ego;
  private final BprLoss bpr = new BprLoss();
  private volatile CsrMatrix adjacency;
  private volatile Factorization vectors;
  private Csr seen;

  /**
   * An untrained LightGCN over {@code numUsers} × {@code numItems} with {@code dim} factors, {@code
   * layers} propagation layers and L2 weight {@code decay}; ego embeddings N(0, 0.1²).
   */
  public LightGcn(
      int numUsers, int numItems, int dim, int layers, float decay, long seed, Settings settings) {
    if (numUsers < 1 || numItems < 2)
      throw new IllegalArgumentException(
          "lightgcn needs at least one user and two items, got " + numUsers + " and " + numItems);
    if (dim < 1 || layers < 0 || !(decay >= 0))
      throw new IllegalArgumentException(
          "need factors >= 1, layers >= 0, decay >= 0; got " + dim + ", " + layers + ", " + decay);
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.dim = dim;
    this.layers = layers;
    this.decay = decay;
    this.seed = seed;
    this.settings = settings;
    this.ego =
        register(new Parameter(EGO, Tensor.randn(new Rng(seed), 0.1f, numUsers + numItems, dim)));
    this.adjacency =
        Adjacency.symmetric(Csr.build(0, new int[0], new int[0], 0), numUsers, numItems);
  }

  /**
   * The LightGCN propagation (recorded for backward when gradients are on): mean of {@code x}, Â·x,
   * …, Â<sup>K</sup>·x.
   */
  public static Tensor propagate(CsrMatrix adjacency, Tensor x, int layers) {
    Tensor e = x, sum = x;
    for (int k = 0; k < layers; k++) {
      e = LinAlg.spmm(adjacency, e);
      sum = MathOps.add(sum, e);
    }
    return layers == 0 ? sum : MathOps.mulScalar(sum, 1f / (layers + 1));
  }

  /**
   * The training loss of BPR triples ({@code users[b]} prefers {@code positives[b]} to {@code
   * negatives[b]}, item ids): mean −log σ(ŝ⁺ − ŝ⁻) over the full propagation, plus {@code decay · ½
   * Σ‖ego rows of the batch‖² / B} (the authors' regularizer).
   */
  Tensor trainingLoss(int[] users, int[] posNodes, int[] negNodes) {
    Tensor all = propagate(adjacency, ego.value(), layers);
    Tensor eu = IndexOps.embedding(all, users);
    Tensor sp = ReduceOps.sum(MathOps.mul(eu, IndexOps.embedding(all, posNodes)), 1, false);
    Tensor sn = ReduceOps.sum(MathOps.mul(eu, IndexOps.embedding(all, negNodes)), 1, false);
    Tensor loss = bpr.compute(sp, sn, null);
    if (decay == 0) return loss;
    Tensor e0 = ego.value();
    Tensor reg =
        MathOps.add(
            MathOps.add(
                ReduceOps.sum(MathOps.square(IndexOps.embedding(e0, users))),
                ReduceOps.sum(MathOps.square(IndexOps.embedding(e0, posNodes)))),
            ReduceOps.sum(MathOps.square(IndexOps.embedding(e0, negNodes))));
    return MathOps.add(loss, MathOps.mulScalar(reg, decay * 0.5f / users.length));
  }

  /** The normalized training graph the model propagates over (empty before training). */
  public CsrMatrix adjacency() {
    return adjacency;
  }

  /** Propagation layers K. */
  public int layers() {
    return layers;
  }

  /** Embedding width d. */
  public int dim() {
    return dim;
  }

  /** Forgets the propagated vectors (the weights or the graph changed). */
  void invalidate() {
    vectors = null;
  }

  /** Mode switch for the trainer; the weights may change around it (SWA, best-epoch restore). */
  void setTraining(boolean on) {
    train(on);
    vectors = null;
  }

  List<Optimizer> optimizers(TrainerConfig config) {
    return List.of(config.optimizer().create(parameters(), config.learningRate(), config.l2()));
  }

  // ---- DotProductModel

  /**
   * The propagated vectors: user u's is row u of mean(E⁽⁰⁾..E⁽ᴷ⁾), item i's row {@code users + i};
   * every coordinate is the user's own (free = d), no offsets. Computed once per weight change.
   */
  @Override
  public Factorization factorization() {
    Factorization f = vectors;
    if (f != null) return f;
    synchronized (this) {
      if (vectors == null) {
        float[] all;
        try (var ng = Autograd.noGrad()) {
          all = propagate(adjacency, ego.value(), layers).data();
        }
        int split = numUsers * dim;
        vectors =
            new Factorization(
                dim,
                dim,
                java.util.Arrays.copyOfRange(all, 0, split),
                java.util.Arrays.copyOfRange(all, split, all.length),
                new float[numUsers],
                0f);
      }
      return vectors;
    }
  }

  // ---- Recommender

  @Override
  public String name() {
    return "lightgcn";
  }

  @Override
  public int numUsers() {
    return numUsers;
  }

  @Override
  public int numItems() {
    return numItems;
  }

  private void checkUser(int u) {
    if (u < 0 || u >= numUsers)
      throw new IllegalArgumentException(
          "unknown user id " + u + " (model knows 0.." + (numUsers - 1) + ")");
  }

  private void checkItem(int i) {
    if (i < 0 || i >= numItems)
      throw new IllegalArgumentException("item id " + i + " outside 0.." + (numItems - 1));
  }

  @Override
  public void score(int user, int[] items, float[] out) {
    checkUser(user);
    Factorization f = factorization();
    float[] us = f.users(), is = f.items();
    for (int k = 0; k < items.length; k++) {
      checkItem(items[k]);
      out[k] = dot(us, user * dim, is, items[k] * dim);
    }
  }

  @Override
  public void scorePairs(int[] users, int[] items, float[] out) {
    Factorization f = factorization();
    float[] us = f.users(), is = f.items();
    for (int k = 0; k < users.length; k++) {
      checkUser(users[k]);
      checkItem(items[k]);
      out[k] = dot(us, users[k] * dim, is, items[k] * dim);
    }
  }

  private float dot(float[] a, int ao, float[] b, int bo) {
    float s = 0;
    for (int c = 0; c < dim; c++) s += a[ao + c] * b[bo + c];
    return s;
  }

  @Override
  public void scoreAll(int[] users, float[] out) {
    factorization().scoreItemRange(users, 0, numItems, out);
  }

  @Override
  public boolean scoreItemRange(int[] users, int from, int to, float[] out) {
    factorization().scoreItemRange(users, from, to, out);
    return true;
  }

  @Override
  public Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter) {
    return Recommendation.topK(this, user, k, excludeSeen ? seen : null, filter);
  }

  @Override
  public long flopsPerPrediction() {
    return dim;
  }

  // ---- training

  @Override
  public TrainingHistory fit(
      Interactions train,
      Validator validator,
      TrainerConfig config,
      TrainingListener... listeners) {
    Fittable.requireIdSpace(train, numUsers, numItems);
    Csr byUser = train.byUser();
    rememberSeen(byUser);
    adjacency = Adjacency.symmetric(byUser, numUsers, numItems);
    vectors = null;
    Trainer t = new Trainer(config);
    for (TrainingListener l : listeners) t.listen(l);
    try {
      return t.fit(new BprTripleSource(this, byUser, config), validator);
    } finally {
      vectors = null;
    }
  }

  // ---- persistence

  @Override
  public ModelSpec spec() {
    return new ModelSpec(name(), numUsers, numItems, false, seed, settings, Map.of());
  }

  @Override
  public Csr seen() {
    return seen;
  }

  @Override
  public void rememberSeen(Csr byUser) {
    this.seen = byUser;
  }

  /** {@code ego}, then the propagated vectors {@code propagated:users} and {@code :items}. */
  @Override
  public Map<String, Tensor> stateDict() {
    Factorization f = factorization();
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put(EGO, ego.value().copy());
    m.put(USERS, Tensor.of(f.users().clone(), numUsers, dim));
    m.put(ITEMS, Tensor.of(f.items().clone(), numItems, dim));
    return m;
  }

  /** Restores the ego embeddings and serves the saved propagated vectors as they are. */
  @Override
  public void loadStateDict(Map<String, Tensor> state) {
    if (!state.keySet().equals(java.util.Set.of(EGO, USERS, ITEMS)))
      throw new IllegalArgumentException(
          "state holds "
              + state.keySet()
              + " but model lightgcn has "
              + List.of(EGO, USERS, ITEMS));
    Tensor e = state.get(EGO), u = state.get(USERS), i = state.get(ITEMS);
    check(EGO, e, numUsers + numItems);
    check(USERS, u, numUsers);
    check(ITEMS, i, numItems);
    synchronized (this) {
      System.arraycopy(e.data(), 0, ego.value().data(), 0, e.size());
      vectors =
          new Factorization(dim, dim, u.data().clone(), i.data().clone(), new float[numUsers], 0f);
    }
  }

  private void check(String key, Tensor t, int rows) {
    if (t.rank() != 2 || t.dim(0) != rows || t.dim(1) != dim)
      throw new IllegalArgumentException(
          "'" + key + "' has shape [" + rows + ", " + dim + "] but the state holds " + t.shape());
  }
}
