package org.rec4j.train;

import java.util.ArrayList;
import java.util.List;
import org.rec4j.loss.BprLoss;
import org.rec4j.loss.PointwiseLoss;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Optimizer;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.Tensor;

/**
 * Runs one mini-batch's forward and backward passes, on the calling thread or data-parallel: the
 * batch is cut into one contiguous slice per worker, each worker (worker 0 is the model itself, the
 * others {@linkplain Trainable#replica replicas} sharing its parameters) back-propagates the loss
 * of its slice weighted by the slice's share of the batch, and the replicas' gradients are then
 * added to the model's in worker order. The result is deterministic for a given thread count.
 */
public final class Workers implements AutoCloseable {
  private final List<Trainable> models = new ArrayList<>();
  private final List<List<Parameter>> params = new ArrayList<>();
  private final Arena[] arenas;

  /** Per worker, its full-size slice batch (slot 0) and the epoch's tail slice (slot 1). */
  private final Batch[][] batches;

  private final float[] losses;
  private final Lane[] lanes;
  private final Share[] shares;

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
    batches = new Batch[t][2];
    for (int k = 0; k < t; k++) arenas[k] = new Arena();
    losses = new float[t];
    lanes = new Lane[t];
    shares = new Share[t];
    for (int k = 1; k < t; k++) {
      shares[k] = new Share(k);
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
      int a = from + (int) ((long) size * k / t), e = from + (int) ((long) size * (k + 1) / t);
      lanes[k].submit(shares[k].slice(ex, a, e - a, size, pointwise, bpr));
    }
    boolean wasSerial =
        org.rec4j.tensor.kernel.Parallel.serialOnThisThread(true); // no nested kernel splitting
    try {
      run(0, ex, from, (int) ((long) size / t), size, pointwise, bpr);
    } finally {
      org.rec4j.tensor.kernel.Parallel.serialOnThisThread(wasSerial);
    }
    for (int k = 1; k < t; k++) lanes[k].await();
    float loss = losses[0];
    List<Parameter> master = params.get(0);
    for (int k = 1; k < t; k++) {
      loss += losses[k];
      List<Parameter> mine = params.get(k);
      for (int j = 0; j < master.size(); j++)
        reduceInto(master.get(j).value(), mine.get(j).value());
    }
    return loss;
  }

  /**
   * Every optimizer's step; with several workers each updates a disjoint share of the parameters.
   */
  void update(List<Optimizer> optimizers) {
    int t = models.size();
    if (t == 1) {
      for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).step();
      return;
    }
    for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).advance();
    for (int k = 1; k < t; k++) lanes[k].submit(shares[k].update(optimizers));
    for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).updatePart(0, t);
    for (int k = 1; k < t; k++) lanes[k].await();
  }

  private void run(
      int k, Examples ex, int from, int n, int total, PointwiseLoss pointwise, BprLoss bpr) {
    Batch batch = batch(k, n);
    ex.fill(batch, from);
    Trainable m = models.get(k);
    try (Arena.Scope s = arenas[k].open()) {
      Tensor out = m.forward(batch.users, batch.items);
      Tensor l =
          bpr != null
              ? bpr.compute(out, m.forward(batch.users, batch.negatives))
              : pointwise.compute(out, batch.labelTensor);
      if (n != total) l = org.rec4j.tensor.MathOps.mulScalar(l, (float) n / total);
      l.backward();
      losses[k] = l.item();
    }
  }

  /**
   * Worker {@code k}'s task for a lane, set up anew for each batch (a capturing lambda would
   * allocate every batch): either its slice of the forward/backward pass or its share of the
   * optimizer update. The lane's volatile hand-off publishes the fields.
   */
  private final class Share implements Runnable {
    private final int k;
    private Examples ex;
    private int from;
    private int n;
    private int total;
    private PointwiseLoss pointwise;
    private BprLoss bpr;
    private List<Optimizer> optimizers;

    Share(int k) {
      this.k = k;
    }

    Share slice(Examples ex, int from, int n, int total, PointwiseLoss pointwise, BprLoss bpr) {
      this.ex = ex;
      this.from = from;
      this.n = n;
      this.total = total;
      this.pointwise = pointwise;
      this.bpr = bpr;
      this.optimizers = null;
      return this;
    }

    Share update(List<Optimizer> optimizers) {
      this.optimizers = optimizers;
      return this;
    }

    @Override
    public void run() {
      if (optimizers == null) {
        Workers.this.run(k, ex, from, n, total, pointwise, bpr);
        return;
      }
      int t = models.size();
      for (int i = 0; i < optimizers.size(); i++) optimizers.get(i).updatePart(k, t);
    }
  }

  /**
   * Worker {@code k}'s reusable batch of {@code n} examples: the first size seen stays, others
   * share slot 1.
   */
  private Batch batch(int k, int n) {
    Batch[] mine = batches[k];
    if (mine[0] == null) mine[0] = new Batch(n);
    if (mine[0].size() == n) return mine[0];
    if (mine[1] == null || mine[1].size() != n) mine[1] = new Batch(n);
    return mine[1];
  }

  /**
   * Adds {@code replica}'s gradient (sparse rows and/or dense) to {@code master}'s and clears the
   * replica's: the reduction of data-parallel workers, shared with other epoch sources.
   */
  public static void reduceInto(Tensor master, Tensor replica) {
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
