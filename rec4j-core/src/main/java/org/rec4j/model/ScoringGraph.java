package org.rec4j.model;

import java.util.Collection;
import org.rec4j.nn.MLP;
import org.rec4j.tensor.Tensor;

/**
 * The operations a model may use to describe its evaluation-mode scoring function as a graph, for
 * export ({@link OnnxExportable}). Values are named by strings the builder hands out; weights are
 * named by their parameter path in {@link Recommender#stateDict()} (e.g. {@code item} for the table
 * {@code item.weight}, {@code mlp} for the tower {@code mlp.linear0.weight, ...}). {@code N} below
 * is the batch of (user, item) pairs.
 *
 * <p>The builder checks every weight it is asked for exists with the expected rank, and that every
 * parameter and buffer of the model ends up in the graph — directly, or through a constant table
 * the model computed from it ({@link #tableLookup}) — so a description that drifts from the model
 * fails instead of exporting a different function.
 */
public interface ScoringGraph {
  /** The user ids, int64 {@code [N]}. */
  String users();

  /** The item ids, int64 {@code [N]}. */
  String items();

  /**
   * Rows {@code ids} of the embedding table {@code module} ({@code module.weight}, {@code [n, d]})
   * → {@code [N, d]}.
   */
  String lookup(String module, String ids);

  /** Entries {@code ids} of a {@code [n, 1]} table {@code module} → {@code [N]}. */
  String scalarLookup(String module, String ids);

  /**
   * Rows {@code ids} of a constant table the model computed from its state in evaluation mode (e.g.
   * every user's field embeddings), stored in the graph as {@code name}: {@code [n]} → {@code [N]},
   * {@code [n, d]} → {@code [N, d]}. {@code derivedFrom} names the state entries the table was
   * computed from (each must exist); they count as placed in the graph. {@code name} must not be a
   * state entry's name.
   */
  String tableLookup(String name, Tensor table, String ids, Collection<String> derivedFrom);

  /** A 1-D parameter (e.g. a global {@code bias} of shape {@code [1]}). */
  String vector(String key);

  /** Elementwise {@code a + b} (with broadcasting). */
  String add(String a, String b);

  /** Elementwise {@code a − b} (with broadcasting). */
  String sub(String a, String b);

  /** Elementwise {@code a ⊙ b}. */
  String mul(String a, String b);

  /** {@code c · x}. */
  String scale(String x, float c);

  /** Elementwise logistic sigmoid {@code 1 / (1 + e^{−x})}. */
  String sigmoid(String x);

  /**
   * Concatenation along axis 1: {@code [N, a]} and {@code [N, b]} → {@code [N, a + b]} ({@code [N,
   * a, k]} and {@code [N, b, k]} → {@code [N, a + b, k]}).
   */
  String concat(String a, String b);

  /**
   * Sum over axis 1, dropping it: {@code [N, d]} → {@code [N]}, summing each row ({@code [N, F, k]}
   * → {@code [N, k]}, summing over F).
   */
  String rowSum(String x);

  /**
   * {@code x} reshaped to {@code dims}; a 0 keeps {@code x}'s extent on that axis and one -1 is
   * inferred (e.g. {@code (0, -1)} flattens {@code [N, F, k]} to {@code [N, F·k]}).
   */
  String reshape(String x, long... dims);

  /**
   * The entries {@code indices} of {@code x} along {@code axis}, in that order (e.g. a reordering
   * of fields: {@code [N, F, k]} with axis 1).
   */
  String select(String x, int axis, int[] indices);

  /** {@code x · W} for the 2-D parameter {@code key} ({@code W [in, out]}): {@code [N, out]}. */
  String matmul(String x, String key);

  /** {@code [N, 1]} → {@code [N]}. */
  String squeeze(String x);

  /**
   * The linear layer {@code prefix} ({@code prefix.weight [in, out]}, optional {@code
   * prefix.bias}): {@code x·W + b}.
   */
  String linear(String prefix, String x);

  /**
   * The id-models' MLP tower {@code prefix} as built from {@code options} (ReLU after every layer,
   * batch norm with running statistics when {@code options.batchNorm()}; dropout is the identity at
   * inference).
   */
  String tower(String prefix, String x, ModelOptions options);

  /**
   * The MLP {@code prefix} ({@code prefix.linear<i>}, {@code prefix.norm<i>}) as built from {@code
   * config} (see {@link MLP}): hidden layers {@code act(x·W + b)}, or {@code act(BN(x·W))} with the
   * running statistics when {@code config.batchNorm()}, and the last layer {@code lastAct(x·W +
   * b)}; dropout is the identity at inference.
   */
  String mlp(String prefix, String x, MLP.Config config);

  /**
   * The hashed user×item cross bucket in {@code [0, buckets)} of Wide&amp;Deep ({@code
   * WideDeep.crossBucket}), int64 {@code [N]}.
   */
  String crossBucket(String users, String items, int buckets);
}
