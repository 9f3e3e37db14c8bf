package org.rec4j.bench;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;
import org.rec4j.data.Interactions;
import org.rec4j.data.sample.UniformNegativeSampler;
import org.rec4j.model.ModelOptions;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.NeuralRecommender;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * The NeuMF training step of {@link TrainStepBenchmark}, fused by hand: the reference for the
 * hardware limit of issue 18 (part 2), <em>not</em> a product path. It trains exactly the model,
 * data and optimizer of that benchmark — GMF branch of {@code f} factors, MLP branch with {@code
 * 4f}-wide user and item embeddings and ReLU layers {@code 8f → 4f → 2f → f}, one output logit over
 * {@code [GMF; MLP]}, mean binary cross-entropy on logits, Adam (β1 0.9, β2 0.999, ε 1e-8, lr 1e-3)
 * updating the embedding tables lazily (touched rows only, global step count for the bias
 * corrections) with the dense-Adam catch-up of skipped steps that {@code OptimizerKind.ADAM} turns
 * on, and the examples of the {@code Trainer} (each positive followed by 4 uniformly sampled
 * negatives, shuffled per epoch with the trainer's seeded stream) — but with plain float arrays and
 * hand-written Vector API loops instead of tensors, autodiff and general kernels.
 *
 * <h2>How one mini-batch runs</h2>
 *
 * <ol>
 *   <li>touch: one read per cache line of every user and item row of the batch (weights and Adam
 *       moments), in a loop doing nothing else, so that their cache misses overlap (Java has no
 *       prefetch instruction);
 *   <li>per chunk of {@link #chunk} examples (padded to a multiple of two vectors; a padding
 *       example reads row 0 and gets a zero loss gradient, so it contributes nothing and touches no
 *       row):
 *       <ol>
 *         <li>gather: each distinct user and item of the batch gets one zeroed gradient row (the
 *             engine's coalesced sparse gradient); the MLP input [p<sup>M</sup>; q<sup>M</sup>] is
 *             copied example-major; the GMF part of the logit, Σ<sub>c</sub> h<sub>c</sub>·(p
 *             <sub>c</sub>·q<sub>c</sub>), is summed per example;
 *         <li>first layer 8f → 4f example-major (register tile 4 examples × 2 vectors of outputs,
 *             inputs broadcast), bias and ReLU fused, output transposed to feature-major;
 *         <li>layers 4f → 2f → f feature-major ({@code [feature][example]}, register tile 4 outputs
 *             × 2 vectors of examples, weights broadcast), bias and ReLU fused; then the logit;
 *         <li>loss and its gradient {@code dz = (σ(z) − y)/n};
 *         <li>backward of the small layers feature-major: weight and bias gradients as per-lane
 *             partial sums over the batch (reduced once per step), input gradients with the
 *             previous ReLU mask applied in the same pass;
 *         <li>first layer backward example-major: W0 and b0 gradients summed over the chunk in
 *             registers, and each example's input gradient (over a transposed copy of W0) added
 *             straight into its user's and item's gradient rows; GMF gradients per example;
 *       </ol>
 *   <li>Adam: one vector loop over all dense parameters, then one pass over each touched id's row
 *       that applies the catch-up drift of the steps the row skipped and then the regular update
 *       (the engine runs the same per-coordinate arithmetic in two kernel calls per table row).
 * </ol>
 *
 * The register tiles are written in vectors, not lanes, so the same code runs with 8 lanes (AVX2)
 * or 16 (AVX-512); it needs {@code 4f} to be a multiple of two vectors.
 *
 * <h2>Layout (not semantics)</h2>
 *
 * Each id's GMF and MLP rows are stored side by side with their Adam moments: row {@code r} of the
 * user (or item) table is {@code [w(f + 4f) | m(f + 4f) | v(f + 4f)]}, so a touched id is one
 * contiguous stretch of memory for the gather and the update (the engine keeps four tables and
 * their moments in twelve separate arrays). The step of an id's last update is kept once per id,
 * since both branches' rows of an id are always touched together; the catch-up constants, which
 * depend only on the gap since that step, are computed once per gap and step.
 *
 * <h2>Differences from the engine</h2>
 *
 * The same arithmetic per coordinate for the loss gradient (σ in double, as the engine's {@code
 * BceWithLogitsLoss}), the parameter gradients and every Adam step, including the lazy catch-up
 * (same power tables, same float/double mix, same subnormal flush); only summation orders differ
 * (layers start from the bias and use FMA; the small layers' weight gradients are summed per lane
 * and then across lanes; the first layer's per example), so results agree to float rounding ({@code
 * FusedNeuMFStepTest} checks every batch's loss and all parameters against the engine). The
 * reported loss value is computed in float with the Vector API's {@code EXP} and {@code LOG1P} (the
 * engine: double); it does not feed the gradient. No dropout, batch norm, regularization, gradient
 * clipping or learning-rate schedule (the benchmark uses none); one thread only.
 *
 * <p>Usage: {@code java --add-modules jdk.incubator.vector -cp rec4j-bench.jar
 * org.rec4j.bench.FusedNeuMFStep [threads=1] [epochs=5] [positives=200000] [factors=8] [chunk=64]
 * [warmup=1]}. Prints one line per epoch and a final JSON line with the median samples/s of the
 * epochs after the first {@code warmup}, as {@link TrainStepBenchmark} does; example building
 * (negative sampling and shuffling) is excluded from the timing as there.
 */
public final class FusedNeuMFStep {
  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
  private static final int L = S.length();

  /** Adam β1, β2 as the engine stores them (float), ε, and the benchmark's learning rate. */
  private static final float B1 = 0.9f;

  private static final float B2 = 0.999f;
  private static final double EPS = 1e-8;
  private static final double LR = 1e-3;

  /** Length of the catch-up power tables (as in the engine: beyond it the powers count as 0). */
  private static final int POWERS = 20_000;

  /**
   * 2^-76: adding and subtracting it flushes magnitudes below about 1e-30 (engine's SIMD flush).
   */
  private static final float FLUSH = 0x1p-76f;

  private final int numUsers;
  private final int numItems;

  /** GMF width f, MLP embedding width 4f, hidden widths 4f, 2f, f; input 8f. */
  private final int nf, ne, in0, h1n, h2n, h3n;

  private final int row; // f + 4f: one id's weights
  private final int stride; // 3 · row: weights, m, v
  private final int chunk;

  /** Per id: [gmf(f) | mlp(4f)] weights, then m, then v. */
  private final float[] userTable, itemTable;

  /** Step of each id's last update (0 = never), as the engine's per-row steps. */
  private final int[] userLast, itemLast;

