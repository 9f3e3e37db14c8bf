package org.rec4j.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;
import org.rec4j.eval.Scorer;

/**
 * Opportunistic batching of full-catalog scoring for MLP-scored models (NeuMF, NCF): concurrent
 * requests share one {@link Scorer#scoreAll} call, which walks the catalog block by block for all
 * of its users, and at most {@code permits} calls run at once (one per core by default), so a burst
 * of requests queues for the cores instead of oversubscribing them. On ML-1M the per-user cost of a
 * batched call is within noise of a lone one since the narrow-layer kernels (2026-11-30: ≈ 0.19 ms
 * per user either way, 0.35 ms before); the gain is in scheduling.
 *
 * <p>No timer and no extra threads: a request enqueues its user and takes one of {@code permits}
 * (one per core by default); holding it, it scores everything queued so far (up to {@code maxBatch}
 * users per call, its own included) for everyone, or finds its user already taken by another holder
 * and waits for that result. A lone request is scored at once, alone; under concurrency, requests
 * that arrive while others are being scored share the next call.
 */
final class BatchedScorer {
  /**
   * One user's scores: row {@code row} of the row-major {@code [batch, items]} array {@code
   * scores}.
   */
  record Row(float[] scores, int row, int numItems) {
    float get(int item) {
      return scores[row * numItems + item];
    }
  }

  private record Job(int user, CompletableFuture<Row> result) {}

  private final Scorer model;
  private final int maxBatch;
  private final Semaphore permits;
  private final ConcurrentLinkedQueue<Job> queue = new ConcurrentLinkedQueue<>();

  BatchedScorer(Scorer model, int maxBatch, int concurrency) {
    if (maxBatch < 1 || concurrency < 1)
      throw new IllegalArgumentException(
          "maxBatch and concurrency must be >= 1, got " + maxBatch + ", " + concurrency);
    this.model = model;
    this.maxBatch = maxBatch;
    this.permits = new Semaphore(concurrency);
  }

  /** The scores of every item for dense user {@code user}. */
  Row scores(int user) {
    Job job = new Job(user, new CompletableFuture<>());
    queue.add(job);
    permits.acquireUninterruptibly();
    try {
      while (!job.result().isDone()) {
        List<Job> batch = new ArrayList<>(maxBatch);
        for (Job j; batch.size() < maxBatch && (j = queue.poll()) != null; ) batch.add(j);
        if (batch.isEmpty()) break; // another holder took our job; wait for it below
        run(batch);
      }
    } finally {
      permits.release();
    }
    return job.result().join();
  }

  private void run(List<Job> batch) {
    int n = model.numItems();
    int[] users = new int[batch.size()];
    for (int i = 0; i < users.length; i++) users[i] = batch.get(i).user();
    try {
      float[] out = new float[users.length * n];
      model.scoreAll(users, out);
      for (int i = 0; i < users.length; i++) batch.get(i).result().complete(new Row(out, i, n));
    } catch (RuntimeException | Error e) {
      for (Job j : batch) j.result().completeExceptionally(e);
    }
  }
}
