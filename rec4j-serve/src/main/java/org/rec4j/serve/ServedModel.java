package org.rec4j.serve;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.IntPredicate;
import java.util.function.ToLongFunction;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.data.IdIndex;
import org.rec4j.eval.TopK;
import org.rec4j.model.Recommender;
import org.rec4j.model.SequenceScorer;
import org.rec4j.serve.topk.DotProduct;
import org.rec4j.serve.topk.HnswTopK;
import org.rec4j.serve.topk.ItemEmbeddings;

/**
 * One loaded, checksum-verified model version, ready to answer: top-k for known users (for
 * dot-product models a SIMD brute force over all items, or an HNSW index over large catalogs; for
 * MLP-scored models the model's full-catalog scoring, batched across concurrent requests by {@link
 * BatchedScorer}), a popularity fallback for unknown users, the ranking of a candidate set ({@link
 * #recommendAmong}), pair scores and item-to-item similarity. Immutable once built and safe for
 * concurrent use.
 *
 * <p>What the model can do is asked, never inferred from its name or class: its {@code
 * DotProductModel} capability gives the brute-force/HNSW top-k and fold-in, {@code
 * ItemEmbeddingTables} the similarity, {@code SeenItems} the training items to exclude.
 *
 * <p><b>Fold-in.</b> An unknown user with logged (non-impression) events, asking a dot-product
 * model (today MF, GMF), gets a user vector fitted to those items with the item side frozen ({@link
 * org.rec4j.serve.topk.FoldIn}) and an exact top-k for it, flagged {@code "fold_in"}. MLP-scored
 * models have no such cheap fold-in and use popularity.
 *
 * <p><b>Sequential models.</b> A model with the {@code SequenceScorer} capability (SASRec and the
 * like) ranks the catalog as the next item after a sequence ({@link #recommendNext}): a user's is
 * their training history followed by the items of their live events ({@link #userSequence}), an
 * anonymous session's its own items ({@link #sessionSequence}). Its attention weights explain an
 * answer ({@link #because}). An empty sequence gets the popularity fallback.
 *
 * <p><b>Popularity fallback.</b> Any other unknown user gets the items with the highest popularity:
 * the artifact's {@code item_popularity} array in {@code model.json} when it has one, else the
 * number of non-impression events for the item logged through this server. Ties (e.g. before any
 * event) are broken by the model's mean score over up to 256 of its users, which enters the
 * reported score as a fraction below 0.5.
 */
public final class ServedModel {
  private static final int PRIOR_USERS = 256;

  /**
   * A ranked answer in raw ids; {@code fallback} is null or the name of the fallback used
   * ("fold_in", "popularity").
   */
  public record Ranked(String[] items, float[] scores, String fallback) {}

  /**
   * The dense item sequence a sequential model scores, oldest first and at most its {@code
   * maxLength} (the newest), with the raw items of the input that the model does not know.
   */
  public record Sequence(int[] items, java.util.List<String> unknown) {}

  /** How much one item of a sequence drove an answer (attention weight, summed over repeats). */
  public record Weight(String item, float weight) {}

  private final String name;
  private final String version;
  private final Path source;
  private final Recommender model;
  private final IdIndex users;
  private final IdIndex items;
  private final JsonNode metadata;
  private final DotProduct dot;
  private final HnswTopK hnsw;
  private final org.rec4j.serve.topk.FoldIn foldIn;
  private final BatchedScorer batched;
  private final ItemEmbeddings embeddings;
  private final float[] artifactPopularity;
  private final org.rec4j.data.Csr trainingSeen;
  private final float[] priorFraction;
  private final SequenceScorer sequence;
  private final boolean explains;
  private static final java.util.concurrent.atomic.AtomicLong LOADS =
      new java.util.concurrent.atomic.AtomicLong();
  private final Instant loadedAt = Instant.now();
  private final long loadId = LOADS.incrementAndGet();

