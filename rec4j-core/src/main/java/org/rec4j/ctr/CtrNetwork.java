package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.FMInteraction;
import org.rec4j.nn.Initializer;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Module;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Base of the CTR models: a {@link Module} with the two building blocks every FM-family model
 * shares, both over the global id space of a {@link FieldSchema} and both looked up with one
 * weighted embedding-bag op per batch.
 *
 * <ul>
 *   <li>{@link #newEmbedding}: field embeddings {@code E [totalIds, k]}, N(0, 0.01²) as in the
 *       DeepFM/xDeepFM code, sparse gradients; {@link #embed} gives {@code [B, F, k]} (multi-hot
 *       fields pooled, numeric fields scaled)
 *   <li>{@link #newLinear}: first-order weights {@code w [totalIds, 1]} (zeros, sparse) and a bias;
 *       {@link #linear} gives {@code b + Σ_j x_j w_j} as {@code [B, 1]}
 * </ul>
 *
 * <p>Dense vector fields generalize numeric ones: where a numeric field's embedding is its one row
 * scaled by a number, a dense field {@code f} of dimension d gets {@code x_f · W_f + E[id_f]} with
 * a learned projection {@code W_f [d, k]} per embedding table (registered as {@code
 * <table>_dense_<field>}, N(0, 0.01²)) and the field's own embedding row as the bias; in a linear
 * term it adds {@code x_f · w_f} with a learned {@code w_f [d, 1]} (zeros, {@code
 * <linear>_dense_<field>}). Both are plain {@link LinAlg#matmul} on the batch's dense block, so
 * every model consuming {@code [B, F, k]} field embeddings or a linear term handles dense fields
 * unchanged.
 */
abstract class CtrNetwork extends Module implements CtrModel {
  /** Standard deviation of embedding initialization. */
  static final float EMBEDDING_STD = 0.01f;

  protected final FieldSchema schema;

  /**
   * Per embedding table or first-order table: one projection per field, {@code null} for non-dense
   * fields.
   */
  private final Map<Parameter, Parameter[]> denseWeights = new IdentityHashMap<>();

  CtrNetwork(FieldSchema schema) {
    this.schema = schema;
  }

  /** A sparse {@code [totalIds, k]} embedding table named {@code name}. */
  protected Parameter newEmbedding(String name, int k, Rng rng) {
    Parameter e =
        register(
            new Parameter(
                name, Initializer.normal(EMBEDDING_STD).create(rng, schema.totalIds(), k), true));
    if (schema.denseWidth() > 0) {
      Parameter[] w = new Parameter[schema.size()];
      for (int f = 0; f < schema.size(); f++) {
        Field field = schema.field(f);
        if (field.isDense())
          w[f] =
              register(
                  new Parameter(
                      name + "_dense_" + field.name(),
                      Initializer.normal(EMBEDDING_STD).create(rng, field.dim(), k)));
      }
      denseWeights.put(e, w);
    }
    return e;
  }

  /**
   * A sparse zero {@code [totalIds, 1]} first-order weight table named {@code name}; its bias is
   * {@code name_bias}.
   */
  protected Parameter[] newLinear(String name) {
    Parameter w = register(new Parameter(name, Tensor.zeros(schema.totalIds(), 1), true));
    Parameter b = register(new Parameter(name + "_bias", Tensor.zeros(1)));
    if (schema.denseWidth() > 0) {
      Parameter[] d = new Parameter[schema.size()];
      for (int f = 0; f < schema.size(); f++) {
        Field field = schema.field(f);
        if (field.isDense())
          d[f] =
              register(
                  new Parameter(name + "_dense_" + field.name(), Tensor.zeros(field.dim(), 1)));
      }
      denseWeights.put(w, d);
    }
    return new Parameter[] {w, b};
  }

  /** Field embeddings {@code [B, F, k]} from table {@code e}. */
  protected Tensor embed(Parameter e, FieldBatch batch) {
    checkBatch(batch);
    int nb = batch.size(), nf = batch.fields(), k = e.value().dim(1);
    Tensor bags =
        ShapeOps.reshape(
            IndexOps.embeddingBag(e.value(), batch.ids, batch.values, batch.offsets), nb, nf, k);
    Parameter[] w = denseWeights.get(e);
    if (w == null) return bags;
    Tensor x = denseBlock(batch);
    List<Tensor> parts = new ArrayList<>();
    int from = 0;
    for (int f = 0; f < nf; f++) {
      if (w[f] == null) continue;
      if (f > from) parts.add(ShapeOps.slice(bags, 1, from, f));
      Tensor projected = ShapeOps.reshape(LinAlg.matmul(denseSlice(x, f), w[f].value()), nb, 1, k);
      parts.add(MathOps.add(ShapeOps.slice(bags, 1, f, f + 1), projected));
      from = f + 1;
    }
    if (from < nf) parts.add(ShapeOps.slice(bags, 1, from, nf));
    return parts.size() == 1 ? parts.get(0) : ShapeOps.concat(1, parts.toArray(Tensor[]::new));
  }

  /**
   * The batch's dense vectors as {@code [B, D]} (wrapping the batch's array: valid until its next
   * fill).
   */
  private static Tensor denseBlock(FieldBatch batch) {
    return Tensor.wrap(batch.dense, batch.size(), batch.denseWidth());
  }

  /** Field {@code f}'s columns of the dense block, {@code [B, d]}. */
  private Tensor denseSlice(Tensor x, int f) {
    int d = schema.field(f).dim();
    if (d == x.dim(1)) return x;
    int at = schema.denseOffset(f);
    return ShapeOps.slice(x, 1, at, at + d);
  }

  /** {@code b + Σ x_j w_j} per example, {@code [B, 1]}. */
  protected Tensor linear(Parameter[] wb, FieldBatch batch) {
    checkBatch(batch);
    Tensor y =
        MathOps.add(
            IndexOps.embeddingBag(wb[0].value(), batch.ids, batch.values, batch.exampleOffsets),
            wb[1].value());
    Parameter[] w = denseWeights.get(wb[0]);
    if (w == null) return y;
    Tensor x = denseBlock(batch);
    for (int f = 0; f < w.length; f++) {
      if (w[f] != null) y = MathOps.add(y, LinAlg.matmul(denseSlice(x, f), w[f].value()));
    }
    return y;
  }

  /**
   * Each field's first-order term {@code Σ_{j ∈ f} x_j w_j} (a dense field adds {@code x_f · w_f})
   * without the bias, {@code [B, F]}: the summands of {@link #linear} by field.
   */
  Tensor linearByField(Parameter[] wb, FieldBatch batch) {
    checkBatch(batch);
    int nb = batch.size(), nf = batch.fields();
    Tensor y =
        ShapeOps.reshape(
            IndexOps.embeddingBag(wb[0].value(), batch.ids, batch.values, batch.offsets), nb, nf);
    Parameter[] w = denseWeights.get(wb[0]);
    if (w == null) return y;
    float[] out = y.data();
    Tensor x = denseBlock(batch);
    for (int f = 0; f < nf; f++) {
      if (w[f] == null) continue;
      float[] d = LinAlg.matmul(denseSlice(x, f), w[f].value()).data();
      for (int b = 0; b < nb; b++) out[b * nf + f] += d[b];
    }
    return y;
  }

  /**
   * The learned dense-field projections of the embedding or first-order table {@code table} by
   * field ({@code null} for a field that is not dense), or {@code null} without dense fields.
   */
  Parameter[] denseProjections(Parameter table) {
    Parameter[] w = denseWeights.get(table);
    return w == null ? null : w.clone();
  }

  /**
   * Whether {@link #describeLogit} describes this network (its ONNX form); networks without one
   * answer false and are refused by the export with "export: &lt;name&gt; has no ONNX form yet".
   */
  boolean describable() {
    return false;
  }

  /**
   * Describes {@link #logits} in evaluation mode on {@code eg} for the (user, item) pairs of its
   * graph and returns the name of the {@code [N]} logits; only when {@link #describable()}.
   */
  String describeLogit(EntityGraph eg) {
    throw new UnsupportedOperationException(name() + " has no ONNX form yet");
  }

  /**
   * The factorization machine's pairwise term {@code Σ_k ½[(Σ_f e_f)² − Σ_f e_f²]} of field
   * embeddings {@code e [N, F, k]} → {@code [N]}, in the order {@link FMInteraction} computes it.
   */
  static String describeFm(ScoringGraph g, String e) {
    String sum = g.rowSum(e);
    String sumSq = g.rowSum(g.mul(e, e));
    return g.rowSum(g.scale(g.sub(g.mul(sum, sum), sumSq), 0.5f));
  }

  /** Throws unless the batch was built over this model's fields (same names and id spaces). */
  private void checkBatch(FieldBatch batch) {
    if (batch.schema() != schema && !batch.schema().equals(schema)) {
      throw new IllegalArgumentException(
          name()
              + " was built for fields "
              + schema.fields()
              + " but the batch has "
              + batch.schema().fields());
    }
  }

  /** A ReLU tower {@code in → hidden… → 1} with dropout after each hidden layer. */
  protected static MLP tower(int in, int[] hidden, float dropout, Rng rng) {
    int[] dims = new int[hidden.length + 2];
    dims[0] = in;
    System.arraycopy(hidden, 0, dims, 1, hidden.length);
    dims[dims.length - 1] = 1;
    return MLP.builder(dims).dropout(dropout).build(rng);
  }

  /** {@code [B, 1] → [B]}. */
  protected static Tensor squeeze(Tensor x) {
    return ShapeOps.reshape(x, x.dim(0));
  }

  @Override
  public void setTraining(boolean on) {
    train(on);
  }

  /** Validates hidden widths (copying them); {@code mayBeEmpty} allows none. */
  static int[] checkHidden(String what, int[] hidden, boolean mayBeEmpty) {
    if (hidden == null || (!mayBeEmpty && hidden.length == 0))
      throw new IllegalArgumentException(
          what + " needs at least one width, got " + Arrays.toString(hidden));
    for (int h : hidden) {
      if (h <= 0)
        throw new IllegalArgumentException(
            what + " widths must be > 0, got " + Arrays.toString(hidden));
    }
    return hidden.clone();
  }

  /** The fields this model was built for. */
  public FieldSchema schema() {
    return schema;
  }
}
