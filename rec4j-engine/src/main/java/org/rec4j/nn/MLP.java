package org.rec4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * A multi-layer perceptron: a stack of {@link Linear} layers over the widths {@code dims[0] →
 * dims[1] → … → dims[k]}.
 *
 * <p>Each hidden layer computes {@code dropout(act(BN(x·W + b)))} — batch norm optional, in which
 * case the linear layer has no bias since BN's shift replaces it — and the last layer computes
 * {@code lastAct(x·W + b)} (identity by default, no batch norm and no dropout), as in the towers of
 * NeuMF, Wide&amp;Deep and DeepFM.
 *
 * <ul>
 *   <li>input {@code x [..., dims[0]]}
 *   <li>parameters per layer i: {@code W [dims[i], dims[i+1]]}, {@code b [dims[i+1]]}, and for
 *       hidden layers with batch norm {@code gamma, beta [dims[i+1]]}
 *   <li>output {@code [..., dims[k]]}
 * </ul>
 *
 * <p>Built with {@link #builder(int...)}: {@code MLP.builder(64, 32,
 * 1).activation(Activation.RELU).dropout(0.2f) .build(rng)}.
 */
public final class MLP extends Module {

  /**
   * Hyper-parameters of an {@link MLP}.
   *
   * @param dims layer widths, at least two, all &gt; 0
   * @param activation hidden-layer activation
   * @param lastActivation output-layer activation
   * @param dropout dropout probability after each hidden activation, in [0, 1)
   * @param batchNorm whether each hidden layer is batch-normalized before its activation
   */
  public record Config(
      int[] dims,
      Activation activation,
      Activation lastActivation,
      float dropout,
      boolean batchNorm) {
    /** Validates every field. */
    public Config {
      if (dims == null || dims.length < 2) {
        throw new IllegalArgumentException(
            "MLP dims needs at least an input and an output width, got " + Arrays.toString(dims));
      }
      for (int d : dims) {
        if (d <= 0)
          throw new IllegalArgumentException(
              "MLP dims must all be > 0, got " + Arrays.toString(dims));
      }
      dims = dims.clone();
      if (activation == null || lastActivation == null)
        throw new IllegalArgumentException("MLP activations must not be null (use IDENTITY)");
      if (!(dropout >= 0 && dropout < 1))
        throw new IllegalArgumentException("MLP dropout must be in [0, 1), got " + dropout);
    }

    @Override
    public int[] dims() {
      return dims.clone();
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Config c
          && Arrays.equals(dims, c.dims)
          && activation == c.activation
          && lastActivation == c.lastActivation
          && Float.compare(dropout, c.dropout) == 0
          && batchNorm == c.batchNorm;
    }

    @Override
    public int hashCode() {
      return 31 * Arrays.hashCode(dims)
          + Objects.hash(activation, lastActivation, dropout, batchNorm);
    }

    @Override
    public String toString() {
      return "MLP.Config[dims="
          + Arrays.toString(dims)
          + ", activation="
          + activation
          + ", lastActivation="
          + lastActivation
          + ", dropout="
          + dropout
          + ", batchNorm="
          + batchNorm
          + "]";
    }
  }

  /** Collects the hyper-parameters of an {@link MLP}. */
  public static final class Builder {
    private final int[] dims;
    private Activation activation = Activation.RELU;
    private Activation lastActivation = Activation.IDENTITY;
    private float dropout;
    private boolean batchNorm;

    private Builder(int[] dims) {
      this.dims = dims.clone();
    }

    /** Hidden-layer activation (default ReLU). */
    public Builder activation(Activation a) {
      this.activation = a;
      return this;
    }

    /** Output-layer activation (default identity). */
    public Builder lastActivation(Activation a) {
      this.lastActivation = a;
      return this;
    }

    /** Dropout probability after each hidden layer (default 0). */
    public Builder dropout(float p) {
      this.dropout = p;
      return this;
    }

    /** Whether hidden layers are batch-normalized (default no). */
    public Builder batchNorm(boolean on) {
      this.batchNorm = on;
      return this;
    }

    /** The validated configuration. */
    public Config config() {
      return new Config(dims, activation, lastActivation, dropout, batchNorm);
    }

    /** Builds the network, drawing weights and dropout masks from {@code rng}. */
    public MLP build(Rng rng) {
      return new MLP(config(), rng);
    }
  }

  private final Config config;
  private final List<Linear> linears = new ArrayList<>();
  private final List<BatchNorm> norms = new ArrayList<>();
  private final List<Dropout> dropouts = new ArrayList<>();

  /** A builder over the layer widths {@code dims[0] → … → dims[k]}. */
  public static Builder builder(int... dims) {
    return new Builder(dims);
  }

  /** A builder over the layer widths in {@code dims}, input first. */
  public static Builder builder(List<Integer> dims) {
    return new Builder(dims.stream().mapToInt(Integer::intValue).toArray());
  }

  /**
   * The network described by {@code config}; weights and then dropout masks come from {@code rng},
   * so the weights do not depend on the dropout setting.
   */
  public MLP(Config config, Rng rng) {
    this.config = config;
    int[] dims = config.dims();
    int last = dims.length - 2;
    for (int i = 0; i <= last; i++) {
      boolean hidden = i < last;
      boolean bn = hidden && config.batchNorm();
      Activation act =
          !hidden ? config.lastActivation() : bn ? Activation.IDENTITY : config.activation();
      Linear.Config lc = Linear.Config.of(dims[i], dims[i + 1]).withBias(!bn).withActivation(act);
      linears.add(register("linear" + i, new Linear(lc, rng)));
      if (bn) norms.add(register("norm" + i, new BatchNorm(dims[i + 1])));
    }
    for (int i = 0; i < last && config.dropout() > 0; i++) {
      dropouts.add(register("dropout" + i, new Dropout(config.dropout(), rng.split())));
    }
  }

  /** {@code x [..., dims[0]]} → {@code [..., dims[k]]}. */
  public Tensor forward(Tensor x) {
    int last = linears.size() - 1;
    for (int i = 0; i <= last; i++) {
      x = linears.get(i).forward(x);
      if (i == last) break;
      if (config.batchNorm()) x = config.activation().apply(norms.get(i).forward(x));
      if (config.dropout() > 0) x = dropouts.get(i).forward(x);
    }
    return x;
  }

  /** The configuration. */
  public Config config() {
    return config;
  }

  /** The linear layers, input side first. */
  public List<Linear> layers() {
    return List.copyOf(linears);
  }

  /** Input width {@code dims[0]}. */
  public int inputDim() {
    return linears.get(0).config().in();
  }

  /** Output width {@code dims[k]}. */
  public int outputDim() {
    return linears.get(linears.size() - 1).config().out();
  }
}