  private ServedModel(
      String name,
      String version,
      Path source,
      ModelArtifact.Loaded loaded,
      int hnswThreshold,
      HnswTopK.Params params) {
    this.name = name;
    this.version = version;
    this.source = source;
    this.model = loaded.model();
    this.users = loaded.users();
    this.items = loaded.items();
    this.metadata = loaded.metadata();
    this.trainingSeen =
        model
            .capability(org.rec4j.model.SeenItems.class)
            .flatMap(org.rec4j.model.SeenItems::seenItems)
            .orElse(null);
    if (model instanceof org.rec4j.nn.Module m) m.train(false);
    this.dot = DotProduct.of(model);
    this.hnsw =
        dot != null && model.numItems() >= hnswThreshold ? HnswTopK.build(dot, params) : null;
    this.foldIn = dot != null ? new org.rec4j.serve.topk.FoldIn(dot) : null;
    this.batched =
        dot == null
            ? new BatchedScorer(model, 16, Runtime.getRuntime().availableProcessors())
            : null;
    this.embeddings = ItemEmbeddings.of(model);
    this.artifactPopularity = popularityFrom(metadata, model.numItems());
    this.priorFraction = prior(model);
    this.sequence = model.capability(SequenceScorer.class).orElse(null);
    this.explains = sequence != null && checkSequenceScorer(sequence, model);
  }

  /**
   * Checks that a sequential model's scorer matches the model and answers a one-item sequence;
   * returns whether it has attention weights to explain with.
   */
  private static boolean checkSequenceScorer(SequenceScorer s, Recommender model) {
    int n = model.numItems();
    if (s.numItems() != n)
      throw new IllegalArgumentException(
          "its SequenceScorer has " + s.numItems() + " items, the model " + n);
    if (s.maxLength() < 1)
      throw new IllegalArgumentException(
          "its SequenceScorer reads at most " + s.maxLength() + " items, expected >= 1");
    if (n == 0) return false;
    int[] one = {0};
    float[] scores = s.scoreNext(one);
    if (scores == null || scores.length != n)
      throw new IllegalArgumentException(
          "its SequenceScorer scored "
              + (scores == null ? "null" : scores.length + " items")
              + " after a one-item sequence, expected "
              + n);
    java.util.Optional<float[]> w = s.attentionWeights(one);
    if (w.isPresent() && w.get().length != 1)
      throw new IllegalArgumentException(
          "its SequenceScorer gave "
              + w.get().length
              + " attention weights for a one-item sequence, expected 1");
    return w.isPresent();
  }

  /**
   * Loads (and verifies) the artifact directory or zip {@code source} as {@code name@version},
   * builds its HNSW index when it is a dot-product model with at least {@code hnswThreshold} items,
   * and answers one request to make sure it can.
   */
  public static ServedModel load(
      String name, String version, Path source, int hnswThreshold, HnswTopK.Params params) {
    ModelArtifact.Loaded loaded = ModelArtifact.load(source);
    int nu = loaded.model().numUsers(), ni = loaded.model().numItems();
    if (loaded.users().size() != nu || loaded.items().size() != ni) {
      throw new org.rec4j.artifact.ArtifactException(
          source
              + ": ids.json lists "
              + loaded.users().size()
              + " users and "
              + loaded.items().size()
              + " items, expected the model's "
              + nu
              + " users and "
              + ni
              + " items");
    }
    ServedModel m = new ServedModel(name, version, source, loaded, hnswThreshold, params);
    m.recommend(m.users.size() > 0 ? m.users.raw(0) : "", 1, Set.of(), item -> 0);
    return m;
  }

  private static float[] popularityFrom(JsonNode meta, int n) {
    JsonNode a = meta.path("item_popularity");
    if (!a.isArray() || a.size() != n) return null;
    float[] p = new float[n];
    for (int i = 0; i < n; i++) p[i] = (float) a.get(i).asDouble();
    return p;
  }