  /** Dense parameters flattened: W0, b0, W1, b1, W2, b2, Wo, bo; with m, v, gradient. */
  private final float[] dense, denseM, denseV, denseG;

  private final int oW0, ob0, oW1, ob1, oW2, ob2, oWo, obo, nDense;

  /** Per-lane partial sums of the gradients of W1 … bo over the batch: [nDense][L]. */
  private final float[] part;

  /** W0 transposed, [4f][8f], for the first layer's input gradient; refreshed after each step. */
  private final float[] w0t;

  // chunk buffers: the first layer's output and its gradient example-major [example][4f], the
  // other layers feature-major [feature][example]
  private final float[] x0b, h1b, d1b, h1, h2, h3, zg, z, yb, lb, dz, d3, d2, d1;

  /** Per example of the chunk: table offsets of its user and item, offsets of their grad rows. */
  private final int[] uOff, iOff, uGrad, iGrad;

  // the batch's distinct ids and their gradient rows
  private final int[] userSlot, itemSlot;
  private int[] touchedUsers = new int[0], touchedItems = new int[0];
  private float[] userGrad = new float[0], itemGrad = new float[0];
  private int nUsersTouched, nItemsTouched;

  private long t;
  private final float[] pow1, pow2, powR;

  /**
   * A fused step for {@code numUsers × numItems} ids and {@code factors} (a multiple of 4), with
   * zero weights (load them with {@link #load}); {@code chunk} examples are processed at a time (a
   * positive multiple of two vectors).
   */
  public FusedNeuMFStep(int numUsers, int numItems, int factors, int chunk) {
    if (factors < 4 || factors % 4 != 0)
      throw new IllegalArgumentException(
          "factors must be a positive multiple of 4, got " + factors);
    if (chunk < 2 * L || chunk % (2 * L) != 0)
      throw new IllegalArgumentException(
          "chunk must be a positive multiple of " + 2 * L + ", got " + chunk);
    if (4 * factors % (2 * L) != 0)
      throw new IllegalArgumentException(
          "4 × factors must be a multiple of " + 2 * L + " (two vectors), got factors " + factors);
    this.numUsers = numUsers;
    this.numItems = numItems;
    this.chunk = chunk;
    nf = factors;
    ne = 4 * factors;
    in0 = 2 * ne;
    h1n = 4 * factors;
    h2n = 2 * factors;
    h3n = factors;
    row = nf + ne;
    stride = 3 * row;
    userTable = new float[numUsers * stride];
    itemTable = new float[numItems * stride];
    userLast = new int[numUsers];
    itemLast = new int[numItems];
    oW0 = 0;
    ob0 = oW0 + in0 * h1n;
    oW1 = ob0 + h1n;
    ob1 = oW1 + h1n * h2n;
    oW2 = ob1 + h2n;
    ob2 = oW2 + h2n * h3n;
    oWo = ob2 + h3n;
    obo = oWo + nf + h3n;
    nDense = obo + 1;
    dense = new float[nDense];
    denseM = new float[nDense];
    denseV = new float[nDense];
    denseG = new float[nDense];
    part = new float[nDense * L];
    w0t = new float[in0 * h1n];
    x0b = new float[chunk * in0];
    h1b = new float[chunk * h1n];
    d1b = new float[chunk * h1n];
    zg = new float[chunk];
    h1 = new float[h1n * chunk];
    h2 = new float[h2n * chunk];
    h3 = new float[h3n * chunk];
    z = new float[chunk];
    dz = new float[chunk];
    yb = new float[chunk];
    lb = new float[chunk];
    d3 = new float[h3n * chunk];
    d2 = new float[h2n * chunk];
    d1 = new float[h1n * chunk];
    uOff = new int[chunk];
    iOff = new int[chunk];
    uGrad = new int[chunk];
    iGrad = new int[chunk];
    userSlot = new int[numUsers];
    itemSlot = new int[numItems];
    Arrays.fill(userSlot, -1);
    Arrays.fill(itemSlot, -1);
    pow1 = new float[POWERS];
    pow2 = new float[POWERS];
    powR = new float[POWERS];
    double r = B1 / Math.sqrt(B2);
    double a = 1, b = 1, c = 1;
    for (int n = 0; n < POWERS; n++) {
      pow1[n] = (float) a;
      pow2[n] = (float) b;
      powR[n] = (float) c;
      a *= B1;
      b *= B2;
      c *= r;
    }
  }

  /** Vector lanes of the loops ({@code FloatVector.SPECIES_PREFERRED}). */
  public static int lanes() {
    return L;
  }

  /** Optimizer steps taken. */
  public long steps() {
    return t;
  }

  // ---- parameters in the engine's names and layouts ------------------------------------------

  /**
   * Copies weights from an engine NeuMF {@code stateDict()} (names {@code gmf_user.weight}, …,
   * {@code out.bias}); Adam state and step count start from zero.
   */
  public void load(Map<String, Tensor> state) {
    Map<String, Slice> layout = layout();
    for (var e : layout.entrySet()) {
      Tensor src = state.get(e.getKey());
      if (src == null) throw new IllegalArgumentException("state has no '" + e.getKey() + "'");
      if (src.size() != e.getValue().size())
        throw new IllegalArgumentException(
            "'" + e.getKey() + "' has " + src.size() + " values, expected " + e.getValue().size());
    }
    Arrays.fill(userTable, 0f);
    Arrays.fill(itemTable, 0f);
    for (var e : layout.entrySet()) e.getValue().write(state.get(e.getKey()).data());
    Arrays.fill(denseM, 0f);
    Arrays.fill(denseV, 0f);
    Arrays.fill(userLast, 0);
    Arrays.fill(itemLast, 0);
    Arrays.fill(gapStep, 0);
    t = 0;
    transposeW0();
  }

  /** Every parameter's current values, by engine name, in the engine's row-major layout. */
  public Map<String, float[]> parameters() {
    Map<String, float[]> m = new LinkedHashMap<>();
    for (var e : layout().entrySet()) m.put(e.getKey(), e.getValue().read());
    return m;
  }

  /** Where one engine parameter lives here: rows of {@code len} at {@code off} every stride. */
  private record Slice(float[] a, int off, int rows, int len, int stride) {
    int size() {
      return rows * len;
    }

    void write(float[] src) {
      for (int r = 0; r < rows; r++) System.arraycopy(src, r * len, a, off + r * stride, len);
    }

    float[] read() {
      float[] d = new float[size()];
      for (int r = 0; r < rows; r++) System.arraycopy(a, off + r * stride, d, r * len, len);
      return d;
    }
  }

