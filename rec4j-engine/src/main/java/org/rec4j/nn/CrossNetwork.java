package org.rec4j.nn;

import java.util.ArrayList;
import java.util.List;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.MathOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * The cross network of the Deep &amp; Cross Network (Wang, Fu, Fu, Wang, "Deep &amp; Cross Network
 * for Ad Click Predictions", ADKDD 2017, arXiv:1708.05123), version 1: {@code L} layers {@code
 * x_{l+1} = x_0 · (x_lᵀ w_l) + b_l + x_l}, so layer {@code l} holds all feature crosses up to
 * degree {@code l + 1} with only {@code 2d} parameters per layer.
 *
 * <ul>
 *   <li>input {@code x0 [B, d]} (the concatenated embeddings and dense features)
 *   <li>parameters per layer {@code l}: {@code weight_l [d, 1]} (Xavier uniform) and {@code bias_l
 *       [d]} (zeros)
 *   <li>output {@code x_L [B, d]}
 * </ul>
 */
public final class CrossNetwork extends Module {
  private final int dim;
  private final List<Parameter> weights = new ArrayList<>();
  private final List<Parameter> biases = new ArrayList<>();

  /** {@code layers} cross layers over inputs of width {@code dim}; weights from {@code rng}. */
  public CrossNetwork(int dim, int layers, Rng rng) {
    if (dim <= 0) throw new IllegalArgumentException("CrossNetwork dim must be > 0, got " + dim);
    if (layers <= 0)
      throw new IllegalArgumentException("CrossNetwork layers must be > 0, got " + layers);
    this.dim = dim;
    for (int l = 0; l < layers; l++) {
      weights.add(
          register(new Parameter("weight" + l, Initializer.xavierUniform().create(rng, dim, 1))));
      biases.add(register(new Parameter("bias" + l, Tensor.zeros(dim))));
    }
  }

  /** {@code x0 [B, d] → x_L [B, d]}. */
  public Tensor forward(Tensor x0) {
    if (x0.rank() != 2 || x0.dim(1) != dim)
      throw new IllegalArgumentException(
          "CrossNetwork expects [B, " + dim + "], got " + x0.shape());
    Tensor x = x0;
    for (int l = 0; l < weights.size(); l++) {
      Tensor xw = LinAlg.matmul(x, weights.get(l).value());
      x = MathOps.add(MathOps.add(MathOps.mul(x0, xw), biases.get(l).value()), x);
    }
    return x;
  }

  /** Number of cross layers. */
  public int layers() {
    return weights.size();
  }
}
