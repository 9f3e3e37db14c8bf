package org.rec4j.ctr;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.rec4j.config.Settings;
import org.rec4j.data.Csr;
import org.rec4j.model.ModelSpec;
import org.rec4j.model.OnnxExportable;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommendation;
import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.Module;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;
import org.rec4j.train.Validator;

/**
 * A CTR model ({@link CtrModel} over field examples) behind the one model contract: it scores a
 * (user, item) pair as the click probability of the example its {@link EntityFeatures} build for
 * the pair, so everything built on {@link org.rec4j.model.Recommender} — evaluation,
 * recommendation, the artifact, {@code rec4j serve}'s {@code /v1/scores} and ranked recommendations
 * over the catalog or a candidate set — works for LR, FM, Wide&amp;Deep, DeepFM, xDeepFM, AutoInt,
 * DCN and SharedBottom as for the id models. Training goes through its {@link FieldTrainable}
 * capability.
 *
 * <p>LR, FM, DeepFM and DCN over user and item fields also have the {@link OnnxExportable}
 * capability: the click probability {@code σ(logit)} as a graph over per-user and per-item tables
 * of field embeddings and first-order terms ({@link EntityGraph}); the other networks, and models
 * with context fields, have no ONNX form yet.
 *
 * <p>State: the network's parameters under their own names, and the entity features ({@code
 * features.*}, see {@link EntityFeatures}). A model whose fields are not all user or item fields
 * (Frappe) trains and evaluates on examples but cannot score a bare pair nor be saved; it says so.
 *
 * <p>Scoring builds examples in blocks of {@value #BLOCK} pairs and runs the network in evaluation
 * mode without a tape; calls are serialized (the network is one module).
 */
