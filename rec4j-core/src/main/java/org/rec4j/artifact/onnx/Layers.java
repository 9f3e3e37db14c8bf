package org.rec4j.artifact.onnx;

import java.util.Collection;
import java.util.List;
import org.rec4j.artifact.onnx.OnnxGraph.Attr;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.Activation;
import org.rec4j.nn.MLP;
import org.rec4j.tensor.Tensor;

/**
 * The rec4j layers as ONNX subgraphs, reading their weights from {@link Weights} by parameter path:
 * embedding lookups ({@code Gather}), {@code Linear} ({@code Gemm}, or {@code MatMul} without bias;
 * W is {@code [in, out]}), MLPs, lookups in constant tables a model computed from its state,
 * reshapes and elementwise arithmetic. Every method returns the name of the value it produces.
 */
final class Layers implements ScoringGraph {
  /**
   * Batch norm epsilon of the towers' layers ({@code MLP} builds {@code new BatchNorm(c)}, whose
   * eps is 1e-5).
   */
  static final float BATCH_NORM_EPS = 1e-5f;

  private final OnnxGraph g;
  private final Weights w;
  private final String users;
  private final String items;
  private String flat;
  private String axis1;
  private int constants;

  /**
   * Layers writing into {@code g} with weights from {@code w}, over the id inputs {@code users} and
   * {@code items}.
   */
  Layers(OnnxGraph g, Weights w, String users, String items) {
    this.g = g;
    this.w = w;
    this.users = users;
    this.items = items;
  }

  @Override
  public String users() {
    return users;
  }

  @Override
  public String items() {
    return items;
  }

  /** Wide&amp;Deep's cross bucket through {@link CrossHash} (raises the opset to 18). */
  @Override
  public String crossBucket(String users, String items, int buckets) {
    return CrossHash.bucket(g, users, items, buckets);
  }

  OnnxGraph graph() {
    return g;
  }

  /** Rows {@code ids} of embedding {@code module}: table {@code [n, d]} → {@code [N, d]}. */
  @Override
  public String lookup(String module, String ids) {
    String key = module + ".weight";
    Tensor t = w.take(key, 2);
    return g.op(
        "Gather", List.of(g.floats(key, t.data(), Weights.dims(t)), ids), Attr.of("axis", 0L));
  }

  /**
   * Scalars {@code ids} of a {@code [n, 1]} table {@code module}, stored flat as {@code [n]}: →
   * {@code [N]}.
   */
  @Override
  public String scalarLookup(String module, String ids) {
    String key = module + ".weight";
    Tensor t = w.take(key, 2);
    if (t.dim(1) != 1)
      throw new IllegalArgumentException(
          "'" + key + "' has shape " + t.shape() + ", expected [n, 1]");
    return g.op("Gather", List.of(g.floats(key, t.data(), t.dim(0)), ids), Attr.of("axis", 0L));
  }

  /**
   * Rows {@code ids} of a computed constant table stored as the initializer {@code name}; the state
   * entries {@code derivedFrom} count as placed.
   */
  @Override
  public String tableLookup(String name, Tensor table, String ids, Collection<String> derivedFrom) {
    if (w.has(name))
      throw new IllegalArgumentException(
          "computed table '" + name + "' would shadow the model's state entry of that name");
    if (table.rank() != 1 && table.rank() != 2)
      throw new IllegalArgumentException(
          "computed table '" + name + "' has shape " + table.shape() + ", expected [n] or [n, d]");
    for (String key : derivedFrom) w.derive(key);
    return g.op(
        "Gather",
        List.of(g.floats(name, table.data(), Weights.dims(table)), ids),
        Attr.of("axis", 0L));
  }

  /** A 1-D parameter as an initializer. */
  @Override
  public String vector(String key) {
    Tensor t = w.take(key, 1);
    return g.floats(key, t.data(), t.dim(0));
  }

  @Override
  public String add(String a, String b) {
    return g.op("Add", List.of(a, b));
  }

  @Override
  public String sub(String a, String b) {
    return g.op("Sub", List.of(a, b));
  }

  @Override
  public String mul(String a, String b) {
    return g.op("Mul", List.of(a, b));
  }

  /** {@code c · x}, with {@code c} a scalar initializer. */
  @Override
  public String scale(String x, float c) {
    return g.op("Mul", List.of(x, g.floats(constant("scalar"), new float[] {c})));
  }

  @Override
  public String sigmoid(String x) {
    return activation(x, Activation.SIGMOID);
  }

  /** Concatenation along axis 1. */
  @Override
  public String concat(String a, String b) {
    return g.op("Concat", List.of(a, b), Attr.of("axis", 1L));
  }

  /** Sum over axis 1, dropping it. */
  @Override
  public String rowSum(String x) {
    if (axis1 == null) axis1 = g.int64s("const_axis_1", OnnxGraph.INT64, new long[] {1}, 1);
    return g.op("ReduceSum", List.of(x, axis1), Attr.of("keepdims", 0L));
  }

