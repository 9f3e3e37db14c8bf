package org.rec4j.model;

/**
 * The operations a model may use to describe its evaluation-mode scoring function as a graph, for
 * export ({@link OnnxExportable}). Values are named by strings the builder hands out; weights are
 * named by their parameter path in {@link Recommender#stateDict()} (e.g. {@code item} for the table
 * {@code item.weight}, {@code mlp} for the tower {@code mlp.linear0.weight, ...}). {@code N} below
 * is the batch of (user, item) pairs.
 *
 * <p>The builder checks every weight it is asked for exists with the expected rank, and that every
 * parameter and buffer of the model ends up in the graph, so a description that drifts from the
 * model fails instead of exporting a different function.
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

  /** A 1-D parameter (e.g. a global {@code bias} of shape {@code [1]}). */
  String vector(String key);

  /** Elementwise {@code a + b} (with broadcasting). */
  String add(String a, String b);

  /** Elementwise {@code a ⊙ b}. */
  String mul(String a, String b);

  /** {@code [N, a]} and {@code [N, b]} → {@code [N, a + b]}. */
  String concat(String a, String b);

  /** {@code [N, d]} → {@code [N]}, summing each row. */
  String rowSum(String x);

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
   * The hashed user×item cross bucket in {@code [0, buckets)} of Wide&amp;Deep ({@code
   * WideDeep.crossBucket}), int64 {@code [N]}.
   */
  String crossBucket(String users, String items, int buckets);
}