  private Map<String, Slice> layout() {
    Map<String, Slice> m = new LinkedHashMap<>();
    m.put("gmf_user.weight", new Slice(userTable, 0, numUsers, nf, stride));
    m.put("gmf_item.weight", new Slice(itemTable, 0, numItems, nf, stride));
    m.put("mlp_user.weight", new Slice(userTable, nf, numUsers, ne, stride));
    m.put("mlp_item.weight", new Slice(itemTable, nf, numItems, ne, stride));
    m.put("mlp.linear0.weight", new Slice(dense, oW0, 1, in0 * h1n, 0));
    m.put("mlp.linear0.bias", new Slice(dense, ob0, 1, h1n, 0));
    m.put("mlp.linear1.weight", new Slice(dense, oW1, 1, h1n * h2n, 0));
    m.put("mlp.linear1.bias", new Slice(dense, ob1, 1, h2n, 0));
    m.put("mlp.linear2.weight", new Slice(dense, oW2, 1, h2n * h3n, 0));
    m.put("mlp.linear2.bias", new Slice(dense, ob2, 1, h3n, 0));
    m.put("out.weight", new Slice(dense, oWo, 1, nf + h3n, 0));
    m.put("out.bias", new Slice(dense, obo, 1, 1, 0));
    return m;
  }

  // ---- one mini-batch --------------------------------------------------------------------------

  /**
   * One training step over examples {@code [from, from + n)} of the arrays: forward, mean BCE,
   * backward and (if the loss is finite) Adam. Returns the mean loss of the batch.
   */
  public float step(int[] users, int[] items, float[] labels, int from, int n) {
    if (n < 1) throw new IllegalArgumentException("empty batch");
    ensureBatch(n);
    touchRows(users, items, from, n);
    Arrays.fill(denseG, 0f);
    Arrays.fill(part, oW1 * L, nDense * L, 0f);
    float invN = 1f / n;
    double lossSum = 0;
    for (int c0 = 0; c0 < n; c0 += chunk) {
      int cn = Math.min(chunk, n - c0);
      int width = (cn + 2 * L - 1) / (2 * L) * (2 * L);
      gather(users, items, from + c0, cn, width);
      firstLayerForward(width);
      forwardLayer(h1, h1n, oW1, ob1, h2n, h2, width);
      forwardLayer(h2, h2n, oW2, ob2, h3n, h3, width);
      logits(width);
      lossSum += loss(labels, from + c0, cn, width, invN);
      outputBackward(width);
      weightGrads(h2, h2n, d3, h3n, oW2, ob2, width);
      inputGrads(d3, h3n, oW2, h2n, h2, d2, width);
      weightGrads(h1, h1n, d2, h2n, oW1, ob1, width);
      inputGrads(d2, h2n, oW1, h1n, h1, d1, width);
      firstLayerBackward(cn, width);
      gmfBackward(cn);
    }
    float loss = (float) lossSum * invN;
    if (Float.isFinite(loss)) adam();
    for (int k = 0; k < nUsersTouched; k++) userSlot[touchedUsers[k]] = -1;
    for (int k = 0; k < nItemsTouched; k++) itemSlot[touchedItems[k]] = -1;
    nUsersTouched = 0;
    nItemsTouched = 0;
    return loss;
  }

  private void ensureBatch(int n) {
    if (touchedUsers.length >= n) return;
    touchedUsers = new int[n];
    touchedItems = new int[n];
    userGrad = new float[n * row];
    itemGrad = new float[n * row];
  }

  /** Sink of {@link #touchRows} (kept so that its reads are not elided). */
  private int sink;

  /**
   * Per example of the chunk (padding beyond {@code cn} reads row 0): the table offsets, the
   * gradient row of its user and item (allocated and zeroed on the id's first occurrence in the
   * batch), the MLP input {@code [p^M_u; q^M_i]} copied into the example-major {@code x0b}, and the
   * GMF part of the logit {@code Σ_c Wo[c]·(p_c·q_c)}.
   */
  private void gather(int[] users, int[] items, int from, int cn, int width) {
    float[] p = dense, ut = userTable, it = itemTable;
    for (int s = 0; s < width; s++) {
      int uo = 0, io = 0;
      if (s < cn) {
        int u = users[from + s], i = items[from + s];
        uo = u * stride;
        io = i * stride;
        int su = userSlot[u];
        if (su < 0) {
          su = nUsersTouched++;
          userSlot[u] = su;
          touchedUsers[su] = u;
          Arrays.fill(userGrad, su * row, su * row + row, 0f);
        }
        int si = itemSlot[i];
        if (si < 0) {
          si = nItemsTouched++;
          itemSlot[i] = si;
          touchedItems[si] = i;
          Arrays.fill(itemGrad, si * row, si * row + row, 0f);
        }
        uGrad[s] = su * row;
        iGrad[s] = si * row;
      }
      uOff[s] = uo;
      iOff[s] = io;
      System.arraycopy(ut, uo + nf, x0b, s * in0, ne);
      System.arraycopy(it, io + nf, x0b, s * in0 + ne, ne);
      float acc = 0f;
      for (int k = 0; k < nf; k++) acc += p[oWo + k] * (ut[uo + k] * it[io + k]);
      zg[s] = acc;
    }
  }

  /**
   * Reads one float per cache line of every row (weights and Adam moments) the batch will use, in a
   * loop that does nothing else, so that their cache misses overlap (a software prefetch; Java has
   * no prefetch instruction). The gather and the update then find the rows in cache. Checks the ids
   * before the step changes anything.
   */
  private void touchRows(int[] users, int[] items, int from, int n) {
    float[] ut = userTable, it = itemTable;
    int h = 0;
    for (int s = from; s < from + n; s++) {
      int u = users[s], i = items[s];
      if (u < 0 || u >= numUsers || i < 0 || i >= numItems)
        throw new IndexOutOfBoundsException("user " + u + " or item " + i + " out of range");
      int uo = u * stride, io = i * stride;
      for (int q = 0; q < stride; q += 16)
        h ^= Float.floatToRawIntBits(ut[uo + q]) ^ Float.floatToRawIntBits(it[io + q]);
      h ^=
          Float.floatToRawIntBits(ut[uo + stride - 1])
              ^ Float.floatToRawIntBits(it[io + stride - 1]);
    }
    sink ^= h;
  }

