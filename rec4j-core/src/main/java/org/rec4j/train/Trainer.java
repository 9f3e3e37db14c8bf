package org.rec4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.data.Interactions;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.optim.schedule.LrSchedule;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.Rng;

/**
 * The one training loop of rec4j; early stopping, checkpoints, divergence guard, progress and
 * logging are {@link TrainingListener}s.
 *
 * <p>Per epoch: build the examples (ratings as they are; for implicit objectives every interaction
 * becomes a positive with {@code negatives} uniformly sampled unobserved items, re-drawn each epoch
 * as in NCF), shuffle them with the run's seeded stream, then for each mini-batch run forward, loss
 * and backward inside a reusable {@link org.rec4j.tensor.Arena} (so steady-state batches allocate
 * neither buffers nor graph objects) and every optimizer's step, and finally validate every {@code
 * validateEvery} epochs and on the last one (never when {@code validateEvery} is 0). The same seed
 * gives the same run.
 *
 * <p>The loop itself only sees an {@link EpochSource}: id-based models are wrapped in the (user,
 * item) source described above, and the field-aware CTR models of {@code org.rec4j.ctr} bring their
 * own source, so both train through this one loop with the same listeners.
 */
public final class Trainer {
  private final TrainerConfig config;
  private final List<TrainingListener> listeners = new ArrayList<>();

  /**
   * A trainer with the {@link DivergenceGuard} installed: a diverged run throws a {@link
   * DivergenceException}.
   */
  public Trainer(TrainerConfig config) {
    this.config = config;
    listeners.add(new DivergenceGuard());
  }

  /** Adds a listener; returns this. */
  public Trainer listen(TrainingListener l) {
    listeners.add(l);
    return this;
  }

  /** The configuration. */
  public TrainerConfig config() {
    return config;
  }

  /** What listeners may ask of the running loop. */
  public final class Context {
    private final List<Parameter> params;
    private final List<Optimizer> optimizers;
    private String stop;
    private String divergence;

    private Context(List<Parameter> params, List<Optimizer> optimizers) {
      this.params = params;
      this.optimizers = optimizers;
    }

    /** Ends training after the current batch/epoch, recording the reason. */
    public void requestStop(String reason) {
      if (stop == null) stop = reason;
    }

    /**
     * Ends training now because the weights are garbage: {@link Trainer#fit} then throws a {@link
     * DivergenceException} with {@code reason} instead of returning. The first reason wins.
     */
    public void diverged(String reason) {
      if (divergence == null) {
        divergence = reason;
        stop = reason;
      }
    }

    /**
     * The trained parameters, read-only (for listeners that inspect weights; change them only
     * between batches).
     */
    public List<Parameter> parameters() {
      return java.util.Collections.unmodifiableList(params);
    }

    /** The first optimizer's current learning rate. */
    public double learningRate() {
      return optimizers.get(0).learningRate();
    }

    /** A copy of every parameter's values. */
    public float[][] snapshot() {
      float[][] s = new float[params.size()][];
      for (int i = 0; i < s.length; i++) s[i] = params.get(i).value().data().clone();
      return s;
    }

    /** Restores values taken by {@link #snapshot()}. */
    public void restore(float[][] s) {
      for (int i = 0; i < s.length; i++)
        System.arraycopy(s[i], 0, params.get(i).value().data(), 0, s[i].length);
    }

    /** The configuration of the run. */
    public TrainerConfig config() {
      return config;
    }
  }

  /**
   * Trains {@code model} on {@code train}; {@code validator} may be null.
   *
   * @throws DivergenceException when a listener (by default the {@link DivergenceGuard}) declared
   *     the run diverged
   */
  public TrainingHistory fit(Trainable model, Interactions train, Validator validator) {
    if (train.size() == 0) throw new IllegalArgumentException("training data is empty");
    return fit(new InteractionSource(model, train, config), validator);
  }

  /**
   * Trains whatever {@code source} steps (see {@link EpochSource}); {@code validator} may be null.
   * The source is closed at the end.
   *
   * @throws DivergenceException when a listener (by default the {@link DivergenceGuard}) declared
   *     the run diverged
   */
  public TrainingHistory fit(EpochSource source, Validator validator) {
    // --threads 1 means one core: kernels of this thread never split across the engine's pool
    // (sources that do not run data-parallel lanes, e.g. CTR and sequential models, would
    // otherwise spread their larger matrix products over every core)
    boolean wasSerial = org.rec4j.tensor.kernel.Parallel.serialOnThisThread(config.threads() == 1);
    try {
      return fitOn(source, validator);
    } finally {
      org.rec4j.tensor.kernel.Parallel.serialOnThisThread(wasSerial);
    }
  }

