package org.rec4j.train;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.data.Interactions;
import org.rec4j.data.sample.UniformNegativeSampler;
import org.rec4j.loss.BprLoss;
import org.rec4j.loss.PointwiseLoss;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.optim.schedule.LrSchedule;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.Autograd;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * The one training loop of rec4j; early stopping, checkpoints, divergence guard, progress and logging are
 * {@link TrainingListener}s.
 *
 * <p>Per epoch: build the examples (ratings as they are; for implicit objectives every interaction becomes a
 * positive with {@code negatives} uniformly sampled unobserved items, re-drawn each epoch as in NCF), shuffle them
 * with the run's seeded stream, then for each mini-batch run forward, loss, backward and every optimizer's step
 * inside a reusable {@link Arena} (so steady-state batches allocate no float buffers), and finally validate every
 * {@code validateEvery} epochs and on the last one. The same seed gives the same run.
 */
public final class Trainer {
  private final TrainerConfig config;
  private final List<TrainingListener> listeners = new ArrayList<>();
  private LrSchedule schedule;

  /** A trainer with the divergence guard installed. */
  public Trainer(TrainerConfig config) {
    this.config = config;
    listeners.add(new DivergenceGuard());
  }

  /** Adds a listener; returns this. */
  public Trainer listen(TrainingListener l) {
    listeners.add(l);
    return this;
  }

  /** Sets a per-epoch learning-rate schedule (time = epoch index from 0); returns this. */
  public Trainer schedule(LrSchedule s) {
    this.schedule = s;
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

    private Context(List<Parameter> params, List<Optimizer> optimizers) {
      this.params = params;
      this.optimizers = optimizers;
    }

    /** Ends training after the current batch/epoch, recording the reason. */
    public void requestStop(String reason) {
      if (stop == null) stop = reason;
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
      for (int i = 0; i < s.length; i++) System.arraycopy(s[i], 0, params.get(i).value().data(), 0, s[i].length);
    }

    /** The configuration of the run. */
    public TrainerConfig config() {
      return config;
    }
  }

  /** Trains {@code model} on {@code train}; {@code validator} may be null. */
  public TrainingHistory fit(Trainable model, Interactions train, Validator validator) {
    if (train.size() == 0) throw new IllegalArgumentException("training data is empty");
    List<Parameter> params = model.parameters();
    List<Optimizer> optimizers = model.optimizers(config);
    Context ctx = new Context(params, optimizers);
    EarlyStopping tracker = new EarlyStopping(config.monitor(), config.monitorMinimizes(), config.patience(), config.restoreBest());
    List<TrainingListener> all = new ArrayList<>(listeners);
    if (validator != null) all.add(tracker);
    for (TrainingListener l : all) l.onStart(ctx);
    Rng rng = new Rng(config.seed() * 0x9E3779B97F4A7C15L + 17);
    Objective obj = config.objective();
    PointwiseLoss pointwise = obj == Objective.BPR ? null : obj.pointwiseLoss();
    BprLoss bpr = obj == Objective.BPR ? new BprLoss() : null;
    UniformNegativeSampler sampler = obj.samplesNegatives() ? new UniformNegativeSampler(train) : null;
    Examples ex = new Examples(train, obj, config.negatives());
    Workers workers = new Workers(model, config.threads(), config.batchSize());
    List<EpochStats> history = new ArrayList<>();
    model.setTraining(true);
    for (int epoch = 1; epoch <= config.epochs() && ctx.stop == null; epoch++) {
      if (schedule != null) for (Optimizer o : optimizers) schedule.apply(o, epoch - 1);
      long s0 = System.nanoTime();
      ex.build(sampler, rng);
      long t0 = System.nanoTime();
      double lossSum = 0;
      int n = ex.size, batches = (n + config.batchSize() - 1) / config.batchSize();
      for (int b = 0; b < batches && ctx.stop == null; b++) {
        int from = b * config.batchSize(), size = Math.min(config.batchSize(), n - from);
        float loss = workers.step(ex, from, size, pointwise, bpr);
        if (Float.isFinite(loss)) workers.update(optimizers);
        for (Optimizer o : optimizers) o.zeroGrad();
        lossSum += (double) loss * size;
        for (TrainingListener li : all) li.onBatchEnd(ctx, epoch, b + 1, batches, loss);
      }
      long t1 = System.nanoTime();
      Map<String, Double> val = Map.of();
      if (validator != null && ctx.stop == null && (epoch % config.validateEvery() == 0 || epoch == config.epochs())) {
        model.setTraining(false);
        try (var ng = Autograd.noGrad()) {
          val = new LinkedHashMap<>(validator.validate());
        } finally {
          model.setTraining(true);
        }
      }
      double secs = (t1 - t0) / 1e9;
      EpochStats st = new EpochStats(epoch, lossSum / n, val, secs, (t0 - s0) / 1e9, n / Math.max(secs, 1e-9), ctx.learningRate());
      history.add(st);
      for (TrainingListener l : all) l.onEpochEnd(ctx, st);
    }
    workers.close();
    model.setTraining(false);
    TrainingHistory h = new TrainingHistory(List.copyOf(history), ctx.stop, tracker.bestEpoch(), tracker.bestValue());
    for (TrainingListener l : all) l.onEnd(ctx, h);
    return h;
  }