  /**
   * The first layer, example-major: {@code h1[s][o] = relu(b0[o] + Σ_k x_s[k]·W0[k][o])} with the
   * inputs {@code x_s = [p^M_u; q^M_i]} broadcast from {@code x0b}, in tiles of 4 examples × 2
   * vectors of outputs; then transposed into the feature-major {@code h1}.
   */
  private void firstLayerForward(int width) {
    float[] p = dense, y = h1b, x = x0b;
    int out = h1n;
    for (int s = 0; s < width; s += 4) {
      for (int o = 0; o < out; o += 2 * L) {
        FloatVector a0 = FloatVector.fromArray(S, p, ob0 + o);
        FloatVector b0 = FloatVector.fromArray(S, p, ob0 + o + L);
        FloatVector a1 = a0, a2 = a0, a3 = a0, b1 = b0, b2 = b0, b3 = b0;
        for (int k = 0, xo = s * in0, wo = oW0 + o; k < in0; k++, xo++, wo += out) {
          FloatVector wa = FloatVector.fromArray(S, p, wo);
          FloatVector wb = FloatVector.fromArray(S, p, wo + L);
          FloatVector v = FloatVector.broadcast(S, x[xo]);
          a0 = wa.fma(v, a0);
          b0 = wb.fma(v, b0);
          v = FloatVector.broadcast(S, x[xo + in0]);
          a1 = wa.fma(v, a1);
          b1 = wb.fma(v, b1);
          v = FloatVector.broadcast(S, x[xo + 2 * in0]);
          a2 = wa.fma(v, a2);
          b2 = wb.fma(v, b2);
          v = FloatVector.broadcast(S, x[xo + 3 * in0]);
          a3 = wa.fma(v, a3);
          b3 = wb.fma(v, b3);
        }
        int yo = s * out + o;
        a0.max(0f).intoArray(y, yo);
        b0.max(0f).intoArray(y, yo + L);
        a1.max(0f).intoArray(y, yo + out);
        b1.max(0f).intoArray(y, yo + out + L);
        a2.max(0f).intoArray(y, yo + 2 * out);
        b2.max(0f).intoArray(y, yo + 2 * out + L);
        a3.max(0f).intoArray(y, yo + 3 * out);
        b3.max(0f).intoArray(y, yo + 3 * out + L);
      }
    }
    int c = chunk;
    for (int s = 0; s < width; s++)
      for (int o = 0, yo = s * out; o < out; o++) h1[o * c + s] = y[yo + o];
  }

  /**
   * {@code y[o][s] = relu(b[o] + Σ_k x[k][s]·W[k][o])} for {@code s < width}: tiles of 4 outputs ×
   * 2 vectors of examples, the weights broadcast from the row-major {@code W [in][out]}.
   */
  private void forwardLayer(float[] x, int in, int wOff, int bOff, int out, float[] y, int width) {
    float[] p = dense;
    int c = chunk;
    for (int s = 0; s < width; s += 2 * L) {
      for (int o = 0; o < out; o += 4) {
        FloatVector a0 = FloatVector.broadcast(S, p[bOff + o]), b0 = a0;
        FloatVector a1 = FloatVector.broadcast(S, p[bOff + o + 1]), b1 = a1;
        FloatVector a2 = FloatVector.broadcast(S, p[bOff + o + 2]), b2 = a2;
        FloatVector a3 = FloatVector.broadcast(S, p[bOff + o + 3]), b3 = a3;
        for (int k = 0, xo = s, wo = wOff + o; k < in; k++, xo += c, wo += out) {
          FloatVector xa = FloatVector.fromArray(S, x, xo);
          FloatVector xb = FloatVector.fromArray(S, x, xo + L);
          FloatVector w = FloatVector.broadcast(S, p[wo]);
          a0 = xa.fma(w, a0);
          b0 = xb.fma(w, b0);
          w = FloatVector.broadcast(S, p[wo + 1]);
          a1 = xa.fma(w, a1);
          b1 = xb.fma(w, b1);
          w = FloatVector.broadcast(S, p[wo + 2]);
          a2 = xa.fma(w, a2);
          b2 = xb.fma(w, b2);
          w = FloatVector.broadcast(S, p[wo + 3]);
          a3 = xa.fma(w, a3);
          b3 = xb.fma(w, b3);
        }
        int yo = o * c + s;
        a0.max(0f).intoArray(y, yo);
        b0.max(0f).intoArray(y, yo + L);
        a1.max(0f).intoArray(y, yo + c);
        b1.max(0f).intoArray(y, yo + c + L);
        a2.max(0f).intoArray(y, yo + 2 * c);
        b2.max(0f).intoArray(y, yo + 2 * c + L);
        a3.max(0f).intoArray(y, yo + 3 * c);
        b3.max(0f).intoArray(y, yo + 3 * c + L);
      }
    }
  }

  /** {@code z[s] = zg[s] + bo + Σ_c Wo[f + c]·h3[c][s]}. */
  private void logits(int width) {
    float[] p = dense;
    int c = chunk;
    for (int s = 0; s < width; s += L) {
      FloatVector acc = FloatVector.fromArray(S, zg, s).add(p[obo]);
      for (int k = 0; k < h3n; k++)
        acc =
            FloatVector.fromArray(S, h3, k * c + s)
                .fma(FloatVector.broadcast(S, p[oWo + nf + k]), acc);
      acc.intoArray(z, s);
    }
  }

  /**
   * BCE on logits and its gradient. The gradient {@code dz = (σ(z) − y)/n} is the engine's to the
   * bit: σ in double per example, as {@code BceWithLogitsLoss}'s backward. The loss value, {@code
   * max(z, 0) − zy + log1p(e^{−|z|})}, which only reports and guards the step, is vectorized in
   * float (the Vector API's {@code EXP} and {@code LOG1P}; the engine evaluates it in double).
   * Padding examples get {@code dz = 0}. Returns the sum of the chunk's losses.
   */
  private double loss(float[] labels, int from, int cn, int width, float invN) {
    System.arraycopy(labels, from, yb, 0, cn);
    Arrays.fill(yb, cn, width, 0f);
    for (int s = 0; s < width; s += L) {
      FloatVector x = FloatVector.fromArray(S, z, s), y = FloatVector.fromArray(S, yb, s);
      FloatVector e = x.abs().neg().lanewise(VectorOperators.EXP);
      x.max(0f).sub(x.mul(y)).add(e.lanewise(VectorOperators.LOG1P)).intoArray(lb, s);
    }
    double sum = 0;
    for (int s = 0; s < cn; s++) {
      sum += lb[s];
      double x = z[s], e = Math.exp(-Math.abs(x));
      double sigmoid = x >= 0 ? 1 / (1 + e) : e / (1 + e);
      dz[s] = invN * (float) (sigmoid - yb[s]);
    }
    Arrays.fill(dz, cn, width, 0f);
    return sum;
  }

