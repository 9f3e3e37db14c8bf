package org.rec4j.artifact.onnx;

import java.util.List;
import org.rec4j.artifact.onnx.OnnxGraph.Attr;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ScoringGraph;
import org.rec4j.nn.Activation;
import org.rec4j.tensor.Tensor;

/**
 * The rec4j layers as ONNX subgraphs, reading their weights from {@link Weights} by parameter path:
 * embedding lookups ({@code Gather}), {@code Linear} ({@code Gemm}, or {@code MatMul} without bias;
 * W is {@code [in, out]}), the id-models' MLP tower and elementwise arithmetic. Every method
 * returns the name of the value it produces.
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
  public String mul(String a, String b) {
    return g.op("Mul", List.of(a, b));
  }

  /** {@code [N, a]} and {@code [N, b]} → {@code [N, a + b]}. */
  @Override
  public String concat(String a, String b) {
    return g.op("Concat", List.of(a, b), Attr.of("axis", 1L));
  }

  /** {@code [N, d]} → {@code [N]}, summing each row. */
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
   * {@code ReLU(BN(x·W))} with the running statistics. Dropout is the identity at inference and
   * does not appear.
   */
  @Override
  public String tower(String prefix, String x, ModelOptions o) {
    int n = o.layers().length - 1;
    for (int i = 0; i < n; i++) {
      boolean bn = o.batchNorm() && i < n - 1;
      String layer = prefix + ".linear" + i;
      if (!bn) {
        x = linear(layer, x, Activation.RELU);
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
              Activation.RELU);
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
