package org.rec4j.optim;

import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.nn.Parameter;
import org.rec4j.tensor.SparseRowGrad;
import org.rec4j.tensor.Tensor;

/**
 * A first-order optimizer: turns the gradients accumulated on a fixed list of {@link Parameter}s
 * into in-place updates of their values, keeping any per-coordinate state (moments, accumulators,
 * step count) in {@link ParamState} objects it owns — never in the parameters.
 *
 * <h2>Lifecycle</h2>
 *
 * <ol>
 *   <li><b>Construct</b> over the model's parameter list (each parameter once; a repeated
 *       layer-local name gets its position as suffix in state keys, e.g. {@code weight#3}). State
 *       is allocated lazily, the first time a parameter is updated, as float arrays the size of the
 *       parameter.
 *   <li>Per training step:
 *       <ol>
 *         <li>the caller runs forward and {@code backward()}, which <em>accumulate</em> dense
 *             gradients into {@code value().grad()} and, for sparse tables, row gradients into
 *             {@code value().sparseGradient()};
 *         <li>optionally {@link GradientClipping#apply} rescales or clamps those gradients;
 *         <li>{@link #step()} increments the global step count {@code t} and updates every
 *             {@linkplain Parameter#trainable() trainable} parameter that has a gradient: a dense
 *             parameter from its whole dense buffer (a parameter whose {@code grad()} is {@code
 *             null} is skipped), a sparse parameter only in the rows listed by its {@link
 *             SparseRowGrad} after {@link SparseRowGrad#coalesce()} (so a row looked up twice in a
 *             batch gets the sum of its gradients and is updated once). A sparse parameter that
 *             also has a dense gradient buffer (a tied embedding that is both looked up and used in
 *             a matmul) is updated densely from the sum: its row gradients are first added into the
 *             dense buffer (the buffer survives {@code zeroGrad()}, so such a table is updated
 *             densely from then on);
 *         <li>{@link #zeroGrad()} clears dense and sparse gradients (keeping the buffers) for the
 *             next step.
 *       </ol>
 *   <li>A schedule may call {@link #setLearningRate} between steps; checkpoints use {@link
 *       #exportState()} and {@link #importState}.
 * </ol>
 *
 * <p>A training loop therefore reads:
 *
 * <pre>{@code
 * Optimizer opt = new Adam(model.parameters(), Adam.Config.defaults(1e-3));
 * GradientClipping clip = GradientClipping.byNorm(5);
 * for (long t = 0; ...; t++) {
 *   schedule.apply(opt, t);                 // optional LrSchedule
 *   loss(model, batch).backward();
 *   double norm = clip.apply(model.parameters());
 *   opt.step();
 *   opt.zeroGrad();
 * }
 * }</pre>
 *
 * <h2>Sparse (lazy) updates</h2>
 *
 * Every optimizer here is per-coordinate, so a touched embedding row is updated exactly as the same
 * coordinates of a dense parameter would be, while untouched rows keep their values <em>and their
 * state</em> bit for bit: momentum and moments of rows absent from a batch are not decayed. Bias
 * corrections and other step-dependent factors use the global step count {@code t}, not a per-row
 * count.
 *
 * <h2>Regularization</h2>
 *
 * A {@link Regularizer} adds its (sub)gradient {@code l1·sign(w) + l2·w} to the raw gradient of
 * each updated coordinate inside {@code step()}: over the whole tensor for dense parameters, over
 * the touched rows only for sparse ones (untouched rows are not shrunk). It is applied after
 * clipping and does not modify the gradient buffers.
 *
 * <h2>Cost</h2>
 *
 * After each parameter's state has been allocated, {@code step()} allocates nothing: it loops over
 * arrays and iterates the sparse row gradients in place.
 *
 * <p>Not thread-safe.
 */
public abstract class Optimizer {
  /** Moments smaller than this in magnitude are flushed to zero (see {@link #flush}). */
  static final float TINY = 1e-30f;

  private final ParamState[] states;
  private final Map<String, ParamState> byName;
  private final String[] slotNames;

  /**
   * Whether a regularizer term is added to gradients (then updates take the scalar, regularized
   * path).
   */
  protected final boolean isRegularized() {
    return regularized;
  }

  /** The regularizer added to raw gradients; never {@code null}. */
  protected final Regularizer regularizer;