  /**
   * Runs one mini-batch's forward and backward passes, on the calling thread or data-parallel: the batch is cut
   * into one contiguous slice per worker, each worker (worker 0 is the model itself, the others
   * {@linkplain Trainable#replica replicas} sharing its parameters) back-propagates the loss of its slice weighted
   * by the slice's share of the batch, and the replicas' gradients are then added to the model's in worker order.
   * The result is deterministic for a given thread count.
   */
  private static final class Workers implements AutoCloseable {
    private final List<Trainable> models = new ArrayList<>();
    private final List<List<Parameter>> params = new ArrayList<>();
    private final Arena[] arenas;
    private final java.util.Map<Integer, Batch>[] batches;
    private final float[] losses;
    private final Lane[] lanes;

    @SuppressWarnings("unchecked")
    Workers(Trainable model, int threads, int batchSize) {
      models.add(model);
      for (int k = 1; k < threads && batchSize >= 2 * threads; k++) {
        Trainable r = model.replica(k);
        if (r == null) break;
        r.setTraining(true);
        models.add(r);
      }
      for (Trainable m : models) params.add(m.parameters());
      int t = models.size();
      arenas = new Arena[t];
      batches = new java.util.Map[t];
      for (int k = 0; k < t; k++) {
        arenas[k] = new Arena();
        batches[k] = new java.util.HashMap<>();
      }
      losses = new float[t];
      lanes = new Lane[t];
      for (int k = 1; k < t; k++) {
        lanes[k] = new Lane("rec4j-train-" + k);
        lanes[k].start();
      }
    }

    float step(Examples ex, int from, int size, PointwiseLoss pointwise, BprLoss bpr) {
      int t = models.size();
      if (t == 1) {
        run(0, ex, from, size, size, pointwise, bpr);
        return losses[0];
      }
      for (int k = 1; k < t; k++) {
        int kk = k, a = from + (int) ((long) size * k / t), e = from + (int) ((long) size * (k + 1) / t);
        lanes[k].submit(() -> run(kk, ex, a, e - a, size, pointwise, bpr));
      }
      run(0, ex, from, (int) ((long) size / t), size, pointwise, bpr);
      for (int k = 1; k < t; k++) lanes[k].await();
      float loss = losses[0];
      List<Parameter> master = params.get(0);
      for (int k = 1; k < t; k++) {
        loss += losses[k];
        List<Parameter> mine = params.get(k);
        for (int j = 0; j < master.size(); j++) reduceInto(master.get(j).value(), mine.get(j).value());
      }
      return loss;
    }

    /** Every optimizer's step; with several workers each updates a disjoint share of the parameters. */
    void update(List<Optimizer> optimizers) {
      int t = models.size();
      if (t == 1) {
        for (Optimizer o : optimizers) o.step();
        return;
      }
      for (Optimizer o : optimizers) o.advance();
      for (int k = 1; k < t; k++) {
        int kk = k;
        lanes[k].submit(() -> {
          for (Optimizer o : optimizers) o.updatePart(kk, t);
        });
      }
      for (Optimizer o : optimizers) o.updatePart(0, t);
      for (int k = 1; k < t; k++) lanes[k].await();
    }

    private void run(int k, Examples ex, int from, int n, int total, PointwiseLoss pointwise, BprLoss bpr) {
      Batch batch = batches[k].computeIfAbsent(n, Batch::new);
      ex.fill(batch, from);
      Trainable m = models.get(k);
      try (Arena.Scope s = arenas[k].open()) {
        Tensor out = m.forward(batch.users, batch.items, true);
        Tensor l = bpr != null
            ? bpr.compute(out, m.forward(batch.users, batch.negatives, true))
            : pointwise.compute(out, Tensor.wrap(batch.labels, n));
        if (n != total) l = org.rec4j.tensor.MathOps.mulScalar(l, (float) n / total);
        l.backward();
        losses[k] = l.item();
      }
    }

