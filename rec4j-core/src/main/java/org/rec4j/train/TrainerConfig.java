package org.rec4j.train;

/**
 * Settings of one training run. Every field is validated; errors name the field and its allowed
 * range.
 *
 * @param epochs passes over the training data (≥ 1)
 * @param batchSize examples per mini-batch (≥ 1)
 * @param learningRate initial learning rate (&gt; 0)
 * @param optimizer the optimizer for the model's parameters (models may add groups of their own)
 * @param l2 L2 penalty on parameters touched by a step (≥ 0; decoupled decay for AdamW)
 * @param objective loss and label construction
 * @param negatives sampled negatives per positive for implicit objectives (≥ 1 when sampling)
 * @param seed root of every random draw (initialization, shuffles, negatives, dropout)
 * @param threads worker threads for validation scoring (≥ 1)
 * @param validateEvery validate every this many epochs and at the last one (≥ 0; 0 = never, which
 *     excludes early stopping and best-epoch restore)
 * @param monitor validation metric that early stopping and best-checkpoint watch (e.g. {@code
 *     ndcg@10}, {@code rmse}); lower is better for {@code rmse}, {@code mae}, {@code loss}, {@code
 *     logloss}
 * @param patience epochs without improvement before stopping (0 disables early stopping)
 * @param restoreBest restore the parameters of the best validated epoch at the end
 * @param schedule learning-rate schedule over the run, a factor on each optimizer's starting rate
 *     applied at every step ({@link ScheduleSpec#CONSTANT} when null)
 * @param swaFrom stochastic weight averaging (Izmailov et al. 2018, "Averaging Weights Leads to
 *     Wider Optima and Better Generalization"): from this epoch on, the parameters at each epoch's
 *     end are averaged, validation sees the average, and the run ends with it (0 = off; excludes
 *     {@code restoreBest})
 */