  /**
   * Output layer, MLP side: gradients of {@code Wo[f..]} and {@code bo} (per-lane partials) and the
   * last hidden layer's gradient {@code d3 = [h3 > 0]·dz·Wo[f + c]}.
   */
  private void outputBackward(int width) {
    float[] p = dense;
    int c = chunk;
    FloatVector gb = FloatVector.fromArray(S, part, obo * L);
    for (int s = 0; s < width; s += L) gb = gb.add(FloatVector.fromArray(S, dz, s));
    gb.intoArray(part, obo * L);
    for (int k = 0; k < h3n; k++) {
      FloatVector g = FloatVector.fromArray(S, part, (oWo + nf + k) * L);
      float w = p[oWo + nf + k];
      for (int s = 0; s < width; s += L) {
        FloatVector d = FloatVector.fromArray(S, dz, s);
        FloatVector h = FloatVector.fromArray(S, h3, k * c + s);
        g = d.fma(h, g);
        FloatVector.zero(S)
            .blend(d.mul(w), h.compare(VectorOperators.GT, 0f))
            .intoArray(d3, k * c + s);
      }
      g.intoArray(part, (oWo + nf + k) * L);
    }
  }

  /**
   * Per-lane partial gradients of a layer: {@code W[k][o] += Σ_s x[k][s]·d[o][s]} in tiles of 2
   * inputs × 4 outputs, and {@code b[o] += Σ_s d[o][s]}.
   */
  private void weightGrads(float[] x, int in, float[] d, int out, int wOff, int bOff, int width) {
    float[] g = part;
    int c = chunk;
    for (int k = 0; k < in; k += 2) {
      for (int o = 0; o < out; o += 4) {
        int p0 = (wOff + k * out + o) * L, p1 = p0 + out * L;
        FloatVector a0 = FloatVector.fromArray(S, g, p0);
        FloatVector a1 = FloatVector.fromArray(S, g, p0 + L);
        FloatVector a2 = FloatVector.fromArray(S, g, p0 + 2 * L);
        FloatVector a3 = FloatVector.fromArray(S, g, p0 + 3 * L);
        FloatVector b0 = FloatVector.fromArray(S, g, p1);
        FloatVector b1 = FloatVector.fromArray(S, g, p1 + L);
        FloatVector b2 = FloatVector.fromArray(S, g, p1 + 2 * L);
        FloatVector b3 = FloatVector.fromArray(S, g, p1 + 3 * L);
        int xo = k * c, dO = o * c;
        for (int s = 0; s < width; s += L) {
          FloatVector xa = FloatVector.fromArray(S, x, xo + s);
          FloatVector xb = FloatVector.fromArray(S, x, xo + c + s);
          FloatVector e = FloatVector.fromArray(S, d, dO + s);
          a0 = xa.fma(e, a0);
          b0 = xb.fma(e, b0);
          e = FloatVector.fromArray(S, d, dO + c + s);
          a1 = xa.fma(e, a1);
          b1 = xb.fma(e, b1);
          e = FloatVector.fromArray(S, d, dO + 2 * c + s);
          a2 = xa.fma(e, a2);
          b2 = xb.fma(e, b2);
          e = FloatVector.fromArray(S, d, dO + 3 * c + s);
          a3 = xa.fma(e, a3);
          b3 = xb.fma(e, b3);
        }
        a0.intoArray(g, p0);
        a1.intoArray(g, p0 + L);
        a2.intoArray(g, p0 + 2 * L);
        a3.intoArray(g, p0 + 3 * L);
        b0.intoArray(g, p1);
        b1.intoArray(g, p1 + L);
        b2.intoArray(g, p1 + 2 * L);
        b3.intoArray(g, p1 + 3 * L);
      }
    }
    for (int o = 0; o < out; o++) {
      FloatVector a = FloatVector.fromArray(S, g, (bOff + o) * L);
      for (int s = 0; s < width; s += L) a = a.add(FloatVector.fromArray(S, d, o * c + s));
      a.intoArray(g, (bOff + o) * L);
    }
  }

  /**
   * The layer's input gradient {@code dx[k][s] = Σ_o W[k][o]·d[o][s]}, masked by the previous ReLU
   * ({@code h[k][s] > 0}); tiles of 4 inputs × 2 vectors of examples.
   */
  private void inputGrads(float[] d, int out, int wOff, int in, float[] h, float[] dx, int width) {
    float[] p = dense;
    int c = chunk;
    for (int s = 0; s < width; s += 2 * L) {
      for (int k = 0; k < in; k += 4) {
        FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0;
        FloatVector a2 = a0, b2 = a0, a3 = a0, b3 = a0;
        int w0 = wOff + k * out;
        for (int o = 0, dO = s; o < out; o++, dO += c) {
          FloatVector ea = FloatVector.fromArray(S, d, dO);
          FloatVector eb = FloatVector.fromArray(S, d, dO + L);
          FloatVector w = FloatVector.broadcast(S, p[w0 + o]);
          a0 = ea.fma(w, a0);
          b0 = eb.fma(w, b0);
          w = FloatVector.broadcast(S, p[w0 + out + o]);
          a1 = ea.fma(w, a1);
          b1 = eb.fma(w, b1);
          w = FloatVector.broadcast(S, p[w0 + 2 * out + o]);
          a2 = ea.fma(w, a2);
          b2 = eb.fma(w, b2);
          w = FloatVector.broadcast(S, p[w0 + 3 * out + o]);
          a3 = ea.fma(w, a3);
          b3 = eb.fma(w, b3);
        }
        int xo = k * c + s;
        masked(a0, h, dx, xo);
        masked(b0, h, dx, xo + L);
        masked(a1, h, dx, xo + c);
        masked(b1, h, dx, xo + c + L);
        masked(a2, h, dx, xo + 2 * c);
        masked(b2, h, dx, xo + 2 * c + L);
        masked(a3, h, dx, xo + 3 * c);
        masked(b3, h, dx, xo + 3 * c + L);
      }
    }
  }

  /** Stores {@code v} where {@code h > 0}, else 0 (ReLU backward; NaN in h gives 0). */
  private static void masked(FloatVector v, float[] h, float[] dx, int o) {
    FloatVector.zero(S)
        .blend(v, FloatVector.fromArray(S, h, o).compare(VectorOperators.GT, 0f))
        .intoArray(dx, o);
  }

  /**
   * The first layer's backward, example-major: {@code d1} transposed to {@code [example][4f]}; the
   * gradients {@code W0[k][o] += Σ_s x_s[k]·d1[s][o]} (tiles of 4 inputs × 2 vectors of outputs,
   * the inputs broadcast from {@code x0b}) and {@code b0}; and each example's input gradient {@code
   * Σ_o d1[s][o]·W0[k][o]} (tiles of 4 examples × 2 vectors of inputs, over the transposed W0)
   * added straight into its user's and item's gradient rows, one example after the other.
   */
  private void firstLayerBackward(int cn, int width) {
    float[] db = d1b;
    int out = h1n, c = chunk;
    for (int s = 0; s < width; s++)
      for (int o = 0, yo = s * out; o < out; o++) db[yo + o] = d1[o * c + s];
    firstLayerWeightGrads(width);
    float[] g = denseG;
    for (int o = 0; o < out; o += L) {
      FloatVector a = FloatVector.fromArray(S, g, ob0 + o);
      for (int s = 0; s < width; s++) a = a.add(FloatVector.fromArray(S, db, s * out + o));
      a.intoArray(g, ob0 + o);
    }
    for (int kb = 0; kb < ne; kb += 2 * L) {
      firstLayerInputGrads(kb, userGrad, uGrad, kb, cn);
      firstLayerInputGrads(ne + kb, itemGrad, iGrad, kb, cn);
    }
  }

