package org.rec4j.nn;

import org.rec4j.tensor.Activations;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * A dense layer {@code y = act(x·W + b)}.
 *
 * <ul>
 *   <li>input {@code x [..., in]}
 *   <li>parameters {@code weight W [in, out]} (default {@link Initializer#xavierUniform() Xavier
 *       uniform}) and, unless disabled, {@code bias b [out]} (zeros)
 *   <li>output {@code [..., out]}
 * </ul>
 *
 * <p>Identity, ReLU, sigmoid and tanh are fused into the single {@link LinAlg#linear} op; other
 * activations run as a separate op on its output.
 */
public final class Linear extends Module {

  /**
   * Hyper-parameters of a {@link Linear} layer.
   *
   * @param in input features, &gt; 0
   * @param out output features, &gt; 0
   * @param bias whether to add a bias
   * @param activation activation applied to the affine output
   * @param weightInit initializer of {@code W [in, out]}
   */
  public record Config(
      int in, int out, boolean bias, Activation activation, Initializer weightInit) {
    /** Validates every field. */
    public Config {
      if (in <= 0) throw new IllegalArgumentException("Linear in must be > 0, got " + in);
      if (out <= 0) throw new IllegalArgumentException("Linear out must be > 0, got " + out);
      if (activation == null)
        throw new IllegalArgumentException("Linear activation must not be null (use IDENTITY)");
      if (weightInit == null)
        throw new IllegalArgumentException("Linear weightInit must not be null");
    }

    /** {@code in → out} with bias, no activation, Xavier-uniform weights. */
    public static Config of(int in, int out) {
      return new Config(in, out, true, Activation.IDENTITY, Initializer.xavierUniform());
    }

    /** This configuration with another activation. */
    public Config withActivation(Activation a) {
      return new Config(in, out, bias, a, weightInit);
    }

    /** This configuration with or without a bias. */
    public Config withBias(boolean on) {
      return new Config(in, out, on, activation, weightInit);
    }

    /** This configuration with another weight initializer. */
    public Config withWeightInit(Initializer init) {
      return new Config(in, out, bias, activation, init);
    }
  }

  private final Config config;
  private final Parameter weight;
  private final Parameter bias;

  /** A layer {@code in → out} with bias and no activation; weights drawn from {@code rng}. */
  public Linear(int in, int out, Rng rng) {
    this(Config.of(in, out), rng);
  }

  /** A layer configured by {@code config}; weights drawn from {@code rng}. */
  public Linear(Config config, Rng rng) {
    this.config = config;
    this.weight =
        register(
            new Parameter("weight", config.weightInit().create(rng, config.in(), config.out())));
    this.bias = config.bias() ? register(new Parameter("bias", Tensor.zeros(config.out()))) : null;
  }

  /** {@code act(x·W + b)}: {@code x [..., in]} → {@code [..., out]}. */
  public Tensor forward(Tensor x) {
    if (x.rank() < 1 || x.dim(-1) != config.in()) {
      throw new IllegalArgumentException(
          "Linear expects input [..., " + config.in() + "], got " + x.shape());
    }
    Activations.Kind fused = config.activation().fused();
    Tensor b = bias == null ? null : bias.value();
    if (fused != null) return LinAlg.linear(x, weight.value(), b, fused);
    return config
        .activation()
        .apply(LinAlg.linear(x, weight.value(), b, Activations.Kind.IDENTITY));
  }

  /** The configuration. */
  public Config config() {
    return config;
  }

  /** {@code W [in, out]}. */
  public Parameter weight() {
    return weight;
  }

  /** {@code b [out]}, or {@code null} without bias. */
  public Parameter bias() {
    return bias;
  }
}
