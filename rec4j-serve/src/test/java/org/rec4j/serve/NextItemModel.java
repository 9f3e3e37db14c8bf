package org.rec4j.serve;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.rec4j.config.Setting;
import org.rec4j.config.Settings;
import org.rec4j.data.Csr;
import org.rec4j.model.ModelInputs;
import org.rec4j.model.ModelSpec;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommendation;
import org.rec4j.model.Recommender;
import org.rec4j.model.RecommenderFactory;
import org.rec4j.model.SequenceScorer;
import org.rec4j.tensor.Tensor;

/**
 * A first-order Markov "next item" model for the serving tests of sequential models: the score of
 * item j after a sequence is the number of training transitions from the sequence's last item to j.
 * It reads at most {@link #MAX_LENGTH} items. Its "attention" weights are deterministic: the read
 * items weighted 1, 2, …, m from the oldest to the newest, normalized to sum to 1. With {@code
 * explains} 0 in its state it has no attention weights (as a GRU would).
 *
 * <p>Registered in the serve tests' {@code META-INF/services} as {@value #NAME} so artifacts of it
 * save and load like any model's. Not trainable: {@link #of} builds it from training sequences.
 * State: {@code transitions} [items × items], {@code history.lengths} [users], {@code
 * history.items} (the sequences, concatenated, oldest first), {@code explains} [1].
 */
public final class NextItemModel implements Persistable, SequenceScorer {
  static final String NAME = "test-next-item";
  static final int MAX_LENGTH = 5;

  private final int numUsers;
  private final int numItems;
  private float[] transitions;
  private int[][] history;
  private boolean explains = true;
  private Csr seen;

  NextItemModel(int numUsers, int numItems) {
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.transitions = new float[numItems * numItems];
    this.history = new int[numUsers][0];
  }

  /**
   * The model of the training {@code sequences} (one per user, oldest first), with attention
   * weights when {@code explains}.
   */
  static NextItemModel of(int numItems, int[][] sequences, boolean explains) {
    NextItemModel m = new NextItemModel(sequences.length, numItems);
    for (int u = 0; u < sequences.length; u++) {
      int[] s = sequences[u].clone();
      m.history[u] = s;
      for (int j = 1; j < s.length; j++) m.transitions[s[j - 1] * numItems + s[j]]++;
    }
    m.explains = explains;
    return m;
  }

  /** The registry entry (a serve-test fixture, not a model of the library). */
  public static final class Factory implements RecommenderFactory {
    @Override
    public String name() {
      return NAME;
    }

    @Override
    public String description() {
      return "first-order Markov next-item model (serve tests only)";
    }

    @Override
    public List<Setting<?>> settings() {
      return List.of();
    }

    @Override
    public Recommender create(ModelInputs inputs, Settings settings) {
      return new NextItemModel(inputs.numUsers(), inputs.numItems());
    }
  }

  // ---- SequenceScorer

  @Override
  public int maxLength() {
    return MAX_LENGTH;
  }

  @Override
  public int[] history(int user) {
    return user < 0 || user >= numUsers ? new int[0] : history[user].clone();
  }

  @Override
  public float[] scoreNext(int[] sequence) {
    for (int i : sequence)
      if (i < 0 || i >= numItems)
        throw new IllegalArgumentException("item " + i + " is outside [0, " + numItems + ")");
    float[] s = new float[numItems];
    if (sequence.length == 0) return s;
    System.arraycopy(transitions, sequence[sequence.length - 1] * numItems, s, 0, numItems);
    return s;
  }

  @Override
  public Optional<float[]> attentionWeights(int[] sequence) {
    if (!explains) return Optional.empty();
    float[] w = new float[sequence.length];
    int m = Math.min(MAX_LENGTH, sequence.length), from = sequence.length - m;
    float total = m * (m + 1) / 2f;
    for (int j = 0; j < m; j++) w[from + j] = (j + 1) / total;
    return Optional.of(w);
  }

  // ---- Recommender

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public int numUsers() {
    return numUsers;
  }

  @Override
  public int numItems() {
    return numItems;
  }

  @Override
  public void score(int user, int[] items, float[] out) {
    if (user < 0 || user >= numUsers) throw new IllegalArgumentException("unknown user id " + user);
    float[] s = scoreNext(history[user]);
    for (int j = 0; j < items.length; j++) out[j] = s[items[j]];
  }

  @Override
  public Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter) {
    return Recommendation.topK(this, user, k, excludeSeen ? seen() : null, filter);
  }

  @Override
  public long parameterCount() {
    return (long) numItems * numItems;
  }

  @Override
  public long flopsPerPrediction() {
    return 1;
  }

  @Override
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    m.put("transitions", Tensor.of(transitions, numItems, numItems));
    float[] lengths = new float[numUsers];
    int total = 0;
    for (int u = 0; u < numUsers; u++) total += lengths[u] = history[u].length;
    float[] items = new float[total];
    int p = 0;
    for (int[] h : history) for (int i : h) items[p++] = i;
    m.put("history.lengths", Tensor.of(lengths, numUsers));
    m.put("history.items", Tensor.of(items, total));
    m.put("explains", Tensor.of(new float[] {explains ? 1 : 0}, 1));
    return m;
  }

  @Override
  public void loadStateDict(Map<String, Tensor> state) {
    transitions = state.get("transitions").data().clone();
    float[] lengths = state.get("history.lengths").data(),
        items = state.get("history.items").data();
    int p = 0;
    for (int u = 0; u < numUsers; u++) {
      history[u] = new int[(int) lengths[u]];
      for (int j = 0; j < history[u].length; j++) history[u][j] = (int) items[p++];
    }
    explains = state.get("explains").data()[0] != 0;
  }

  // ---- Persistable, SeenItems

  @Override
  public ModelSpec spec() {
    return new ModelSpec(
        NAME,
        numUsers,
        numItems,
        false,
        0,
        Settings.resolve(NAME, List.of(), Map.of(), false, NAME),
        Map.of());
  }

  /** The items of the training sequences (unless an artifact's seen items were given). */
  @Override
  public Csr seen() {
    if (seen != null) return seen;
    int n = Arrays.stream(history).mapToInt(h -> h.length).sum();
    int[] us = new int[n], is = new int[n];
    int p = 0;
    for (int u = 0; u < numUsers; u++)
      for (int i : history[u]) {
        us[p] = u;
        is[p++] = i;
      }
    return Csr.build(numUsers, us, is, n);
  }

  @Override
  public void rememberSeen(Csr byUser) {
    seen = byUser;
  }
}