  /**
   * {@code W0[k][o] += Σ_s x_s[k]·d1[s][o]} over the chunk, accumulated in registers: tiles of 4
   * inputs × 2 vectors of outputs.
   */
  private void firstLayerWeightGrads(int width) {
    float[] g = denseG, db = d1b, x = x0b;
    int out = h1n;
    for (int k = 0; k < in0; k += 4) {
      for (int o = 0; o < out; o += 2 * L) {
        int q = oW0 + k * out + o;
        FloatVector a0 = FloatVector.fromArray(S, g, q);
        FloatVector b0 = FloatVector.fromArray(S, g, q + L);
        FloatVector a1 = FloatVector.fromArray(S, g, q + out);
        FloatVector b1 = FloatVector.fromArray(S, g, q + out + L);
        FloatVector a2 = FloatVector.fromArray(S, g, q + 2 * out);
        FloatVector b2 = FloatVector.fromArray(S, g, q + 2 * out + L);
        FloatVector a3 = FloatVector.fromArray(S, g, q + 3 * out);
        FloatVector b3 = FloatVector.fromArray(S, g, q + 3 * out + L);
        for (int s = 0, r = k, e = o; s < width; s++, r += in0, e += out) {
          FloatVector da = FloatVector.fromArray(S, db, e);
          FloatVector dc = FloatVector.fromArray(S, db, e + L);
          FloatVector v = FloatVector.broadcast(S, x[r]);
          a0 = da.fma(v, a0);
          b0 = dc.fma(v, b0);
          v = FloatVector.broadcast(S, x[r + 1]);
          a1 = da.fma(v, a1);
          b1 = dc.fma(v, b1);
          v = FloatVector.broadcast(S, x[r + 2]);
          a2 = da.fma(v, a2);
          b2 = dc.fma(v, b2);
          v = FloatVector.broadcast(S, x[r + 3]);
          a3 = da.fma(v, a3);
          b3 = dc.fma(v, b3);
        }
        a0.intoArray(g, q);
        b0.intoArray(g, q + L);
        a1.intoArray(g, q + out);
        b1.intoArray(g, q + out + L);
        a2.intoArray(g, q + 2 * out);
        b2.intoArray(g, q + 2 * out + L);
        a3.intoArray(g, q + 3 * out);
        b3.intoArray(g, q + 3 * out + L);
      }
    }
  }

  /**
   * Inputs {@code [kb, kb + 2L)} of every example's first-layer input gradient, {@code Σ_o
   * d1[s][o]·W0[kb + j][o]} (tiles of 4 examples, over the transposed W0), added into the gradient
   * rows {@code rows[at[s] + f + col ..]} one example after the other (an id repeated in a tile
   * accumulates correctly).
   */
  private void firstLayerInputGrads(int kb, float[] rows, int[] at, int col, int cn) {
    float[] db = d1b, wt = w0t;
    int out = h1n, c0 = nf + col;
    for (int s = 0; s < cn; s += 4) {
      FloatVector a0 = FloatVector.zero(S), b0 = a0, a1 = a0, b1 = a0;
      FloatVector a2 = a0, b2 = a0, a3 = a0, b3 = a0;
      int e = s * out;
      for (int o = 0, wo = kb; o < out; o++, wo += in0) {
        FloatVector wa = FloatVector.fromArray(S, wt, wo);
        FloatVector wb = FloatVector.fromArray(S, wt, wo + L);
        FloatVector x = FloatVector.broadcast(S, db[e + o]);
        a0 = wa.fma(x, a0);
        b0 = wb.fma(x, b0);
        x = FloatVector.broadcast(S, db[e + out + o]);
        a1 = wa.fma(x, a1);
        b1 = wb.fma(x, b1);
        x = FloatVector.broadcast(S, db[e + 2 * out + o]);
        a2 = wa.fma(x, a2);
        b2 = wb.fma(x, b2);
        x = FloatVector.broadcast(S, db[e + 3 * out + o]);
        a3 = wa.fma(x, a3);
        b3 = wb.fma(x, b3);
      }
      addRow(rows, at[s] + c0, a0, b0);
      if (s + 1 < cn) addRow(rows, at[s + 1] + c0, a1, b1);
      if (s + 2 < cn) addRow(rows, at[s + 2] + c0, a2, b2);
      if (s + 3 < cn) addRow(rows, at[s + 3] + c0, a3, b3);
    }
  }

  private static void addRow(float[] rows, int o, FloatVector a, FloatVector b) {
    FloatVector.fromArray(S, rows, o).add(a).intoArray(rows, o);
    FloatVector.fromArray(S, rows, o + L).add(b).intoArray(rows, o + L);
  }

  /**
   * GMF branch backward, per example: {@code Wo[c] += dz·(p_c·q_c)}, and {@code (dz·Wo[c])·q_c}
   * into the user's row, {@code (dz·Wo[c])·p_c} into the item's (the engine's order of products).
   */
  private void gmfBackward(int cn) {
    float[] p = dense, g = denseG, ut = userTable, it = itemTable, ug = userGrad, ig = itemGrad;
    for (int s = 0; s < cn; s++) {
      float e = dz[s];
      int uo = uOff[s], io = iOff[s], gu = uGrad[s], gi = iGrad[s];
      for (int k = 0; k < nf; k++) {
        float pu = ut[uo + k], qi = it[io + k];
        g[oWo + k] += e * (pu * qi);
        float dg = e * p[oWo + k];
        ug[gu + k] += dg * qi;
        ig[gi + k] += dg * pu;
      }
    }
  }

  private void transposeW0() {
    for (int k = 0; k < in0; k++)
      for (int o = 0; o < h1n; o++) w0t[o * in0 + k] = dense[oW0 + k * h1n + o];
  }

  // ---- Adam ------------------------------------------------------------------------------------