  private final boolean regularized;
  private double learningRate;
  private long step;

  /**
   * An optimizer over {@code params} with per-parameter state arrays named {@code slotNames}.
   *
   * @throws IllegalArgumentException if two parameters share a name or the learning rate is invalid
   */
  protected Optimizer(
      List<Parameter> params, double learningRate, Regularizer regularizer, String... slotNames) {
    this.states = new ParamState[params.size()];
    this.byName = new HashMap<>();
    for (int i = 0; i < states.length; i++) {
      Parameter p = params.get(i);
      states[i] = new ParamState(p, slotNames.length);
      for (int j = 0; j < i; j++) {
        if (states[j].parameter() == p)
          throw new IllegalArgumentException("parameter '" + p.name() + "' is listed twice");
      }
      // layer-local names ("weight") repeat across a model; the state key then carries the list
      // position
      String key = byName.containsKey(p.name()) ? p.name() + "#" + i : p.name();
      byName.put(key, states[i]);
    }
    this.slotNames = slotNames.clone();
    this.regularizer = regularizer == null ? Regularizer.none() : regularizer;
    this.regularized = this.regularizer.l1() != 0 || this.regularizer.l2() != 0;
    setLearningRate(learningRate);
  }

  /**
   * Applies one update to every trainable parameter that has a gradient (see the class lifecycle),
   * after incrementing the step count.
   */
  public final void step() {
    advance();
    updatePart(0, 1);
  }

  /**
   * The first half of {@link #step()}: advances the step count and per-step constants.
   * Data-parallel trainers call it once and then {@link #updatePart} for every part, possibly on
   * different threads.
   */
  public final void advance() {
    step++;
    beginStep(step);
  }

  /**
   * The second half of {@link #step()} for the parameters whose index is {@code part} modulo {@code
   * parts}; parts touch disjoint parameters and state, so they may run concurrently after one
   * {@link #advance()}.
   */
  public final void updatePart(int part, int parts) {
    for (int si = part; si < states.length; si += parts) {
      ParamState s = states[si];
      Parameter p = s.parameter();
      if (!p.trainable()) continue;
      Tensor t = p.value();
      float[] w = t.data();
      foldSparseIntoDense(t);
      if (t.isSparseGrad() && t.grad() == null) {
        SparseRowGrad g = t.sparseGradient();
        if (g == null || g.count() == 0) continue;
        g.coalesce();
        s.allocate(w.length);
        int len = g.rowLength();
        int[] rows = g.rows();
        float[] values = g.values();
        for (int i = 0, n = g.count(); i < n; i++)
          update(s, w, rows[i] * len, values, i * len, len);
      } else {
        float[] g = t.grad();
        if (g == null) continue;
        s.allocate(w.length);
        update(s, w, 0, g, 0, w.length);
      }
    }
  }

  /**
   * If {@code t} has both a dense gradient buffer and pending sparse row gradients, adds the rows
   * into the dense buffer and clears them, so the gradient is held in one place. Allocates nothing.
   */
  static void foldSparseIntoDense(Tensor t) {
    SparseRowGrad g = t.sparseGradient();
    if (t.grad() == null || g == null || g.count() == 0) return;
    g.coalesce();
    g.addTo(t.grad());
    g.clear();
  }

  /**
   * Hook called once per {@link #step()} before any update, with the new step count {@code t >= 1};
   * optimizers precompute step-dependent factors (bias corrections) here.
   */
  protected void beginStep(long t) {}

  /**
   * Updates {@code w[off .. off+len)} in place from the gradient {@code g[gOff .. gOff+len)}; the
   * state arrays of {@code s} are indexed like {@code w}.
   */
  protected abstract void update(ParamState s, float[] w, int off, float[] g, int gOff, int len);

  /** Clears the dense and sparse gradients of all parameters (keeps buffers). */
  public void zeroGrad() {
    for (ParamState s : states) s.parameter().zeroGrad();
  }

  /** The current learning rate (for FTRL, its {@code alpha}). */
  public double learningRate() {
    return learningRate;
  }