  /** {@code [N, 1]} → {@code [N]}. */
  @Override
  public String squeeze(String x) {
    if (flat == null) flat = g.int64s("const_shape_flat", OnnxGraph.INT64, new long[] {-1}, 1);
    return g.op("Reshape", List.of(x, flat));
  }

  /** ONNX {@code Reshape} (0 copies the input's extent, -1 is inferred). */
  @Override
  public String reshape(String x, long... dims) {
    String shape = g.int64s(constant("shape"), OnnxGraph.INT64, dims.clone(), dims.length);
    return g.op("Reshape", List.of(x, shape));
  }

  /** ONNX {@code Gather} along {@code axis} with constant indices. */
  @Override
  public String select(String x, int axis, int[] indices) {
    long[] idx = java.util.Arrays.stream(indices).asLongStream().toArray();
    String at = g.int64s(constant("indices"), OnnxGraph.INT64, idx, idx.length);
    return g.op("Gather", List.of(x, at), Attr.of("axis", (long) axis));
  }

  /** {@code x · W} ({@code MatMul}) for the rank-2 parameter {@code key}. */
  @Override
  public String matmul(String x, String key) {
    Tensor t = w.take(key, 2);
    return g.op("MatMul", List.of(x, g.floats(key, t.data(), Weights.dims(t))));
  }

  /** A fresh name for a constant of {@code kind}. */
  private String constant(String kind) {
    return "const_" + kind + "_" + constants++;
  }

  /** The linear layer {@code prefix} without activation: {@code x·W + b}. */
  @Override
  public String linear(String prefix, String x) {
    return linear(prefix, x, Activation.IDENTITY);
  }

  /**
   * The linear layer {@code prefix}: {@code act(x·W + b)}, or {@code act(x·W)} when it has no bias.
   */
  String linear(String prefix, String x, Activation act) {
    Tensor wt = w.take(prefix + ".weight", 2);
    String weight = g.floats(prefix + ".weight", wt.data(), Weights.dims(wt));
    String y;
    if (w.has(prefix + ".bias")) {
      y = g.op("Gemm", List.of(x, weight, vector(prefix + ".bias")));
    } else {
      y = g.op("MatMul", List.of(x, weight));
    }
    return activation(y, act);
  }

  /**
   * The id-models' MLP tower {@code prefix} over {@code o.layers()} (see {@code Towers.tower}):
   * ReLU after every layer including the last; with batch norm, hidden layers have no bias and run
   * {@code ReLU(BN(x·W))} with the running statistics.
   */
  @Override
  public String tower(String prefix, String x, ModelOptions o) {
    return mlp(
        prefix,
        x,
        new MLP.Config(o.layers(), Activation.RELU, Activation.RELU, o.dropout(), o.batchNorm()));
  }

  /**
   * The {@link MLP} {@code prefix} built from {@code c}: hidden layers {@code act(x·W + b)}, or
   * with batch norm {@code act(BN(x·W))} with the running statistics (buffers {@code
   * buffer:prefix.norm<i>.runningMean|runningVar}); the last layer {@code lastAct(x·W + b)}.
   * Dropout is the identity at inference and does not appear.
   */
  @Override
  public String mlp(String prefix, String x, MLP.Config c) {
    int n = c.dims().length - 1;
    for (int i = 0; i < n; i++) {
      boolean hidden = i < n - 1;
      boolean bn = hidden && c.batchNorm();
      Activation act = hidden ? c.activation() : c.lastActivation();
      String layer = prefix + ".linear" + i;
      if (!bn) {
        x = linear(layer, x, act);
        continue;
      }
      x = linear(layer, x, Activation.IDENTITY);
      String norm = prefix + ".norm" + i;
      String gamma = vector(norm + ".gamma"), beta = vector(norm + ".beta");
      Tensor mean = w.take("buffer:" + norm + ".runningMean", 1),
          var = w.take("buffer:" + norm + ".runningVar", 1);
      String m = g.floats(norm + ".runningMean", mean.data(), mean.dim(0));
      String v = g.floats(norm + ".runningVar", var.data(), var.dim(0));
      x =
          activation(
              g.op(
                  "BatchNormalization",
                  List.of(x, gamma, beta, m, v),
                  Attr.of("epsilon", BATCH_NORM_EPS)),
              act);
    }
    return x;
  }

  /** {@code act(x)} for the activations with an exact ONNX operator. */
  String activation(String x, Activation act) {
    return switch (act) {
      case IDENTITY -> x;
      case RELU -> g.op("Relu", List.of(x));
      case SIGMOID -> g.op("Sigmoid", List.of(x));
      case TANH -> g.op("Tanh", List.of(x));
      case LEAKY_RELU -> g.op("LeakyRelu", List.of(x), Attr.of("alpha", Activation.LEAKY_SLOPE));
      case ELU -> g.op("Elu", List.of(x), Attr.of("alpha", 1f));
      case GELU ->
          throw new IllegalArgumentException(
              "activation GELU (tanh approximation) needs opset 20; the ONNX export writes opset 17");
    };
  }
}
