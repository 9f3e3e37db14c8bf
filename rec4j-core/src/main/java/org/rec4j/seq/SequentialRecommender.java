package org.rec4j.seq;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.rec4j.config.Settings;
import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.data.UserSequences;
import org.rec4j.model.ItemEmbeddingTables;
import org.rec4j.model.ModelSpec;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommendation;
import org.rec4j.model.SequenceHistory;
import org.rec4j.model.SequenceScorer;
import org.rec4j.nn.Module;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.EpochSource;
import org.rec4j.train.Fittable;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;
import org.rec4j.train.Validator;

/**
 * Base of the sequential models: known histories, catalog scoring from the last position's hidden
 * state, training through the one {@link Trainer} with a {@link SequenceSource}, and the state
 * dictionary (weights plus histories). Subclasses give the encoder ({@link #encode}), the training
 * loss over a packed batch and the scoring of a hidden state against items.
 *
 * <p>Hooks with defaults (SASRec keeps them all) let a model change what is read and how it is
 * scored without copying this class: {@link #appendedTokens} (tokens read after every history, e.g.
 * BERT4Rec's [MASK], whose position's state is then the one scored), {@link #head} (a transform of
 * that state before the dot product), {@link #itemBias} (a per-item score offset) and {@link
 * #trainingSource} (the epochs the trainer runs, e.g. cloze batches).
 *
 * <p>Thread safety: scoring runs in evaluation mode without an arena and without recording, so
 * concurrent scoring calls are safe once training has finished; histories are replaced atomically.
 */
