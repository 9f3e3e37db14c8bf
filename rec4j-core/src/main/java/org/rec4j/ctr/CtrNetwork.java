package org.rec4j.ctr;

import org.rec4j.nn.Initializer;
import org.rec4j.nn.MLP;
import org.rec4j.nn.Module;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * Base of the CTR models: a {@link Module} with the two building blocks every FM-family model shares, both over the
 * global id space of a {@link FieldSchema} and both looked up with one weighted embedding-bag op per batch.
 *
 * <ul>
 *   <li>{@link #newEmbedding}: field embeddings {@code E [totalIds, k]}, N(0, 0.01²) as in the DeepFM/xDeepFM code,
 *       sparse gradients; {@link #embed} gives {@code [B, F, k]} (multi-hot fields pooled, numeric fields
 *       scaled)</li>
 *   <li>{@link #newLinear}: first-order weights {@code w [totalIds, 1]} (zeros, sparse) and a bias;
 *       {@link #linear} gives {@code b + Σ_j x_j w_j} as {@code [B, 1]}</li>
 * </ul>
 */
abstract class CtrNetwork extends Module implements CtrModel {
  /** Standard deviation of embedding initialization. */
  static final float EMBEDDING_STD = 0.01f;
  protected final FieldSchema schema;

  CtrNetwork(FieldSchema schema) {
    this.schema = schema;
  }

  /** A sparse {@code [totalIds, k]} embedding table named {@code name}. */
  protected Parameter newEmbedding(String name, int k, Rng rng) {
    return register(new Parameter(name, Initializer.normal(EMBEDDING_STD).create(rng, schema.totalIds(), k), true));
  }

  /** A sparse zero {@code [totalIds, 1]} first-order weight table named {@code name}; its bias is {@code name_bias}. */
  protected Parameter[] newLinear(String name) {
    Parameter w = register(new Parameter(name, Tensor.zeros(schema.totalIds(), 1), true));
    Parameter b = register(new Parameter(name + "_bias", Tensor.zeros(1)));
    return new Parameter[] {w, b};
  }

  /** Field embeddings {@code [B, F, k]} from table {@code e}. */
  protected Tensor embed(Parameter e, FieldBatch batch) {
    checkBatch(batch);
    Tensor bags = IndexOps.embeddingBag(e.value(), batch.ids, batch.values, batch.offsets);
    return ShapeOps.reshape(bags, batch.size(), batch.fields(), e.value().dim(1));
  }

  /** {@code b + Σ x_j w_j} per example, {@code [B, 1]}. */
  protected Tensor linear(Parameter[] wb, FieldBatch batch) {
    checkBatch(batch);
    return MathOps.add(IndexOps.embeddingBag(wb[0].value(), batch.ids, batch.values, batch.exampleOffsets), wb[1].value());
  }

  /** Throws unless the batch was built over this model's fields (same names and id spaces). */
  private void checkBatch(FieldBatch batch) {
    if (batch.schema() != schema && !batch.schema().equals(schema)) {
      throw new IllegalArgumentException(name() + " was built for fields " + schema.fields() + " but the batch has " + batch.schema().fields());
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

  /** The fields this model was built for. */
  public FieldSchema schema() {
    return schema;
  }
}