public record TrainerConfig(
    int epochs,
    int batchSize,
    double learningRate,
    OptimizerKind optimizer,
    float l2,
    Objective objective,
    int negatives,
    long seed,
    int threads,
    int validateEvery,
    String monitor,
    int patience,
    boolean restoreBest,
    ScheduleSpec schedule,
    int swaFrom) {
  /** Validates every field. */
  public TrainerConfig {
    if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
    if (batchSize < 1) throw new IllegalArgumentException("batch must be >= 1, got " + batchSize);
    if (!(learningRate > 0) || Double.isInfinite(learningRate))
      throw new IllegalArgumentException("lr must be > 0, got " + learningRate);
    if (optimizer == null) throw new IllegalArgumentException("optimizer must be set");
    if (!(l2 >= 0)) throw new IllegalArgumentException("l2 must be >= 0, got " + l2);
    if (objective == null) throw new IllegalArgumentException("objective must be set");
    if (objective.samplesNegatives() && negatives < 1) {
      throw new IllegalArgumentException(
          "negatives must be >= 1 for objective " + objective + ", got " + negatives);
    }
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    if (validateEvery < 0)
      throw new IllegalArgumentException(
          "eval-every must be >= 0 (0 = never), got " + validateEvery);
    if (validateEvery == 0 && (patience > 0 || restoreBest)) {
      throw new IllegalArgumentException(
          "eval-every 0 never validates, so early stopping (patience "
              + patience
              + ") has nothing to watch");
    }
    if (patience < 0) throw new IllegalArgumentException("patience must be >= 0, got " + patience);
    if (schedule == null) schedule = ScheduleSpec.CONSTANT;
    if (swaFrom < 0 || swaFrom > epochs) {
      throw new IllegalArgumentException(
          "swa must be an epoch in 1.." + epochs + " (or 0 for off), got " + swaFrom);
    }
    if (swaFrom > 0 && restoreBest) {
      throw new IllegalArgumentException(
          "swa (weight averaging) and restoring the best epoch exclude each other");
    }
  }

  /** A configuration without weight averaging. */
  public TrainerConfig(
      int epochs,
      int batchSize,
      double learningRate,
      OptimizerKind optimizer,
      float l2,
      Objective objective,
      int negatives,
      long seed,
      int threads,
      int validateEvery,
      String monitor,
      int patience,
      boolean restoreBest,
      ScheduleSpec schedule) {
    this(
        epochs,
        batchSize,
        learningRate,
        optimizer,
        l2,
        objective,
        negatives,
        seed,
        threads,
        validateEvery,
        monitor,
        patience,
        restoreBest,
        schedule,
        0);
  }

  /** A configuration with a constant learning rate. */
  public TrainerConfig(
      int epochs,
      int batchSize,
      double learningRate,
      OptimizerKind optimizer,
      float l2,
      Objective objective,
      int negatives,
      long seed,
      int threads,
      int validateEvery,
      String monitor,
      int patience,
      boolean restoreBest) {
    this(
        epochs,
        batchSize,
        learningRate,
        optimizer,
        l2,
        objective,
        negatives,
        seed,
        threads,
        validateEvery,
        monitor,
        patience,
        restoreBest,
        ScheduleSpec.CONSTANT);
  }

  /**
   * Implicit-feedback defaults of NCF (He et al. 2017): BCE, 4 negatives, Adam 1e-3, batch 256, 20
   * epochs.
   */
  public static TrainerConfig implicitDefaults() {
    return new TrainerConfig(
        20, 256, 1e-3, OptimizerKind.ADAM, 0f, Objective.BCE, 4, 42, 1, 1, "ndcg@10", 0, false);
  }

  /** The seed's rating setup: MSE, Adam 1e-3, batch 64, 50 epochs. */
  public static TrainerConfig ratingDefaults() {
    return new TrainerConfig(
        50, 64, 1e-3, OptimizerKind.ADAM, 0f, Objective.MSE, 0, 42, 1, 1, "rmse", 0, false);
  }

  /**
   * Click-through defaults (the CTR task): BCE on the task's labels, Adam 1e-3, batch 1024, L2 1e-6
   * on touched rows, at most 10 epochs with early stopping on validation AUC (patience 2, best
   * epoch restored).
   */
  public static TrainerConfig ctrDefaults() {
    return new TrainerConfig(
        10, 1024, 1e-3, OptimizerKind.ADAM, 1e-6f, Objective.BCE, 1, 42, 1, 1, "auc", 2, true);
  }

  /**
   * Sequential defaults (SASRec's paper settings): next-item BCE with one negative per position,
   * Adam 1e-3, batch 128 sequences, 200 epochs, validation every 10 epochs on NDCG@10.
   */
  public static TrainerConfig sequenceDefaults() {
    return new TrainerConfig(
        200, 128, 1e-3, OptimizerKind.ADAM, 0f, Objective.BCE, 1, 42, 1, 10, "ndcg@10", 0, false);
  }

  /** This configuration as a builder, to change some fields by name. */
  public Builder toBuilder() {
    return new Builder(this);
  }

  /**
   * Changes fields of a {@link TrainerConfig} by name; {@link #build} validates the result. Start
   * from one of the defaults: {@code
   * TrainerConfig.implicitDefaults().toBuilder().epochs(5).build()}.
   */
  public static final class Builder {
    private int epochs;
    private int batchSize;
    private double learningRate;
    private OptimizerKind optimizer;
    private float l2;
    private Objective objective;
    private int negatives;
    private long seed;
    private int threads;
    private int validateEvery;
    private String monitor;
    private int patience;
    private boolean restoreBest;
    private ScheduleSpec schedule;
    private int swaFrom;

    private Builder(TrainerConfig c) {
      epochs = c.epochs;
      batchSize = c.batchSize;
      learningRate = c.learningRate;
      optimizer = c.optimizer;
      l2 = c.l2;
      objective = c.objective;
      negatives = c.negatives;
      seed = c.seed;
      threads = c.threads;
      validateEvery = c.validateEvery;
      monitor = c.monitor;
      patience = c.patience;
      restoreBest = c.restoreBest;
      schedule = c.schedule;
      swaFrom = c.swaFrom;
    }

    /** Passes over the training data. */
    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    /** Examples per mini-batch. */
    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    /** Initial learning rate. */
    public Builder learningRate(double v) {
      learningRate = v;
      return this;
    }

    /** The optimizer. */
    public Builder optimizer(OptimizerKind v) {
      optimizer = v;
      return this;
    }

    /** L2 penalty. */
    public Builder l2(float v) {
      l2 = v;
      return this;
    }

    /** Loss and labels. */
    public Builder objective(Objective v) {
      objective = v;
      return this;
    }

    /** Sampled negatives per positive. */
    public Builder negatives(int v) {
      negatives = v;
      return this;
    }

    /** Root seed. */
    public Builder seed(long v) {
      seed = v;
      return this;
    }

    /** Worker threads. */
    public Builder threads(int v) {
      threads = v;
      return this;
    }

    /** Validate every this many epochs (0 = never). */
    public Builder validateEvery(int v) {
      validateEvery = v;
      return this;
    }

    /** The validation metric early stopping watches. */
    public Builder monitor(String v) {
      monitor = v;
      return this;
    }

    /** Validations without improvement before stopping (0 = off). */
    public Builder patience(int v) {
      patience = v;
      return this;
    }

    /** Restore the best validated epoch at the end. */
    public Builder restoreBest(boolean v) {
      restoreBest = v;
      return this;
    }

    /** Learning-rate schedule. */
    public Builder schedule(ScheduleSpec v) {
      schedule = v;
      return this;
    }

    /** Stochastic weight averaging from this epoch (0 = off). */
    public Builder swaFrom(int v) {
      swaFrom = v;
      return this;
    }

    /** The validated configuration. */
    public TrainerConfig build() {
      return new TrainerConfig(
          epochs,
          batchSize,
          learningRate,
          optimizer,
          l2,
          objective,
          negatives,
          seed,
          threads,
          validateEvery,
          monitor,
          patience,
          restoreBest,
          schedule,
          swaFrom);
    }
  }

  /** Whether the monitored metric improves downward. */
  public boolean monitorMinimizes() {
    String m = monitor == null ? "" : monitor.toLowerCase(java.util.Locale.ROOT);
    return m.startsWith("rmse")
        || m.startsWith("mae")
        || m.contains("loss")
        || m.startsWith("mape");
  }

  /** A copy with other epochs. */
  public TrainerConfig withEpochs(int e) {
    return toBuilder().epochs(e).build();
  }

  /** A copy with another seed. */
  public TrainerConfig withSeed(long s) {
    return toBuilder().seed(s).build();
  }

  /** A copy with another optimizer and learning rate. */
  public TrainerConfig withOptimizer(OptimizerKind o, double lr) {
    return toBuilder().optimizer(o).learningRate(lr).build();
  }

  /** A copy with another learning-rate schedule. */
  public TrainerConfig withSchedule(ScheduleSpec s) {
    return toBuilder().schedule(s).build();
  }

  /** A copy that averages the weights of epochs {@code from}..last (0 = off). */
  public TrainerConfig withSwa(int from) {
    return toBuilder().swaFrom(from).build();
  }

  /** A copy that validates every {@code every} epochs and at the last one (0 = never). */
  public TrainerConfig withValidateEvery(int every) {
    return toBuilder().validateEvery(every).build();
  }

  /**
   * A copy with early stopping on {@code metric} with {@code patience}, restoring the best epoch.
   */
  public TrainerConfig withEarlyStopping(String metric, int pat) {
    return toBuilder().monitor(metric).patience(pat).restoreBest(true).build();
  }
}
