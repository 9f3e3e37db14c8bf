package org.rec4j.model;

import java.util.Map;
import java.util.Optional;
import java.util.function.IntPredicate;
import org.rec4j.eval.Scorer;
import org.rec4j.tensor.Tensor;

/**
 * The serving contract every rec4j model fulfils (and the contract test checks): score, recommend,
 * report its size and cost, expose its state for saving, and answer what else it can do ({@link
 * #capability}). It carries no training types: training goes through {@link
 * org.rec4j.train.Fittable}, itself a capability of trainable models.
 *
 * <p>Code that needs more than scores — serving's top-k, fold-in and HNSW, item similarity, ONNX
 * export, full-ranking evaluation — asks for a capability ({@link DotProductModel}, {@link
 * ItemEmbeddingTables}, {@link OnnxExportable}, {@link SeenItems}, ...) and never switches on the
 * model's name, class or parameter names.
 *
 * <p>Users and items are dense ids from the training data's {@link org.rec4j.data.IdIndex}. A user
 * id outside {@code [0, numUsers)} is unknown: {@link #recommend} returns an empty, flagged answer
 * rather than guessing, and {@link #score} rejects it.
 */
public interface Recommender extends Scorer {
  /** The registry name, e.g. {@code "neumf"}. */
  String name();

  /** Number of users the model knows. */
  int numUsers();

  /**
   * What this model can do beyond scoring, as an object of {@code type}, or empty when it cannot.
   * The default answers with the model itself when it implements {@code type}; a wrapper (or a
   * model that computes a capability on demand) overrides it.
   */
  default <T> Optional<T> capability(Class<T> type) {
    return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
  }

  /**
   * The top {@code k} items for {@code user}: excluding the user's training items when {@code
   * excludeSeen}, and keeping only items accepted by {@code filter} (null accepts all). Fewer than
   * k items come back when fewer qualify.
   */
  Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter);

  /** {@link #recommend} for several users. */
  default Recommendation[] recommendBatch(
      int[] users, int k, boolean excludeSeen, IntPredicate filter) {
    Recommendation[] out = new Recommendation[users.length];
    for (int i = 0; i < users.length; i++) out[i] = recommend(users[i], k, excludeSeen, filter);
    return out;
  }

  /** Number of scalar parameters. */
  long parameterCount();

  /**
   * Multiply–add operations (×2 = FLOPs) to score one (user, item) pair, excluding embedding
   * lookups.
   */
  long flopsPerPrediction();

  /** Named copies of every parameter and buffer (the save hook). */
  Map<String, Tensor> stateDict();

  /**
   * Loads values saved by {@link #stateDict()} into this model (same configuration); the load hook.
   */
  void loadStateDict(Map<String, Tensor> state);
}