    /** Adds {@code replica}'s gradient to {@code master}'s and clears the replica's. */
    private static void reduceInto(Tensor master, Tensor replica) {
      if (replica.isSparseGrad()) {
        org.rec4j.tensor.SparseRowGrad g = replica.sparseGradient();
        if (g == null || g.count() == 0) return;
        org.rec4j.tensor.SparseRowGrad into = master.sparseGradBuffer();
        int len = g.rowLength();
        for (int i = 0; i < g.count(); i++) into.add(g.row(i), g.values(), i * len, 1f);
        g.clear();
      }
      float[] g = replica.grad();
      if (g != null) {
        float[] into = master.gradBuffer();
        for (int i = 0; i < g.length; i++) into[i] += g[i];
        java.util.Arrays.fill(g, 0f);
      }
    }

    @Override
    public void close() {
      for (int k = 1; k < lanes.length; k++) lanes[k].shutdown();
    }
  }

  /**
   * A worker thread that runs one task per mini-batch. Hand-off and completion are volatile flags checked with a
   * brief spin before parking: a mini-batch takes a few hundred microseconds, so waking a pooled thread through a
   * queue (tens of microseconds each way) would eat much of what splitting the batch gains.
   */
  private static final class Lane extends Thread {
    private static final int SPINS = 20_000;
    private volatile Runnable task;
    private volatile boolean done = true;
    private volatile boolean stop;
    private volatile RuntimeException failure;
    private final Thread owner = Thread.currentThread();

    Lane(String name) {
      super(name);
      setDaemon(true);
    }

    void submit(Runnable r) {
      done = false;
      failure = null;
      task = r;
      java.util.concurrent.locks.LockSupport.unpark(this);
    }

    void await() {
      for (int i = 0; !done; i++) {
        if (i < SPINS) Thread.onSpinWait();
        else java.util.concurrent.locks.LockSupport.parkNanos(this, 50_000);
      }
      if (failure != null) throw failure;
    }

    void shutdown() {
      stop = true;
      java.util.concurrent.locks.LockSupport.unpark(this);
    }

    @Override
    public void run() {
      while (!stop) {
        Runnable r = task;
        if (r == null) {
          for (int i = 0; i < SPINS && task == null && !stop; i++) Thread.onSpinWait();
          if (task == null && !stop) java.util.concurrent.locks.LockSupport.park(this);
          continue;
        }
        task = null;
        try {
          r.run();
        } catch (RuntimeException e) {
          failure = e;
        } finally {
          done = true;
          java.util.concurrent.locks.LockSupport.unpark(owner);
        }
      }
    }
  }

  /** The epoch's examples in parallel arrays, rebuilt (negatives re-drawn) and shuffled each epoch. */
  private static final class Examples {
    private final Interactions train;
    private final Objective obj;
    private final int neg;
    private final int[] users;
    private final int[] items;
    private final int[] negs;
    private final float[] labels;
    private int size;

    Examples(Interactions train, Objective obj, int neg) {
      this.train = train;
      this.obj = obj;
      this.neg = neg;
      int n = switch (obj) {
        case BCE -> train.size() * (1 + neg);
        case BPR -> train.size() * neg;
        default -> train.size();
      };
      users = new int[n];
      items = new int[n];
      negs = obj == Objective.BPR ? new int[n] : null;
      labels = new float[n];
    }

    void build(UniformNegativeSampler sampler, Rng rng) {
      int k = 0;
      for (int r = 0; r < train.size(); r++) {
        int u = train.user(r), i = train.item(r);
        switch (obj) {
          case BCE -> {
            users[k] = u;
            items[k] = i;
            labels[k++] = 1f;
            for (int j = 0; j < neg; j++) {
              users[k] = u;
              items[k] = sampler.sample(u, rng);
              labels[k++] = 0f;
            }
          }
          case BPR -> {
            for (int j = 0; j < neg; j++) {
              users[k] = u;
              items[k] = i;
              negs[k] = sampler.sample(u, rng);
              labels[k++] = 1f;
            }
          }
          default -> {
            users[k] = u;
            items[k] = i;
            labels[k++] = train.value(r);
          }
        }
      }
      size = k;
      for (int a = size - 1; a > 0; a--) {
        int b = rng.nextInt(a + 1);
        swap(users, a, b);
        swap(items, a, b);
        if (negs != null) swap(negs, a, b);
        float t = labels[a];
        labels[a] = labels[b];
        labels[b] = t;
      }
    }

    void fill(Batch batch, int from) {
      int n = batch.size();
      System.arraycopy(users, from, batch.users, 0, n);
      System.arraycopy(items, from, batch.items, 0, n);
      if (negs != null) System.arraycopy(negs, from, batch.negatives, 0, n);
      System.arraycopy(labels, from, batch.labels, 0, n);
    }

    private static void swap(int[] a, int i, int j) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
  }
}