  private TrainingHistory fitOn(EpochSource source, Validator validator) {
    List<Parameter> params = source.parameters();
    List<Optimizer> optimizers = source.optimizers(config);
    Context ctx = new Context(params, optimizers);
    EarlyStopping tracker =
        new EarlyStopping(
            config.monitor(), config.monitorMinimizes(), config.patience(), config.restoreBest());
    List<TrainingListener> all = new ArrayList<>(listeners);
    if (validator != null) all.add(tracker);
    for (TrainingListener l : all) l.onStart(ctx);
    WeightAverage swa = config.swaFrom() > 0 ? new WeightAverage(params) : null;
    Rng rng = new Rng(config.seed() * 0x9E3779B97F4A7C15L + 17);
    List<EpochStats> history = new ArrayList<>();
    source.setTraining(true);
    try (source) {
      ScheduleSpec spec = config.schedule();
      double[] startLr = new double[optimizers.size()];
      for (int i = 0; i < startLr.length; i++) startLr[i] = optimizers.get(i).learningRate();
      LrSchedule factor = null;
      for (int epoch = 1; epoch <= config.epochs() && ctx.stop == null; epoch++) {
        long s0 = System.nanoTime();
        int n = source.prepareEpoch(rng);
        long t0 = System.nanoTime();
        double lossSum = 0;
        int batches = (n + config.batchSize() - 1) / config.batchSize();
        // the configured schedule (TrainerConfig#schedule) runs in optimizer steps, as a factor on
        // each optimizer's
        // starting rate; its length is fixed by the first epoch's batch count
        int stepsPerEpoch = Math.max(1, batches);
        if (factor == null && !spec.isConstant())
          factor = spec.factor(stepsPerEpoch, config.epochs());
        long stepBase = (long) (epoch - 1) * stepsPerEpoch;
        for (int b = 0; b < batches && ctx.stop == null; b++) {
          int from = b * config.batchSize(), size = Math.min(config.batchSize(), n - from);
          if (factor != null) {
            double f = factor.lr(stepBase + b);
            for (int i = 0; i < startLr.length; i++)
              optimizers.get(i).setLearningRate(startLr[i] * f);
          }
          float loss = source.step(from, size);
          if (Float.isFinite(loss)) source.update(optimizers);
          // indexed loops: the per-batch iterators of for-each loops over these lists escaped (32
          // bytes a batch)
          for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).zeroGrad();
          lossSum += (double) loss * size;
          for (int i = 0; i < all.size(); i++)
            all.get(i).onBatchEnd(ctx, epoch, b + 1, batches, loss);
        }
        long t1 = System.nanoTime();
        if (swa != null && epoch >= config.swaFrom()) swa.add();
        Map<String, Double> val = Map.of();
        int every = config.validateEvery();
        if (validator != null
            && every > 0
            && ctx.stop == null
            && (epoch % every == 0 || epoch == config.epochs())) {
          source.setTraining(false);
          boolean averaged = swa != null && swa.count() > 0;
          if (averaged) swa.swap(); // validate the average, then continue training the live weights
          try (var ng = Autograd.noGrad()) {
            val = new LinkedHashMap<>(validator.validate());
          } finally {
            if (averaged) swa.swap();
            source.setTraining(true);
          }
        }
        double secs = (t1 - t0) / 1e9;
        EpochStats st =
            new EpochStats(
                epoch,
                lossSum / n,
                val,
                secs,
                (t0 - s0) / 1e9,
                n / Math.max(secs, 1e-9),
                ctx.learningRate());
        history.add(st);
        for (TrainingListener l : all) l.onEpochEnd(ctx, st);
      }
    }
    source.setTraining(false);
    if (swa != null && swa.count() > 0) swa.swap(); // the run ends with the averaged weights
    TrainingHistory h =
        new TrainingHistory(
            List.copyOf(history), ctx.stop, tracker.bestEpoch(), tracker.bestValue());
    for (TrainingListener l : all) l.onEnd(ctx, h);
    if (ctx.divergence != null) throw new DivergenceException(ctx.divergence);
    return h;
  }
}