  /**
   * Sets the learning rate used by subsequent steps.
   *
   * @throws IllegalArgumentException unless {@code lr} is finite and {@code >= 0}
   */
  public void setLearningRate(double lr) {
    if (!(lr >= 0 && lr < Double.POSITIVE_INFINITY)) {
      throw new IllegalArgumentException("learning rate must be finite and >= 0, got " + lr);
    }
    this.learningRate = lr;
  }

  /** Number of {@link #step()} calls so far (the {@code t} of bias corrections). */
  public long stepCount() {
    return step;
  }

  /** The regularizer added to raw gradients. */
  public Regularizer regularizer() {
    return regularizer;
  }

  /** The state of the parameter named {@code name}. */
  public ParamState state(String name) {
    ParamState s = byName.get(name);
    if (s == null)
      throw new IllegalArgumentException("no parameter named '" + name + "' in this optimizer");
    return s;
  }

  /** Names of the per-parameter state arrays, in slot order (e.g. {@code [m, v]} for Adam). */
  public List<String> slotNames() {
    return List.of(slotNames);
  }

  /**
   * The gradient of coordinate value {@code w} with the regularizer's term added. The test is
   * loop-invariant, so the JIT unswitches it and unregularized loops pay nothing (and stay
   * vectorizable).
   */
  protected final float regularized(float g, float w) {
    return regularized ? g + regularizer.gradient(w) : g;
  }

  /**
   * Returns {@code x}, or zero if {@code |x| < 1e-30}. Java cannot flush subnormal floats to zero,
   * and arithmetic on them is up to two orders of magnitude slower; decaying moments (Adam's {@code
   * v} after a gradient stops, for instance) would otherwise sink into that range and stay there
   * for thousands of steps.
   */
  protected static float flush(float x) {
    return Math.abs(x) < TINY ? 0f : x;
  }

  /** A copy of the step count, learning rate and every allocated state array, for checkpoints. */
  public Snapshot exportState() {
    Map<String, float[]> slots = new LinkedHashMap<>();
    for (ParamState s : states) {
      if (!s.allocated()) continue;
      for (int k = 0; k < slotNames.length; k++) slots.put(key(s, k), s.slot(k).clone());
    }
    return new Snapshot(step, learningRate, slots);
  }

  /**
   * Restores a {@link #exportState() snapshot} taken from an optimizer of the same kind over
   * parameters with the same names and sizes. Parameters absent from the snapshot get fresh (zero)
   * state.
   *
   * @throws IllegalArgumentException naming the first key that matches no parameter slot or has the
   *     wrong length
   */
  public void importState(Snapshot snapshot) {
    Map<String, float[]> remaining = new HashMap<>(snapshot.slots());
    for (ParamState s : states) {
      s.reset();
      for (int k = 0; k < slotNames.length; k++) {
        float[] src = remaining.remove(key(s, k));
        if (src == null) continue;
        int n = s.parameter().value().size();
        if (src.length != n) {
          throw new IllegalArgumentException(
              "state '" + key(s, k) + "' has " + src.length + " values but the parameter has " + n);
        }
        s.allocate(n);
        System.arraycopy(src, 0, s.slot(k), 0, n);
      }
    }
    if (!remaining.isEmpty()) {
      String key = remaining.keySet().iterator().next();
      throw new IllegalArgumentException(
          "state '" + key + "' matches no parameter slot; slots are " + slotNames());
    }
    this.step = snapshot.step();
    setLearningRate(snapshot.learningRate());
  }

  private String key(ParamState s, int slot) {
    return s.parameter().name() + "/" + slotNames[slot];
  }

  /**
   * Optimizer state for checkpoints: the step count, the learning rate and the state arrays keyed
   * {@code "<parameter name>/<slot name>"} (e.g. {@code "item.emb/v"}), in parameter order then
   * slot order so that a writer iterating the map produces the same bytes every time.
   *
   * @param step number of steps taken, {@code >= 0}
   * @param learningRate the learning rate at export time
   * @param slots state arrays by {@code "<parameter name>/<slot name>"}
   */
  public record Snapshot(long step, double learningRate, Map<String, float[]> slots) {
    /** Validates and copies the map, keeping its iteration order (the arrays are shared). */
    public Snapshot {
      if (step < 0) throw new IllegalArgumentException("step must be >= 0, got " + step);
      slots = Collections.unmodifiableMap(new LinkedHashMap<>(slots));
    }
  }
}