public abstract class SequentialRecommender extends Module
    implements Persistable, SequenceScorer, SequenceHistory, Fittable, ItemEmbeddingTables {
  private static final int SCORE_BATCH = 256;
  private static final int FEW_ROWS = 8;
  private static final org.rec4j.tensor.kernel.Kernels DOT =
      org.rec4j.tensor.kernel.KernelProvider.get();
  private static final int[] NO_TOKENS = new int[0];

  protected final String name;
  protected final int numUsers;
  protected final int numItems;
  protected final int maxLength;
  protected final long seed;
  protected final Settings settings;
  private volatile int[][] histories;
  private Csr seen;

  protected SequentialRecommender(
      String name, int numUsers, int numItems, int maxLength, long seed, Settings settings) {
    if (numUsers < 1 || numItems < 2)
      throw new IllegalArgumentException(
          name + " needs at least one user and two items, got " + numUsers + " and " + numItems);
    if (maxLength < 1)
      throw new IllegalArgumentException(name + " max_length must be >= 1, got " + maxLength);
    this.name = name;
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.maxLength = maxLength;
    this.seed = seed;
    this.settings = settings;
    this.histories = new int[numUsers][0];
  }

  // ---- what a subclass provides

  /**
   * Hidden states {@code [T, d]} of packed sequences ({@code tokens}, their left-padded slot {@code
   * positions}, {@code offsets} of B+1 or more entries); dropout follows the module mode.
   */
  protected abstract Tensor encode(int[] tokens, int[] positions, int[] offsets);

  /**
   * The training loss of one packed next-item batch (recorded for backward); models whose {@link
   * #trainingSource} reads other batches need not override it.
   */
  protected Tensor trainingLoss(SequenceBatch batch) {
    throw new UnsupportedOperationException(name + " does not train on next-item batches");
  }

  /** The item table the last hidden state is scored against, {@code [numItems, d]}. */
  protected abstract Tensor itemTable();

  /** The optimizers over this model's parameters. */
  protected abstract List<Optimizer> optimizers(TrainerConfig config);

  /**
   * The attention weights of the last position of each packed sequence over its tokens (last block,
   * heads averaged); empty for models without attention.
   */
  protected Optional<float[][]> lastAttention(int[] tokens, int[] positions, int[] offsets) {
    return Optional.empty();
  }

  /**
   * Tokens read after every history when scoring (none by default; BERT4Rec: its [MASK] token): the
   * packed input is the last {@code L − a} history items followed by these {@code a} tokens, so the
   * last position — the one scored — is the last appended token, and a model reads at most {@code L
   * − a} history items ({@link #maxLength()}). Must return the same tokens on every call.
   */
  protected int[] appendedTokens() {
    return NO_TOKENS;
  }

  /**
   * The vectors scored against the item table, from the last positions' hidden states {@code [B,
   * d]} (identity by default; BERT4Rec: its output transform). Called without recording, in
   * evaluation mode.
   */
  protected Tensor head(Tensor lastHidden) {
    return lastHidden;
  }

  /**
   * A per-item offset added to every score, {@code [numItems]} (live, not modified by the caller),
   * or null for none (the default).
   */
  protected float[] itemBias() {
    return null;
  }

  /**
   * The epochs {@link #fit} trains: next-item batches ({@link SequenceSource}, calling {@link
   * #trainingLoss}) by default.
   */
  protected EpochSource trainingSource(UserSequences seqs, TrainerConfig config) {
    return new SequenceSource(this, seqs, config);
  }

  // ---- Recommender

  @Override
  public String name() {
    return name;
  }

  @Override
  public int numUsers() {
    return numUsers;
  }

  @Override
  public int numItems() {
    return numItems;
  }

  /** The history items read: {@code L} less the {@linkplain #appendedTokens appended tokens}. */
  @Override
  public int maxLength() {
    return maxLength - appendedTokens().length;
  }

  @Override
  public long flopsPerPrediction() {
    long d = itemTable().dim(1);
    return d; // per candidate item, after one encoding of the history
  }

  @Override
  public int[] history(int user) {
    if (user < 0 || user >= numUsers) return new int[0];
    return histories[user].clone();
  }

  @Override
  public void extendHistories(Interactions later) {
    UserSequences more = UserSequences.of(later, 0);
    int[][] next = histories.clone();
    for (int u = 0; u < Math.min(numUsers, more.users()); u++) {
      if (more.length(u) == 0) continue;
      int[] a = next[u], b = more.sequence(u);
      int[] c = Arrays.copyOf(a, a.length + b.length);
      System.arraycopy(b, 0, c, a.length, b.length);
      next[u] = c.length > maxLength ? Arrays.copyOfRange(c, c.length - maxLength, c.length) : c;
    }
    histories = next;
  }

  /** Replaces the known histories with the last {@code maxLength} items of {@code seqs}. */
  protected final void setHistories(UserSequences seqs) {
    int[][] h = new int[numUsers][];
    for (int u = 0; u < numUsers; u++) {
      if (u >= seqs.users()) {
        h[u] = new int[0];
        continue;
      }
      int n = seqs.length(u), from = Math.max(0, n - maxLength);
      h[u] = new int[n - from];
      for (int i = from; i < n; i++) h[u][i - from] = seqs.item(u, i);
    }
    histories = h;
  }

  @Override
  public void score(int user, int[] items, float[] out) {
    if (user < 0 || user >= numUsers)
      throw new IllegalArgumentException(
          "unknown user id " + user + " (model knows 0.." + (numUsers - 1) + ")");
    float[] h = lastHidden(new int[][] {histories[user]});
    Tensor e = itemTable();
    int d = e.dim(1);
    float[] ed = e.data(), bias = itemBias();
    for (int i = 0; i < items.length; i++) {
      int it = items[i];
      if (it < 0 || it >= numItems)
        throw new IllegalArgumentException("item id " + it + " outside 0.." + (numItems - 1));
      float s = 0;
      for (int c = 0; c < d; c++) s += h[c] * ed[it * d + c];
      out[i] = bias == null ? s : s + bias[it];
    }
  }

  /**
   * Pairs grouped by runs of the same user (as the evaluator lays them out): each run's history is
   * encoded once, in packed batches of up to {@value #SCORE_BATCH} runs.
   */
  @Override
  public void scorePairs(int[] users, int[] items, float[] out) {
    Tensor e = itemTable();
    int d = e.dim(1);
    float[] ed = e.data(), bias = itemBias();
    int p = 0;
    while (p < users.length) {
      int[] runStart = new int[SCORE_BATCH + 1];
      int[][] seqs = new int[SCORE_BATCH][];
      int runs = 0;
      while (p < users.length && runs < SCORE_BATCH) {
        int u = users[p];
        if (u < 0 || u >= numUsers)
          throw new IllegalArgumentException(
              "unknown user id " + u + " (model knows 0.." + (numUsers - 1) + ")");
        runStart[runs] = p;
        seqs[runs++] = histories[u];
        while (p < users.length && users[p] == u) p++;
      }
      runStart[runs] = p;
      float[] h = lastHidden(Arrays.copyOf(seqs, runs));
      for (int r = 0; r < runs; r++) {
        for (int i = runStart[r]; i < runStart[r + 1]; i++) {
          int it = items[i];
          if (it < 0 || it >= numItems)
            throw new IllegalArgumentException("item id " + it + " outside 0.." + (numItems - 1));
          float s = 0;
          for (int c = 0; c < d; c++) s += h[r * d + c] * ed[it * d + c];
          out[i] = bias == null ? s : s + bias[it];
        }
      }
    }
  }

  @Override
  public void scoreAll(int[] users, float[] out) {
    for (int from = 0; from < users.length; from += SCORE_BATCH) {
      int n = Math.min(SCORE_BATCH, users.length - from);
      int[][] seqs = new int[n][];
      for (int i = 0; i < n; i++) {
        int u = users[from + i];
        if (u < 0 || u >= numUsers)
          throw new IllegalArgumentException(
              "unknown user id " + u + " (model knows 0.." + (numUsers - 1) + ")");
        seqs[i] = histories[u];
      }
      catalogScores(seqs, out, from * numItems);
    }
  }

  @Override
  public float[] scoreNext(int[] history) {
    for (int it : history)
      if (it < 0 || it >= numItems)
        throw new IllegalArgumentException("item id " + it + " outside 0.." + (numItems - 1));
    float[] out = new float[numItems];
    catalogScores(new int[][] {tail(history)}, out, 0);
    return out;
  }

  /**
   * {@inheritDoc}
   *
   * <p>With {@linkplain #appendedTokens appended tokens}, their own weights are left out and the
   * weights of the history items are rescaled to sum to 1.
   */
  @Override
  public Optional<float[]> attentionWeights(int[] history) {
    int[] read = tail(history);
    if (read.length == 0) return Optional.of(new float[history.length]);
    Packed p = pack(new int[][] {read});
    Optional<float[][]> w;
    synchronized (this) {
      if (isTraining()) train(false);
    }
    try (var ng = Autograd.noGrad()) {
      w = lastAttention(p.tokens, p.positions, p.offsets);
    }
    if (w.isEmpty()) return Optional.empty();
    float[] out = new float[history.length];
    float[] w0 = w.get()[0];
    System.arraycopy(w0, 0, out, history.length - read.length, read.length);
    if (appendedTokens().length > 0) {
      double sum = 0;
      for (int i = 0; i < read.length; i++) sum += w0[i];
      if (sum > 0)
        for (int i = history.length - read.length; i < history.length; i++)
          out[i] = (float) (out[i] / sum);
    }
    return Optional.of(out);
  }

  @Override
  public Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter) {
    return Recommendation.topK(this, user, k, excludeSeen ? seen : null, filter);
  }

  /** The last {@link #maxLength()} items of {@code h} (the history items a model reads). */
  protected final int[] tail(int[] h) {
    int keep = maxLength();
    return h.length <= keep ? h : Arrays.copyOfRange(h, h.length - keep, h.length);
  }

  /**
   * Packed evaluation input: tokens, left-padded slot positions and offsets of {@code seqs} (each
   * read as its last {@link #maxLength()} items followed by the {@linkplain #appendedTokens
   * appended tokens}).
   */
  record Packed(int[] tokens, int[] positions, int[] offsets) {}

  final Packed pack(int[][] seqs) {
    int[] extra = appendedTokens();
    int keep = maxLength - extra.length;
    int t = 0;
    int[] offsets = new int[seqs.length + 1];
    for (int i = 0; i < seqs.length; i++) {
      t += Math.min(seqs[i].length, keep) + extra.length;
      offsets[i + 1] = t;
    }
    int[] tokens = new int[t], positions = new int[t];
    for (int i = 0; i < seqs.length; i++) {
      int[] s = seqs[i];
      int n = offsets[i + 1] - offsets[i], items = n - extra.length, first = s.length - items;
      for (int p = 0; p < n; p++) {
        tokens[offsets[i] + p] = p < items ? s[first + p] : extra[p - items];
        positions[offsets[i] + p] = maxLength - n + p;
      }
    }
    return new Packed(tokens, positions, offsets);
  }

  /**
   * The scored vector of each sequence, {@code [seqs.length × d]} row-major: the {@link #head} of
   * the last position's hidden state (the last appended token's, if any); zeros for an empty
   * sequence read without appended tokens.
   */
  protected final float[] lastHidden(int[][] seqs) {
    Packed p = pack(seqs);
    int d = itemTable().dim(1);
    float[] out = new float[seqs.length * d];
    if (p.tokens.length == 0) return out;
    synchronized (this) {
      if (isTraining()) train(false);
    }
    try (var ng = Autograd.noGrad()) {
      float[] h = encode(p.tokens, p.positions, p.offsets).data();
      for (int i = 0; i < seqs.length; i++) {
        if (p.offsets[i + 1] == p.offsets[i]) continue;
        System.arraycopy(h, (p.offsets[i + 1] - 1) * d, out, i * d, d);
      }
      Tensor last = Tensor.wrap(out, seqs.length, d), scored = head(last);
      if (scored != last) System.arraycopy(scored.data(), 0, out, 0, out.length);
    }
    return out;
  }

  /**
   * Scores of every item after each sequence into {@code out[at + i·numItems ..]}: the scored
   * vector ({@link #lastHidden}) times the item table, plus the {@linkplain #itemBias item bias}.
   */
  protected void catalogScores(int[][] seqs, float[] out, int at) {
    float[] h = lastHidden(seqs);
    Tensor e = itemTable();
    int d = e.dim(1);
    if (seqs.length < FEW_ROWS) {
      // a request's few rows: one dot per item row, where the matrix product would first pack the
      // whole item table (measured: serving's per-request cost)
      float[] ed = e.data();
      for (int r = 0; r < seqs.length; r++)
        for (int i = 0; i < numItems; i++)
          out[at + r * numItems + i] = DOT.dot(h, r * d, ed, i * d, d);
    } else {
      Tensor s;
      try (var ng = Autograd.noGrad()) {
        s = org.rec4j.tensor.LinAlg.matmul(Tensor.wrap(h, seqs.length, d), e, false, true);
      }
      System.arraycopy(s.data(), 0, out, at, seqs.length * numItems);
    }
    float[] bias = itemBias();
    if (bias != null)
      for (int r = 0; r < seqs.length; r++)
        for (int i = 0; i < numItems; i++) out[at + r * numItems + i] += bias[i];
  }

  // ---- training

  @Override
  public TrainingHistory fit(
      Interactions train,
      Validator validator,
      TrainerConfig config,
      TrainingListener... listeners) {
    Fittable.requireIdSpace(train, numUsers, numItems);
    UserSequences seqs = UserSequences.of(train, 0);
    rememberSeen(train);
    setHistories(seqs);
    Trainer t = new Trainer(config);
    for (TrainingListener l : listeners) t.listen(l);
    return t.fit(trainingSource(seqs, config), validator);
  }

  // ---- persistence

  @Override
  public ModelSpec spec() {
    return new ModelSpec(name, numUsers, numItems, false, seed, settings, Map.of());
  }

  @Override
  public Csr seen() {
    return seen;
  }

  @Override
  public void rememberSeen(Csr byUser) {
    this.seen = byUser;
  }

  @Override
  public Map<String, Tensor> itemEmbeddingTables() {
    return Map.of("item.weight", itemTable());
  }

  private static final String LENGTHS = "history:lengths", ITEMS = "history:items";

  /** Parameters, then the histories as {@code history:lengths [numUsers]} and {@code items}. */
  @Override
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    for (var e : namedParameters().entrySet()) m.put(e.getKey(), e.getValue().value().copy());
    int[][] h = histories;
    float[] lengths = new float[numUsers];
    int total = 0;
    for (int u = 0; u < numUsers; u++) total += h[u].length;
    float[] items = new float[Math.max(1, total)];
    int at = 0;
    for (int u = 0; u < numUsers; u++) {
      lengths[u] = h[u].length;
      for (int it : h[u]) items[at++] = it;
    }
    m.put(LENGTHS, Tensor.wrap(lengths, numUsers));
    m.put(ITEMS, Tensor.wrap(items, items.length));
    return m;
  }

  @Override
  public void loadStateDict(Map<String, Tensor> state) {
    Map<String, Parameter> params = namedParameters();
    java.util.Set<String> expected = new java.util.LinkedHashSet<>(params.keySet());
    expected.add(LENGTHS);
    expected.add(ITEMS);
    if (!state.keySet().equals(expected))
      throw new IllegalArgumentException(
          "state holds " + state.keySet() + " but model " + name + " has " + expected);
    for (var e : params.entrySet()) {
      Tensor t = state.get(e.getKey()), target = e.getValue().value();
      if (!t.shape().equals(target.shape()))
        throw new IllegalArgumentException(
            "'"
                + e.getKey()
                + "' has shape "
                + target.shape()
                + " but the state holds "
                + t.shape());
      System.arraycopy(t.data(), 0, target.data(), 0, t.size());
    }
    float[] lengths = state.get(LENGTHS).data(), items = state.get(ITEMS).data();
    if (lengths.length != numUsers)
      throw new IllegalArgumentException(
          "history:lengths has " + lengths.length + " entries, expected " + numUsers + " users");
    int[][] h = new int[numUsers][];
    int at = 0;
    for (int u = 0; u < numUsers; u++) {
      int n = (int) lengths[u];
      if (n < 0 || n > maxLength || at + n > items.length)
        throw new IllegalArgumentException(
            "history:lengths[" + u + "] = " + lengths[u] + " is not a length in 0.." + maxLength);
      h[u] = new int[n];
      for (int i = 0; i < n; i++) {
        float it = items[at++];
        if (!(it >= 0 && it < numItems) || it != (int) it)
          throw new IllegalArgumentException(
              "history:items holds " + it + ", not an item id in 0.." + (numItems - 1));
        h[u][i] = (int) it;
      }
    }
    histories = h;
  }

  /**
   * A data-parallel worker copy for thread {@code worker} (≥ 1): the same model built from the
   * registry with a worker-specific seed (its own dropout and negative streams), whose parameters
   * share this model's storage but keep their own gradients.
   */
  SequentialRecommender replica(int worker) {
    org.rec4j.model.ModelInputs in =
        org.rec4j.model.ModelInputs.ids(numUsers, numItems, false, seed + 7919L * worker)
            .with(
                org.rec4j.model.ModelInput.HISTORY,
                org.rec4j.model.HistoryInput.class,
                new org.rec4j.model.HistoryInput("replica"));
    SequentialRecommender copy =
        (SequentialRecommender)
            org.rec4j.model.ModelRegistry.create(name, in, settings.asMap(), "replica");
    List<Parameter> mine = parameters(), theirs = copy.parameters();
    for (int i = 0; i < mine.size(); i++) theirs.get(i).shareDataWith(mine.get(i));
    copy.train(isTraining());
    return copy;
  }

  /** Mode switch for the trainer (dropout on or off). */
  void setTraining(boolean on) {
    train(on);
  }
}
