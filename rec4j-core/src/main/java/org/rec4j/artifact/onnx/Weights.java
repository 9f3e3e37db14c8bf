package org.rec4j.artifact.onnx;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.rec4j.model.Recommender;
import org.rec4j.tensor.Tensor;

/**
 * The parameters and buffers of a model being exported, from its {@link Recommender#stateDict()}:
 * by dotted path, buffers prefixed {@code buffer:}. Each one the graph uses is taken once; {@link
 * #checkAllUsed()} then refuses a model holding state the export did not place in the graph, so a
 * model whose structure has drifted from what the export knows fails loudly instead of exporting a
 * different function.
 */
final class Weights {
  private final String model;
  private final Map<String, Tensor> state;
  private final Set<String> unused;

  Weights(Recommender model) {
    this.model = model.name();
    this.state = new LinkedHashMap<>(model.stateDict());
    this.unused = new LinkedHashSet<>(state.keySet());
  }

  /** The tensor at {@code key} with rank {@code rank}. */
  Tensor take(String key, int rank) {
    Tensor t = state.get(key);
    if (t == null)
      throw new IllegalArgumentException(
          "model '"
              + model
              + "' has no parameter '"
              + key
              + "' (it has "
              + state.keySet()
              + "); its structure is not one the ONNX export supports");
    if (t.rank() != rank)
      throw new IllegalArgumentException(
          "model '"
              + model
              + "' parameter '"
              + key
              + "' has shape "
              + t.shape()
              + ", expected rank "
              + rank);
    unused.remove(key);
    return t;
  }

  /**
   * Marks {@code key} placed through a constant the model computed from it (e.g. a per-user table
   * of field embeddings); fails if the model has no such entry.
   */
  void derive(String key) {
    if (!state.containsKey(key))
      throw new IllegalArgumentException(
          "model '"
              + model
              + "' has no state entry '"
              + key
              + "' to derive a table from (it has "
              + state.keySet()
              + ")");
    unused.remove(key);
  }

  /** Whether the model has a parameter or buffer at {@code key}. */
  boolean has(String key) {
    return state.containsKey(key);
  }

  /** Fails if any parameter or buffer was not used by the graph. */
  void checkAllUsed() {
    if (!unused.isEmpty()) {
      throw new IllegalArgumentException(
          "model '"
              + model
              + "' holds "
              + unused
              + ", which the ONNX export does not know how to place; unsupported model structure");
    }
  }

  /** The dims of {@code t} as longs. */
  static long[] dims(Tensor t) {
    return Arrays.stream(t.dims()).asLongStream().toArray();
  }
}