public final class FeatureRecommender
    implements Persistable, FieldTrainable, org.rec4j.model.ItemEmbeddingTables {
  private static final int BLOCK = 4096;

  private final String name;
  private final CtrModel net;
  private final int numUsers;
  private final int numItems;
  private final long seed;
  private final Settings settings;
  private CtrInputs inputs;
  private Csr seen;

  /**
   * Wraps {@code net}, built by the factory {@code name} with {@code settings} over {@code inputs},
   * for {@code numUsers} × {@code numItems} ids.
   */
  public FeatureRecommender(
      String name,
      CtrModel net,
      CtrInputs inputs,
      int numUsers,
      int numItems,
      long seed,
      Settings settings) {
    this.name = name;
    this.net = net;
    this.inputs = inputs;
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.seed = seed;
    this.settings = settings;
    if (inputs.entities() != null) {
      int u = inputs.entities().rows(EntityFeatures.Entity.USER),
          i = inputs.entities().rows(EntityFeatures.Entity.ITEM);
      if (u != numUsers || i != numItems)
        throw new IllegalArgumentException(
            name
                + ": features cover "
                + u
                + " users and "
                + i
                + " items, the ids "
                + numUsers
                + " and "
                + numItems);
    }
  }

  /** The network. */
  public CtrModel network() {
    return net;
  }

  /** The fields and entity features. */
  public CtrInputs inputs() {
    return inputs;
  }

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

  private EntityFeatures entities() {
    if (inputs.entities() == null)
      throw new IllegalArgumentException(
          name
              + " was trained on fields that are not all user or item fields (context fields such as "
              + "Frappe's); it scores examples, not bare (user, item) pairs");
    return inputs.entities();
  }

  @Override
  public void score(int user, int[] items, float[] out) {
    if (user < 0 || user >= numUsers)
      throw new IllegalArgumentException("user " + user + " outside [0, " + numUsers + ")");
    int[] users = new int[items.length];
    Arrays.fill(users, user);
    scorePairs(users, items, out);
  }

  @Override
  public synchronized void scorePairs(int[] users, int[] items, float[] out) {
    EntityFeatures e = entities();
    for (int j = 0; j < users.length; j++) {
      if (users[j] < 0 || users[j] >= numUsers)
        throw new IllegalArgumentException("user " + users[j] + " outside [0, " + numUsers + ")");
      if (items[j] < 0 || items[j] >= numItems)
        throw new IllegalArgumentException("item " + items[j] + " outside [0, " + numItems + ")");
    }
    CtrEvaluator ev = new CtrEvaluator(BLOCK);
    for (int from = 0; from < users.length; from += BLOCK) {
      int to = Math.min(users.length, from + BLOCK), n = to - from;
      int[] u = Arrays.copyOfRange(users, from, to), i = Arrays.copyOfRange(items, from, to);
      float[] p = ev.predict(net, e.examples(u, i, new float[n], u, null));
      System.arraycopy(p, 0, out, from, n);
    }
  }

  /**
   * This model's capabilities: what it implements ({@link org.rec4j.model.ItemEmbeddingTables} only
   * when the fields include the item id and the network has embedding tables), and {@link
   * OnnxExportable} when its network can describe its scoring and every field belongs to the user
   * or the item.
   */
  @Override
  public <T> Optional<T> capability(Class<T> type) {
    if (type == org.rec4j.model.ItemEmbeddingTables.class && itemEmbeddingTables().isEmpty())
      return Optional.empty();
    if (type == OnnxExportable.class) {
      if (inputs.entities() == null || !(net instanceof CtrNetwork n) || !n.describable())
        return Optional.empty();
      return Optional.of(type.cast(new OnnxForm(n)));
    }
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /** The ONNX form of a network that can describe itself. */
  private final class OnnxForm implements OnnxExportable {
    private final CtrNetwork network;

    OnnxForm(CtrNetwork network) {
      this.network = network;
    }

    @Override
    public ModelSpec spec() {
      return FeatureRecommender.this.spec();
    }

    /** The score is a click probability. */
    @Override
    public String output() {
      return "click_probability";
    }

    /**
     * {@code σ(logit)} of the pair's example, the network in evaluation mode, as {@link
     * #scorePairs} computes it.
     */
    @Override
    public String describeScoring(ScoringGraph g) {
      synchronized (FeatureRecommender.this) {
        network.setTraining(false);
        return g.sigmoid(
            network.describeLogit(new EntityGraph(g, network, entities(), numUsers, numItems)));
      }
    }
  }

  @Override
  public Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter) {
    return Recommendation.topK(this, user, k, excludeSeen ? seen : null, filter);
  }

  /**
   * The rows of the {@code item_id} field in each field embedding table ({@code [totalIds, k]}, k
   * &gt; 1): {@code [numItems, k]} copies named {@code <table>.item_id}.
   */
  @Override
  public Map<String, Tensor> itemEmbeddingTables() {
    Map<String, Tensor> out = new LinkedHashMap<>();
    FieldSchema schema = inputs.schema();
    int f = -1;
    for (int j = 0; j < schema.size(); j++) if (schema.field(j).name().equals("item_id")) f = j;
    if (f < 0 || schema.field(f).size() != numItems) return out;
    int from = schema.offset(f);
    for (Map.Entry<String, Parameter> e : net.namedParameters().entrySet()) {
      Tensor t = e.getValue().value();
      if (!e.getValue().sparse() || t.rank() != 2 || t.dim(0) != schema.totalIds() || t.dim(1) < 2)
        continue;
      int k = t.dim(1);
      float[] rows = java.util.Arrays.copyOfRange(t.data(), from * k, (from + numItems) * k);
      out.put(e.getKey() + ".item_id", Tensor.wrap(rows, numItems, k));
    }
    return out;
  }

  @Override
  public long parameterCount() {
    long n = 0;
    for (Parameter p : net.parameters()) n += p.value().size();
    return n;
  }

  /** Multiply–adds of the dense (non-embedding) weights, each used once per example. */
  @Override
  public long flopsPerPrediction() {
    long n = 0;
    for (Parameter p : net.parameters()) if (!p.sparse()) n += p.value().size();
    return n;
  }

  @Override
  public Map<String, Tensor> stateDict() {
    Map<String, Tensor> m = new LinkedHashMap<>();
    net.namedParameters().forEach((k, p) -> m.put(k, p.value().copy()));
    if (net instanceof Module mod) mod.namedBuffers().forEach((k, t) -> m.put(k, t.copy()));
    if (inputs.entities() != null) m.putAll(inputs.entities().state());
    return m;
  }

  @Override
  public void loadStateDict(Map<String, Tensor> state) {
    Map<String, Parameter> params = net.namedParameters();
    Map<String, Tensor> buffers = net instanceof Module mod ? mod.namedBuffers() : Map.of();
    for (String k : state.keySet()) {
      if (!params.containsKey(k) && !buffers.containsKey(k) && !k.startsWith("features."))
        throw new IllegalArgumentException(name + " has no parameter '" + k + "'");
    }
    for (Map.Entry<String, Parameter> e : params.entrySet())
      copyInto(e.getKey(), e.getValue().value(), state);
    for (Map.Entry<String, Tensor> e : buffers.entrySet())
      copyInto(e.getKey(), e.getValue(), state);
    if (inputs.entities() != null) {
      EntityFeatures loaded = inputs.entities().load(state);
      inputs = new CtrInputs(inputs.schema(), loaded, inputs.crosses());
    }
  }

  private void copyInto(String key, Tensor target, Map<String, Tensor> state) {
    Tensor t = state.get(key);
    if (t == null) throw new IllegalArgumentException(name + " state lacks '" + key + "'");
    if (t.size() != target.size())
      throw new IllegalArgumentException(
          name
              + " parameter '"
              + key
              + "' holds "
              + t.size()
              + " values, expected "
              + target.size());
    System.arraycopy(t.data(), 0, target.data(), 0, t.size());
  }

  @Override
  public ModelSpec spec() {
    return new ModelSpec(name, numUsers, numItems, false, seed, settings, inputs.describe());
  }

  @Override
  public Csr seen() {
    return seen;
  }

  @Override
  public void rememberSeen(Csr byUser) {
    seen = byUser;
  }

  @Override
  public TrainingHistory fit(
      FieldDataset train,
      Validator validator,
      TrainerConfig config,
      TrainingListener... listeners) {
    Trainer trainer = new Trainer(config);
    for (TrainingListener l : listeners) trainer.listen(l);
    TrainingHistory h = trainer.fit(new CtrSource(net, train), validator);
    net.setTraining(false);
    return h;
  }

  @Override
  public Map<String, Double> evaluate(FieldDataset data) {
    return new CtrEvaluator(BLOCK).evaluate(net, data);
  }

  /** The fields' names, for messages. */
  List<String> fieldNames() {
    return inputs.schema().fields().stream().map(Field::name).toList();
  }
}
