package org.rec4j.nn;

import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.NnOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * A single-layer gated recurrent unit over packed variable-length sequences: the session encoder of
 * GRU4Rec (Hidasi et al., "Session-based Recommendations with Recurrent Neural Networks", ICLR
 * 2016). The cell is that of Cho et al., "Learning Phrase Representations using RNN Encoder–Decoder
 * for Statistical Machine Translation" (EMNLP 2014), in the form used by cuDNN and PyTorch's {@code
 * torch.nn.GRU} (the reset gate multiplies the recurrent projection including its bias). From
 * {@code h = 0} at the start of each sequence, every token updates
 *
 * <pre>
 * r  = σ(x·W_ir + b_ir + h·W_hr + b_hr)
 * z  = σ(x·W_iz + b_iz + h·W_hz + b_hz)
 * n  = tanh(x·W_in + b_in + r ⊙ (h·W_hn + b_hn))
 * h' = (1 − z) ⊙ n + z ⊙ h
 * </pre>
 *
 * <ul>
 *   <li>input {@code x [T, in]}: B sequences packed by {@code int[] offsets} of length B + 1 —
 *       sequence b is rows {@code offsets[b] .. offsets[b+1] − 1}, oldest first; {@code offsets[0]
 *       = 0}, non-decreasing (empty sequences allowed), {@code offsets[B] = T}
 *   <li>parameters {@code inputWeight W_i [in, 3h]}, {@code hiddenWeight W_h [h, 3h]}, {@code
 *       inputBias b_i [3h]} and {@code hiddenBias b_h [3h]}, whose column blocks are the gates r,
 *       z, n in that order ({@code W_i = [W_ir | W_iz | W_in]}, like PyTorch's {@code weight_ih}
 *       transposed to rec4j's {@code [in, out]} layout)
 *   <li>output {@code [T, h]}: row i is the hidden state after token i of its sequence; {@link
 *       #last} picks each sequence's final state {@code [B, h]}
 * </ul>
 *
 * <p><b>Initialization.</b> As {@code torch.nn.GRU}: every weight and bias uniform in {@code
 * (−1/√h, 1/√h)}, drawn from the {@link Rng} in the order {@code inputWeight, hiddenWeight,
 * inputBias, hiddenBias}. (Glorot uniform would give the input weights a similar scale for {@code
 * in ≈ h}; the PyTorch scheme is kept so that hyper-parameters transfer from GRU4Rec's reference
 * implementations.)
 *
 * <p>The forward is the fused op {@link NnOps#gru}: one gemm projects all tokens, then the
 * recurrence advances all sequences still running together, one step at a time, and its backward is
 * a single back-propagation-through-time rule. Inside an {@link org.rec4j.tensor.Arena} scope its
 * buffers, tensors and nodes come from the arena's pools (the time-major schedule lives in reusable
 * per-thread arrays), so a steady-state step creates none. {@code offsets} is read again by the
 * backward pass, so it must not change before it.
 */
public final class GRU extends Module {
  private final int inputSize;
  private final int hiddenSize;
  private final Parameter inputWeight;
  private final Parameter hiddenWeight;
  private final Parameter inputBias;
  private final Parameter hiddenBias;

  /** A GRU from {@code inputSize} features to {@code hiddenSize} hidden units. */
  public GRU(int inputSize, int hiddenSize, Rng rng) {
    if (inputSize <= 0)
      throw new IllegalArgumentException("GRU inputSize must be > 0, got " + inputSize);
    if (hiddenSize <= 0)
      throw new IllegalArgumentException("GRU hiddenSize must be > 0, got " + hiddenSize);
    this.inputSize = inputSize;
    this.hiddenSize = hiddenSize;
    float k = (float) (1 / Math.sqrt(hiddenSize));
    Initializer init = Initializer.uniform(-k, k);
    int g3 = 3 * hiddenSize;
    this.inputWeight = register(new Parameter("inputWeight", init.create(rng, inputSize, g3)));
    this.hiddenWeight = register(new Parameter("hiddenWeight", init.create(rng, hiddenSize, g3)));
    this.inputBias = register(new Parameter("inputBias", init.create(rng, g3)));
    this.hiddenBias = register(new Parameter("hiddenBias", init.create(rng, g3)));
  }

  /**
   * The hidden state after every token: {@code x [T, in]} packed by {@code offsets} → {@code [T,
   * h]}.
   */
  public Tensor forward(Tensor x, int[] offsets) {
    if (x.rank() != 2 || x.dim(1) != inputSize) {
      throw new IllegalArgumentException(
          "GRU expects input [T, " + inputSize + "], got " + x.shape());
    }
    return NnOps.gru(
        x,
        offsets,
        inputWeight.value(),
        hiddenWeight.value(),
        inputBias.value(),
        hiddenBias.value());
  }

  /**
   * Each sequence's final hidden state: row b of the {@code [B, h]} result is {@code
   * hidden[offsets[b+1] − 1]} (zeros for an empty sequence), differentiable; {@code hidden [T, h]}
   * is a {@link #forward} output for the same {@code offsets}.
   */
  public Tensor last(Tensor hidden, int[] offsets) {
    if (hidden.rank() != 2 || hidden.dim(1) != hiddenSize) {
      throw new IllegalArgumentException(
          "GRU.last expects hidden states [T, " + hiddenSize + "], got " + hidden.shape());
    }
    return IndexOps.sequenceLast(hidden, offsets);
  }

  /** Input features {@code in}. */
  public int inputSize() {
    return inputSize;
  }

  /** Hidden units {@code h}. */
  public int hiddenSize() {
    return hiddenSize;
  }

  /** {@code W_i [in, 3h]} (gate blocks r, z, n). */
  public Parameter inputWeight() {
    return inputWeight;
  }

  /** {@code W_h [h, 3h]} (gate blocks r, z, n). */
  public Parameter hiddenWeight() {
    return hiddenWeight;
  }

  /** {@code b_i [3h]} (gate blocks r, z, n). */
  public Parameter inputBias() {
    return inputBias;
  }

  /** {@code b_h [3h]} (gate blocks r, z, n). */
  public Parameter hiddenBias() {
    return hiddenBias;
  }
}
