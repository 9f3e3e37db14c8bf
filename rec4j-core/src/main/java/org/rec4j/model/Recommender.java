package org.rec4j.model;

import java.util.Map;
import java.util.function.IntPredicate;
import org.rec4j.data.Interactions;
import org.rec4j.eval.Scorer;
import org.rec4j.tensor.Tensor;
import org.rec4j.train.TrainerConfig;
import org.rec4j.train.TrainingHistory;
import org.rec4j.train.TrainingListener;
import org.rec4j.train.Validator;

/**
 * The contract every rec4j model fulfils (and the contract test checks): train, score, recommend, report its size
 * and cost, and expose its state for saving.
 *
 * <p>Users and items are dense ids from the training data's {@link org.rec4j.data.IdIndex}. A user id outside
 * {@code [0, numUsers)} is unknown: {@link #recommend} returns an empty, flagged answer rather than guessing, and
 * {@link #score} rejects it.
 */
public interface Recommender extends Scorer {
  /** The registry name, e.g. {@code "neumf"}. */
  String name();

  /** Number of users the model knows. */
  int numUsers();

  /** Trains on {@code train}, validating with {@code validator} (may be null). */
  TrainingHistory fit(Interactions train, Validator validator, TrainerConfig config, TrainingListener... listeners);

  /**
   * The top {@code k} items for {@code user}: excluding the user's training items when {@code excludeSeen}, and
   * keeping only items accepted by {@code filter} (null accepts all). Fewer than k items come back when fewer
   * qualify.
   */
  Recommendation recommend(int user, int k, boolean excludeSeen, IntPredicate filter);

  /** {@link #recommend} for several users. */
  default Recommendation[] recommendBatch(int[] users, int k, boolean excludeSeen, IntPredicate filter) {
    Recommendation[] out = new Recommendation[users.length];
    for (int i = 0; i < users.length; i++) out[i] = recommend(users[i], k, excludeSeen, filter);
    return out;
  }

  /** Number of scalar parameters. */
  long parameterCount();

  /** Multiply–add operations (×2 = FLOPs) to score one (user, item) pair, excluding embedding lookups. */
  long flopsPerPrediction();

  /** Named copies of every parameter and buffer (the save hook). */
  Map<String, Tensor> stateDict();

  /** Loads values saved by {@link #stateDict()} into this model (same configuration); the load hook. */
  void loadStateDict(Map<String, Tensor> state);
}