  private void adam() {
    t++;
    double bias1 = 1 - Math.pow(B1, t), bias2 = 1 - Math.pow(B2, t);
    float stepSize = (float) (LR / bias1), invSqrtBias2 = (float) (1 / Math.sqrt(bias2));
    float eps = (float) EPS;
    // dense: add the per-lane partials (lanes in order), then one update loop over all
    for (int q = oW1; q < nDense; q++) {
      float sum = 0f;
      for (int l = 0, o = q * L; l < L; l++) sum += part[o + l];
      denseG[q] += sum;
    }
    adamRange(dense, 0, denseM, 0, denseV, 0, denseG, 0, nDense, stepSize, invSqrtBias2, eps);
    transposeW0();
    for (int k = 0; k < nUsersTouched; k++)
      adamRow(userTable, touchedUsers[k], userLast, userGrad, k * row, stepSize, invSqrtBias2);
    for (int k = 0; k < nItemsTouched; k++)
      adamRow(itemTable, touchedItems[k], itemLast, itemGrad, k * row, stepSize, invSqrtBias2);
  }

  /**
   * One Adam step over {@code n} coordinates, the engine's per-coordinate arithmetic: {@code m =
   * b1·m + (1−b1)·g}, {@code v = b2·v + (1−b2)·g²} (flushed below 1e-30), {@code w −= stepSize·m /
   * (√v·invSqrtBias2 + ε)}.
   */
  private static void adamRange(
      float[] w,
      int wo,
      float[] m,
      int mo,
      float[] v,
      int vo,
      float[] g,
      int go,
      int n,
      float stepSize,
      float invSqrtBias2,
      float eps) {
    int j = 0;
    for (int bound = S.loopBound(n); j < bound; j += L) {
      FloatVector gi = FloatVector.fromArray(S, g, go + j);
      FloatVector mi = FloatVector.fromArray(S, m, mo + j).mul(B1).add(gi.mul(1f - B1));
      FloatVector vi = FloatVector.fromArray(S, v, vo + j).mul(B2).add(gi.mul(gi).mul(1f - B2));
      mi = flush(mi);
      vi = flush(vi);
      mi.intoArray(m, mo + j);
      vi.intoArray(v, vo + j);
      FloatVector den = vi.sqrt().mul(invSqrtBias2).add(eps);
      FloatVector.fromArray(S, w, wo + j).sub(mi.mul(stepSize).div(den)).intoArray(w, wo + j);
    }
    for (; j < n; j++) {
      float gi = g[go + j];
      float mi = B1 * m[mo + j] + (1f - B1) * gi;
      float vi = B2 * v[vo + j] + (1f - B2) * gi * gi;
      if (Math.abs(mi) < 1e-30f) mi = 0f;
      if (Math.abs(vi) < 1e-30f) vi = 0f;
      m[mo + j] = mi;
      v[vo + j] = vi;
      w[wo + j] = w[wo + j] - stepSize * mi / ((float) Math.sqrt(vi) * invSqrtBias2 + eps);
    }
  }

  /**
   * Lazy Adam for one touched id's row (both branches): when the id skipped {@code k ≥ 1} steps
   * since its last update, first the engine's catch-up ({@code w −= scale·m / (√v + ε')}, {@code m
   * ·= β1ᵏ}, {@code v ·= β2ᵏ} with the closed-form drift of the skipped dense-Adam steps), then the
   * regular step — both in one pass over w, m, v.
   */
  private void adamRow(
      float[] table, int id, int[] last, float[] g, int go, float stepSize, float invSqrtBias2) {
    int prev = last[id];
    last[id] = (int) t;
    int w0 = id * stride, m0 = w0 + row, v0 = w0 + 2 * row;
    float eps = (float) EPS;
    if (prev == 0 || t - prev <= 1) {
      adamRange(table, w0, table, m0, table, v0, g, go, row, stepSize, invSqrtBias2, eps);
      return;
    }
    int d = (int) (t - prev);
    if (d >= GAPS || gapStep[d] != t) catchUpConstants(prev, d);
    int c = d < GAPS ? d : 0;
    float scale = gapScale[c], eps2 = gapEps[c], dm = gapM[c], dv = gapV[c];
    int j = 0;
    for (int bound = S.loopBound(row); j < bound; j += L) {
      FloatVector w = FloatVector.fromArray(S, table, w0 + j);
      FloatVector m = FloatVector.fromArray(S, table, m0 + j);
      FloatVector v = FloatVector.fromArray(S, table, v0 + j);
      w = w.sub(m.mul(scale).div(v.sqrt().add(eps2)));
      m = flush(m.mul(dm));
      v = flush(v.mul(dv));
      FloatVector gi = FloatVector.fromArray(S, g, go + j);
      m = flush(m.mul(B1).add(gi.mul(1f - B1)));
      v = flush(v.mul(B2).add(gi.mul(gi).mul(1f - B2)));
      m.intoArray(table, m0 + j);
      v.intoArray(table, v0 + j);
      w.sub(m.mul(stepSize).div(v.sqrt().mul(invSqrtBias2).add(eps))).intoArray(table, w0 + j);
    }
    for (; j < row; j++) { // scalar tail: the engine's scalar drift, then its scalar step
      float mj = table[m0 + j], vj = table[v0 + j];
      float wj = table[w0 + j] - scale * mj / ((float) Math.sqrt(vj) + eps2);
      mj *= dm;
      vj *= dv;
      if (Math.abs(mj) < 1e-30f) mj = 0f;
      if (Math.abs(vj) < 1e-30f) vj = 0f;
      float gi = g[go + j];
      mj = B1 * mj + (1f - B1) * gi;
      vj = B2 * vj + (1f - B2) * gi * gi;
      if (Math.abs(mj) < 1e-30f) mj = 0f;
      if (Math.abs(vj) < 1e-30f) vj = 0f;
      table[m0 + j] = mj;
      table[v0 + j] = vj;
      table[w0 + j] = wj - stepSize * mj / ((float) Math.sqrt(vj) * invSqrtBias2 + eps);
    }
  }

  /** Gaps below this many steps keep their catch-up constants for the rest of the step. */
  private static final int GAPS = 4096;

  /** Per gap d = t − prev: the step the constants were computed at, and the constants. */
  private final int[] gapStep = new int[GAPS];

  private final float[] gapScale = new float[GAPS],
      gapEps = new float[GAPS],
      gapM = new float[GAPS],
      gapV = new float[GAPS];

