package org.rec4j.nn;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.rec4j.tensor.LinAlg;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.ShapeOps;
import org.rec4j.tensor.Tensor;

/**
 * The Compressed Interaction Network of xDeepFM (Lian et al., "xDeepFM: Combining Explicit and
 * Implicit Feature Interactions for Recommender Systems", KDD 2018, arXiv:1803.05170). Feature map
 * {@code h} of layer {@code k} is {@code X^k_{h,*} = Σ_i Σ_j W^{k,h}_{i,j} (X^{k−1}_{i,*} ∘
 * X^0_{j,*})}: vector-wise interactions of degree {@code k + 1}, compressed by a 1×1 convolution
 * over the {@code H_{k−1}·m} Hadamard products. Each layer's maps are sum-pooled over the embedding
 * dimension and the pooled vectors of all layers are concatenated.
 *
 * <ul>
 *   <li>input {@code x0 [B, m, D]}: the m field embeddings
 *   <li>parameters per layer {@code k}: {@code weight_k [H_{k−1}·m, H_k]} and {@code bias_k [H_k]}
 *   <li>output {@code [B, outputDim()]}: concatenated sum-pooled maps
 * </ul>
 *
 * <p>With {@code splitHalf} (the paper's released code, default there), every layer but the last
 * sends half of its maps to the next layer and the other half to the output, so {@code H_k} must be
 * even for those layers. The activation defaults to identity as in the paper's equation. Internally
 * the maps are kept as {@code [B, D, H]} so that the Hadamard products are one {@link
 * LinAlg#batchedOuter} and the compression one matrix product per layer.
 */
public final class CIN extends Module {
  private final int fields;
  private final int[] sizes;
  private final boolean splitHalf;
  private final Activation activation;
  private final List<Linear> convs = new ArrayList<>();
  private final int outputDim;

  /**
   * A CIN over {@code fields} input fields with feature-map counts {@code sizes}; weights from
   * {@code rng}.
   *
   * @param fields m, the number of input field embeddings
   * @param sizes H_1..H_T, each &gt; 0 (and even for all but the last when {@code splitHalf})
   * @param splitHalf whether hidden layers send half their maps to the output (the released code's
   *     default)
   * @param activation applied to every layer's maps (identity in the paper)
   */
  public CIN(int fields, int[] sizes, boolean splitHalf, Activation activation, Rng rng) {
    if (fields <= 0) throw new IllegalArgumentException("CIN fields must be > 0, got " + fields);
    if (sizes == null || sizes.length == 0)
      throw new IllegalArgumentException("CIN needs at least one layer size");
    this.fields = fields;
    this.sizes = sizes.clone();
    this.splitHalf = splitHalf;
    this.activation = activation;
    int prev = fields, out = 0;
    for (int k = 0; k < sizes.length; k++) {
      int h = sizes[k];
      boolean last = k == sizes.length - 1;
      if (h <= 0)
        throw new IllegalArgumentException(
            "CIN layer sizes must be > 0, got " + Arrays.toString(sizes));
      if (splitHalf && !last && h % 2 != 0) {
        throw new IllegalArgumentException(
            "CIN with splitHalf needs even sizes except the last, got " + Arrays.toString(sizes));
      }
      Linear.Config lc = Linear.Config.of(prev * fields, h).withActivation(activation);
      convs.add(register("conv" + k, new Linear(lc, rng)));
      int next = splitHalf && !last ? h / 2 : h;
      out += splitHalf && !last ? h / 2 : h;
      prev = next;
    }
    this.outputDim = out;
  }

  /** {@code x0 [B, m, D] → [B, outputDim()]}. */
  public Tensor forward(Tensor x0) {
    if (x0.rank() != 3 || x0.dim(1) != fields)
      throw new IllegalArgumentException("CIN expects [B, " + fields + ", D], got " + x0.shape());
    Tensor base = ShapeOps.permute(x0, 0, 2, 1);
    Tensor x = base;
    List<Tensor> pooled = new ArrayList<>();
    for (int k = 0; k < sizes.length; k++) {
      Tensor maps = convs.get(k).forward(LinAlg.batchedOuter(x, base));
      boolean last = k == sizes.length - 1;
      if (splitHalf && !last) {
        int half = sizes[k] / 2;
        x = ShapeOps.slice(maps, 2, 0, half);
        pooled.add(ReduceOps.sum(ShapeOps.slice(maps, 2, half, sizes[k]), 1, false));
      } else {
        x = maps;
        pooled.add(ReduceOps.sum(maps, 1, false));
      }
    }
    return pooled.size() == 1 ? pooled.get(0) : ShapeOps.concat(1, pooled.toArray(new Tensor[0]));
  }

  /** Width of the output: the sum of the pooled map counts. */
  public int outputDim() {
    return outputDim;
  }
}