  /**
   * Each item's rank by mean score over a sample of users, as a fraction in [0, 0.5): the
   * popularity tie-break.
   */
  private static float[] prior(Recommender model) {
    int n = model.numItems(), nu = model.numUsers();
    int sample = (int) Math.max(1, Math.min(Math.min(nu, PRIOR_USERS), (1L << 22) / n));
    double[] mean = new double[n];
    int chunk = Math.max(1, Math.min(sample, 16));
    float[] buf = new float[chunk * n];
    for (int from = 0; from < sample; from += chunk) {
      int m = Math.min(chunk, sample - from);
      int[] us = new int[m];
      for (int j = 0; j < m; j++) us[j] = (int) ((long) (from + j) * nu / sample);
      model.scoreAll(us, buf);
      for (int j = 0; j < m; j++) for (int i = 0; i < n; i++) mean[i] += buf[j * n + i];
    }
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) order[i] = i;
    Arrays.sort(order, (a, b) -> Double.compare(mean[a], mean[b]));
    float[] frac = new float[n];
    for (int r = 0; r < n; r++) frac[order[r]] = 0.5f * r / n;
    return frac;
  }

  /** {@code name@version}. */
  public String key() {
    return name + "@" + version;
  }

  /**
   * {@code name@version#n}, unique per load: the cache key, so an answer computed by an instance
   * that a reload of the same version replaced can never be served for the new instance.
   */
  public String instanceKey() {
    return key() + "#" + loadId;
  }

  /** The model name in the models directory. */
  public String name() {
    return name;
  }

  /** The version (directory or zip name without {@code .zip}). */
  public String version() {
    return version;
  }

  /** Whether top-k goes through the HNSW index. */
  public boolean usesHnsw() {
    return hnsw != null;
  }

  /** Whether the model has item embeddings for {@link #similar}. */
  public boolean hasItemEmbeddings() {
    return embeddings != null;
  }

  /** The underlying model. */
  public Recommender model() {
    return model;
  }

  /** Dense id of raw user id {@code user}, or -1. */
  public int userId(String user) {
    return users.get(user);
  }

  /** Dense id of raw item id {@code item}, or -1. */
  public int itemId(String item) {
    return items.get(item);
  }

  /** When this instance was loaded (epoch milliseconds). */
  public long loadedAtMillis() {
    return loadedAt.toEpochMilli();
  }

  /** Whether the model scores item sequences (it has the {@code SequenceScorer} capability). */
  public boolean isSequential() {
    return sequence != null;
  }

  /** Whether the model is sequential and has attention weights to explain its answers with. */
  public boolean explainsSequences() {
    return explains;
  }

  /**
   * The longest sequence the model reads ({@code SequenceScorer.maxLength}); requires {@link
   * #isSequential}.
   */
  public int maxSequenceLength() {
    return sequence.maxLength();
  }

  /**
   * Raw user {@code user}'s sequence: their training history as the model knows it (none for a user
   * it does not know), then the known items of {@code eventItems} (raw ids, oldest first), the
   * newest {@code maxLength} of them. Requires {@link #isSequential}.
   */
  public Sequence userSequence(String user, java.util.List<String> eventItems) {
    int u = users.get(user);
    int[] history = u < 0 ? new int[0] : sequence.history(u);
    return sequence(history, eventItems);
  }

  /**
   * An anonymous session's sequence: the known items of {@code items} (raw ids, oldest first), the
   * newest {@code maxLength} of them. Requires {@link #isSequential}.
   */
  public Sequence sessionSequence(java.util.List<String> items) {
    return sequence(new int[0], items);
  }

  private Sequence sequence(int[] history, java.util.List<String> raw) {
    int[] dense = new int[raw.size()];
    java.util.List<String> unknown = new java.util.ArrayList<>();
    int n = 0;
    for (String r : raw) {
      int i = items.get(r);
      if (i >= 0) dense[n++] = i;
      else unknown.add(r);
    }
    int total = history.length + n, keep = Math.min(total, sequence.maxLength());
    int[] seq = new int[keep];
    for (int j = 0; j < keep; j++) {
      int p = total - keep + j;
      seq[j] = p < history.length ? history[p] : dense[p - history.length];
    }
    return new Sequence(seq, java.util.List.copyOf(unknown));
  }

  /**
   * The next items after {@code seq} (dense, oldest first; from {@link #userSequence} or {@link
   * #sessionSequence}) by the model's {@code scoreNext}: the top {@code k} of the catalog, or of
   * the dense items {@code candidates} when not null (an item given twice counts once; equal scores
   * in the order given). Left out: the raw items {@code exclude}, and with {@code excludeSeen} the
   * items of {@code seq} and, for a user the model knows ({@code user} not null), their training
   * items (training history and stored seen items). An empty {@code seq} gets the popularity
   * fallback; a non-empty one is flagged {@code fallback} (null for none). Requires {@link
   * #isSequential}.
   */
  public Ranked recommendNext(
      String user,
      Sequence seq,
      int[] candidates,
      int k,
      boolean excludeSeen,
      Set<String> exclude,
      String fallback,
      ToLongFunction<String> eventCounts) {
    int u = user == null ? -1 : users.get(user);
    java.util.BitSet drop = new java.util.BitSet(model.numItems());
    if (excludeSeen) {
      for (int i : trainingSeenOf(u, true)) drop.set(i);
      if (u >= 0) for (int i : sequence.history(u)) drop.set(i);
      for (int i : seq.items()) drop.set(i);
    }
    for (String raw : exclude) {
      int i = items.get(raw);
      if (i >= 0) drop.set(i);
    }
    java.util.BitSet among = null;
    int[] order = null;
    if (candidates != null) {
      among = new java.util.BitSet(model.numItems());
      order = new int[candidates.length];
      int n = 0;
      for (int c : candidates) {
        if (among.get(c) || drop.get(c)) continue;
        among.set(c);
        order[n++] = c;
      }
      order = Arrays.copyOf(order, n);
    }
    java.util.BitSet in = among;
    IntPredicate keep = in != null ? in::get : drop.isEmpty() ? null : i -> !drop.get(i);
    if (seq.items().length == 0) return popular(k, keep, eventCounts);
    float[] s = sequence.scoreNext(seq.items());
    if (s.length != model.numItems())
      throw new IllegalStateException(
          key() + ": scoreNext gave " + s.length + " scores for " + model.numItems() + " items");
    if (order != null) {
      float[] cs = new float[order.length];
      for (int j = 0; j < order.length; j++) cs[j] = s[order[j]];
      int[] rank = descending(cs);
      int m = Math.min(k, order.length);
      int[] best = new int[m];
      float[] scores = new float[m];
      for (int j = 0; j < m; j++) {
        best[j] = order[rank[j]];
        scores[j] = cs[rank[j]];
      }
      return ranked(best, scores, fallback);
    }
    return exactTopK(s, k, keep, 0f, Arrays.hashCode(seq.items()), fallback);
  }

  /**
   * The items of {@code seq} with the attention weight the model gave them (summed over an item's
   * repeats), largest first, at most {@code top}, items with weight 0 left out; empty for an empty
   * sequence. Requires {@link #explainsSequences}.
   */
  public java.util.List<Weight> because(Sequence seq, int top) {
    int[] it = seq.items();
    if (it.length == 0) return java.util.List.of();
    float[] w =
        sequence
            .attentionWeights(it)
            .orElseThrow(() ->
                new IllegalStateException(key() + ": attention weights vanished after loading"));
    if (w.length != it.length)
      throw new IllegalStateException(
          key() + ": " + w.length + " attention weights for a sequence of " + it.length);
    Map<Integer, Float> sum = new LinkedHashMap<>();
    for (int j = it.length - 1; j >= 0; j--) sum.merge(it[j], w[j], Float::sum); // newest first
    java.util.List<Weight> out = new java.util.ArrayList<>();
    sum.forEach((item, weight) -> {
      if (weight != 0f) out.add(new Weight(items.raw(item), weight));
    });
    out.sort((a, b) -> Float.compare(b.weight(), a.weight())); // stable: ties newest first
    return out.size() > top ? java.util.List.copyOf(out.subList(0, top)) : out;
  }

  /**
   * The top {@code k} items for raw user {@code user}, leaving out the raw items in {@code
   * exclude}; unknown users get the popularity fallback, with {@code eventCounts} giving each raw
   * item's logged event count.
   */
  public Ranked recommend(
      String user, int k, Set<String> exclude, ToLongFunction<String> eventCounts) {
    return recommend(user, k, false, exclude, eventCounts);
  }

  /**
   * As {@link #recommend(String, int, Set, ToLongFunction)}; with {@code excludeTrainingSeen} also
   * leaves out the items the user had in the training data when the artifact stored them ({@code
   * seen.bin}).
   */
  public Ranked recommend(
      String user,
      int k,
      boolean excludeTrainingSeen,
      Set<String> exclude,
      ToLongFunction<String> eventCounts) {
    return recommend(user, k, excludeTrainingSeen, exclude, Set.of(), eventCounts);
  }

  /**
   * As {@link #recommend(String, int, boolean, Set, ToLongFunction)}; an unknown user with a
   * non-empty {@code history} (raw items of their logged non-impression events) is folded in when
   * the model is a dot-product model.
   */
  public Ranked recommend(
      String user,
      int k,
      boolean excludeTrainingSeen,
      Set<String> exclude,
      java.util.Collection<String> history,
      ToLongFunction<String> eventCounts) {
    int u = users.get(user);
    int[] trainSeen = trainingSeenOf(u, excludeTrainingSeen);
    IntPredicate keep = keepFilter(exclude, trainSeen);
    if (u < 0) {
      Ranked folded = foldIn == null || history.isEmpty() ? null : foldedIn(user, history, k, keep);
      return folded != null ? folded : popular(k, keep, eventCounts);
    }
    if (hnsw != null) {
      Ranked r = approximate(u, k, exclude.size() + trainSeen.length, keep);
      if (r != null) return r;
    }
    if (dot != null) return bruteForce(u, k, keep);
    return batchedTopK(u, k, keep);
  }

  /**
   * As {@link #recommend(String, int, boolean, Set, java.util.Collection, ToLongFunction)} but
   * ranking only the dense items {@code candidates} (e.g. what a retrieval stage returned; an item
   * given twice counts once): a known user's candidates are ordered by their {@link #scorePairs}
   * scores, best first, equal scores in the order given; an unknown user gets the fold-in or
   * popularity answer restricted to the candidates.
   */
  public Ranked recommendAmong(
      String user,
      int[] candidates,
      int k,
      boolean excludeTrainingSeen,
      Set<String> exclude,
      java.util.Collection<String> history,
      ToLongFunction<String> eventCounts) {
    int u = users.get(user);
    IntPredicate keep = keepFilter(exclude, trainingSeenOf(u, excludeTrainingSeen));
    java.util.BitSet among = new java.util.BitSet(model.numItems());
    int[] kept = new int[candidates.length];
    int n = 0;
    for (int c : candidates) {
      if (among.get(c) || (keep != null && !keep.test(c))) continue;
      among.set(c);
      kept[n++] = c;
    }
    if (u < 0) {
      Ranked folded =
          foldIn == null || history.isEmpty() ? null : foldedIn(user, history, k, among::get);
      return folded != null ? folded : popular(k, among::get, eventCounts);
    }
    int[] us = new int[n];
    Arrays.fill(us, u);
    float[] s = scorePairs(us, Arrays.copyOf(kept, n));
    int[] order = descending(s);
    int m = Math.min(k, n);
    int[] best = new int[m];
    float[] scores = new float[m];
    for (int j = 0; j < m; j++) {
      best[j] = kept[order[j]];
      scores[j] = s[order[j]];
    }
    return ranked(best, scores, null);
  }

  /** The positions of {@code s} by descending value, equal values in the order of {@code s}. */
  static int[] descending(float[] s) {
    Integer[] order = new Integer[s.length];
    for (int j = 0; j < s.length; j++) order[j] = j;
    Arrays.sort(order, (a, b) -> Float.compare(s[b], s[a])); // a stable sort
    return Arrays.stream(order).mapToInt(Integer::intValue).toArray();
  }

  /**
   * The dense items user {@code u} had in the training data when {@code exclude} is set and the
   * artifact stored them; else none.
   */
  private int[] trainingSeenOf(int u, boolean exclude) {
    return exclude && u >= 0 && trainingSeen != null && u < trainingSeen.rows()
        ? trainingSeen.targetsOf(u)
        : new int[0];
  }

  /**
   * Top-k of an MLP-scored model from its full-catalog scores, computed in a batch with concurrent
   * requests.
   */
  private Ranked batchedTopK(int u, int k, IntPredicate keep) {
    BatchedScorer.Row row = batched.scores(u);
    int n = model.numItems();
    TopK top = new TopK(Math.min(k, n));
    top.clear(u);
    for (int i = 0; i < n; i++) if (keep == null || keep.test(i)) top.offer(i, row.get(i));
    float[] scores = new float[Math.min(k, n)];
    int[] best = top.drain(scores);
    return ranked(best, Arrays.copyOf(scores, best.length), null);
  }

  /** Exact top-k of a dot-product model: SIMD scores of every item, then a partial sort. */
  private Ranked bruteForce(int u, int k, IntPredicate keep) {
    float[] s = new float[model.numItems()];
    dot.dotAll(u, s);
    return exactTopK(s, k, keep, dot.offset(u), u, null);
  }

  /**
   * The best k of the kept items of {@code dots} (inner products), each score plus {@code offset}.
   */
  private Ranked exactTopK(
      float[] dots, int k, IntPredicate keep, float offset, long salt, String fallback) {
    int n = dots.length;
    TopK top = new TopK(Math.min(k, n));
    top.clear(salt);
    if (keep == null) {
      for (int i = 0; i < n; i++) top.offer(i, dots[i]);
    } else {
      for (int i = 0; i < n; i++) if (keep.test(i)) top.offer(i, dots[i]);
    }
    float[] scores = new float[Math.min(k, n)];
    int[] best = top.drain(scores);
    for (int j = 0; j < best.length; j++) scores[j] += offset;
    return ranked(best, Arrays.copyOf(scores, best.length), fallback);
  }

  private IntPredicate keepFilter(Set<String> exclude, int[] trainSeen) {
    if (exclude.isEmpty() && trainSeen.length == 0) return null;
    java.util.BitSet drop = new java.util.BitSet(model.numItems());
    for (int i : trainSeen) drop.set(i);
    for (String raw : exclude) {
      int i = items.get(raw);
      if (i >= 0) drop.set(i);
    }
    return drop.isEmpty() ? null : i -> !drop.get(i);
  }

  /**
   * HNSW candidates rescored by the model; null when too few survive the exclusions (the caller
   * goes exact).
   */
  private Ranked approximate(int u, int k, int excluded, IntPredicate keep) {
    int want = Math.min(model.numItems(), 2 * k + excluded);
    int[] cand = hnsw.candidates(u, want);
    int n = 0;
    for (int c : cand) if (keep == null || keep.test(c)) cand[n++] = c;
    int kk = Math.min(k, model.numItems() - excluded);
    if (n < kk) return null;
    int[] chosen = Arrays.copyOf(cand, n);
    float[] s = new float[n];
    model.score(u, chosen, s);
    TopK top = new TopK(Math.max(1, Math.min(k, n)));
    top.clear(u);
    for (int j = 0; j < n; j++) top.offer(chosen[j], s[j]);
    float[] scores = new float[Math.max(1, Math.min(k, n))];
    int[] best = top.drain(scores);
    return ranked(best, Arrays.copyOf(scores, best.length), null);
  }

  /**
   * Exact top-k for a user vector folded in from {@code history}; null when none of its items is in
   * the catalog.
   */
  private Ranked foldedIn(
      String user, java.util.Collection<String> history, int k, IntPredicate keep) {
    int[] pos = history.stream().mapToInt(items::get).filter(i -> i >= 0).toArray();
    float[] x = foldIn.userVector(pos, user.hashCode());
    if (x == null) return null;
    float[] s = new float[model.numItems()];
    dot.dotAll(x, 0, s);
    return exactTopK(s, k, keep, dot.globalOffset(), -1, "fold_in");
  }

  private Ranked popular(int k, IntPredicate keep, ToLongFunction<String> eventCounts) {
    int n = model.numItems();
    TopK top = new TopK(Math.min(k, n));
    for (int i = 0; i < n; i++) {
      if (keep != null && !keep.test(i)) continue;
      float base =
          artifactPopularity != null
              ? artifactPopularity[i]
              : eventCounts.applyAsLong(items.raw(i));
      top.offer(i, base + priorFraction[i]);
    }
    float[] scores = new float[Math.min(k, n)];
    int[] best = top.drain(scores);
    return ranked(best, Arrays.copyOf(scores, best.length), "popularity");
  }

  private Ranked ranked(int[] dense, float[] scores, String fallback) {
    String[] raw = new String[dense.length];
    for (int i = 0; i < dense.length; i++) raw[i] = items.raw(dense[i]);
    return new Ranked(raw, scores, fallback);
  }

  /** Model scores of aligned dense (user, item) pairs. */
  public float[] scorePairs(int[] us, int[] is) {
    float[] out = new float[us.length];
    if (us.length > 0) model.scorePairs(us, is, out);
    return out;
  }

  /**
   * The {@code k} items most similar to dense item {@code item} by embedding cosine; requires
   * embeddings.
   */
  public Ranked similar(int item, int k) {
    float[] s = new float[Math.max(1, Math.min(k, model.numItems()))];
    int[] best = embeddings.similar(item, k, null, s);
    return ranked(best, Arrays.copyOf(s, best.length), null);
  }

  /** A JSON-ready description for {@code GET /v1/models}. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("type", model.name());
    m.put("num_users", model.numUsers());
    m.put("num_items", model.numItems());
    m.put("parameters", model.parameterCount());
    m.put("top_k", hnsw != null ? "hnsw" : "exact");
    m.put("item_embeddings", embeddings == null ? null : embeddings.tables());
    m.put("popularity", artifactPopularity != null ? "artifact" : "events");
    m.put("cold_start", sequence != null ? "sequence" : foldIn != null ? "fold_in" : "popularity");
    if (sequence != null) {
      Map<String, Object> seq = new LinkedHashMap<>();
      seq.put("max_length", sequence.maxLength());
      seq.put("explain", explains);
      m.put("sequential", seq);
    }
    m.put("source", source.toString());
    m.put("loaded_at", loadedAt.toString());
    m.put("provenance", metadata.path("provenance"));
    m.put("metrics", metadata.path("metrics"));
    return m;
  }
}