  /**
   * The engine's catch-up constants for a row last updated at step {@code prev} and now at {@code t
   * = prev + d}: drift scale {@code lr·Σ_j (β1/√β2)^j·√(1−β2^(prev+1))/(1−β1^(prev+1))}, its ε, and
   * the moment decays β1^(d−1), β2^(d−1); they depend on the gap only (within a step), so each is
   * computed once per step (slot 0 holds gaps beyond the table).
   */
  private void catchUpConstants(int prev, int d) {
    int k = d - 1;
    double r = B1 / Math.sqrt(B2);
    double geo = r * (1 - pow(powR, k)) / (1 - r);
    long t1 = prev + 1L;
    double bc1 = 1 - pow(pow1, t1), bc2 = 1 - pow(pow2, t1);
    int c = d < GAPS ? d : 0;
    gapScale[c] = (float) (LR * geo * Math.sqrt(bc2) / bc1);
    gapEps[c] = (float) (EPS * Math.sqrt(bc2));
    gapM[c] = (float) pow(pow1, k);
    gapV[c] = (float) pow(pow2, k);
    gapStep[c] = (int) t;
  }

  private static double pow(float[] table, long n) {
    return n < POWERS ? table[(int) n] : 0;
  }

  private static FloatVector flush(FloatVector x) {
    return x.add(FLUSH).sub(FLUSH);
  }

  // ---- the Trainer's examples -------------------------------------------------------------------

  /**
   * The epoch's BCE examples exactly as the engine's trainer builds them: each interaction as a
   * positive followed by {@code negatives} items drawn by a {@link UniformNegativeSampler} from the
   * run's stream, then a Fisher–Yates shuffle of all examples with the same stream.
   */
  public static final class Epoch {
    private final Interactions train;
    private final UniformNegativeSampler sampler;
    private final int negatives;

    /** The users, items and labels of the current epoch. */
    public final int[] users, items;

    /** Labels (1 positive, 0 negative). */
    public final float[] labels;

    /** Examples over {@code train} with {@code negatives} per positive. */
    public Epoch(Interactions train, int negatives) {
      this.train = train;
      this.negatives = negatives;
      this.sampler = new UniformNegativeSampler(train);
      int n = train.size() * (1 + negatives);
      users = new int[n];
      items = new int[n];
      labels = new float[n];
    }

    /** Number of examples per epoch. */
    public int size() {
      return users.length;
    }

    /** Draws the negatives and shuffles, consuming {@code rng} as the trainer does. */
    public void build(Rng rng) {
      int k = 0;
      for (int r = 0; r < train.size(); r++) {
        int u = train.user(r), i = train.item(r);
        users[k] = u;
        items[k] = i;
        labels[k++] = 1f;
        for (int j = 0; j < negatives; j++) {
          users[k] = u;
          items[k] = sampler.sample(u, rng);
          labels[k++] = 0f;
        }
      }
      for (int a = k - 1; a > 0; a--) {
        int b = rng.nextInt(a + 1);
        int x = users[a];
        users[a] = users[b];
        users[b] = x;
        x = items[a];
        items[a] = items[b];
        items[b] = x;
        float y = labels[a];
        labels[a] = labels[b];
        labels[b] = y;
      }
    }
  }

  /** The trainer's run stream for {@code seed} (its {@code Rng(seed·0x9E3779B97F4A7C15 + 17)}). */
  public static Rng trainerRng(long seed) {
    return new Rng(seed * 0x9E3779B97F4A7C15L + 17);
  }

  /** Per-epoch figures of {@link #train}. */
  public record EpochFigures(
      int epoch, double meanLoss, double loopSeconds, double sampleSeconds) {}

  /** A per-batch loss callback. */
  public interface BatchListener {
    /** Called after each batch with its mean loss. */
    void onBatch(int epoch, int batch, float loss);
  }

  /**
   * Trains {@code epochs} epochs of mini-batches of {@code batch} examples over {@code epoch} with
   * the trainer's stream of {@code seed}; {@code listener} may be null.
   */
  public List<EpochFigures> train(
      Epoch epoch, int epochs, int batch, long seed, BatchListener listener) {
    Rng rng = trainerRng(seed);
    List<EpochFigures> out = new ArrayList<>();
    for (int e = 1; e <= epochs; e++) {
      long s0 = System.nanoTime();
      epoch.build(rng);
      long t0 = System.nanoTime();
      int n = epoch.size();
      double lossSum = 0;
      for (int b = 0, from = 0; from < n; b++, from += batch) {
        int size = Math.min(batch, n - from);
        float loss = step(epoch.users, epoch.items, epoch.labels, from, size);
        lossSum += (double) loss * size;
        if (listener != null) listener.onBatch(e, b + 1, loss);
      }
      long t1 = System.nanoTime();
      out.add(new EpochFigures(e, lossSum / n, (t1 - t0) / 1e9, (t0 - s0) / 1e9));
    }
    return out;
  }

  /** Runs the benchmark (see the class comment). */
  public static void main(String[] args) {
    int threads = Integer.parseInt(TrainStepBenchmark.arg(args, "threads", "1"));
    int epochs = Integer.parseInt(TrainStepBenchmark.arg(args, "epochs", "5"));
    int positives = Integer.parseInt(TrainStepBenchmark.arg(args, "positives", "200000"));
    int f = Integer.parseInt(TrainStepBenchmark.arg(args, "factors", "8"));
    int chunk = Integer.parseInt(TrainStepBenchmark.arg(args, "chunk", "64"));
    int warmup = TrainStepBenchmark.warmup(args, epochs);
    if (threads != 1)
      throw new IllegalArgumentException("the fused step runs on one thread only (threads=1)");
    int users = 6040, items = 3706;
    Interactions train = AbProbe.randomPositives(users, items, positives);
    NeuralRecommender m =
        (NeuralRecommender) ModelRegistry.create("neumf", ModelOptions.implicit(users, items, f));
    FusedNeuMFStep step = new FusedNeuMFStep(users, items, f, chunk);
    step.load(m.stateDict());
    List<EpochFigures> figs = step.train(new Epoch(train, 4), epochs, 256, 42, null);
    int n = train.size() * 5;
    double[] sps = new double[epochs - warmup];
    List<Integer> used = new ArrayList<>();
    for (EpochFigures e : figs) {
      double s = n / Math.max(e.loopSeconds(), 1e-9);
      System.out.printf(
          Locale.ROOT,
          "epoch %d: %.0f samples/s (%.2f s loop, %.2f s sampling), loss %.5f%n",
          e.epoch(),
          s,
          e.loopSeconds(),
          e.sampleSeconds(),
          e.meanLoss());
      if (e.epoch() > warmup) {
        sps[used.size()] = s;
        used.add(e.epoch());
      }
    }
    Arrays.sort(sps);
    System.out.println(
        new JsonLine()
            .put("benchmark", "fused-neumf-step")
            .put("samples_per_s", (double) Math.round(sps[sps.length / 2]))
            .put("median_of_epochs", used)
            .put("kernels", L)
            .put("threads", 1)
            .put("batch", 256)
            .put("factors", f)
            .put("chunk", chunk));
  }
}
