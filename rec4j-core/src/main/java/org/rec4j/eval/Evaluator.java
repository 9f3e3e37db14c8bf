package org.rec4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.rec4j.tensor.kernel.Parallel;

/**
 * Runs a {@link RankingTask} or a rating/classification evaluation against a {@link Scorer}.
 *
 * <p>Ranking: users are taken in blocks of {@value #BLOCK}; each block is scored through {@link
 * Scorer#scoreAll} (full protocol) or one {@link Scorer#scorePairs} call over the block's candidate
 * lists (sampled), excluded items are skipped, and the top {@code max(ks)} are selected with a
 * {@link TopK} heap. With {@code threads > 1} the blocks are shared out among that many threads
 * (see {@link #rankInParallel}); with one thread, large matrix products inside {@code scoreAll} may
 * still use every core. Results are per user, so they do not depend on the thread count.
 *
 * <p>Ties are broken by a hash salted with the user id ({@link TopK}): deterministic, and a model
 * that ties everything lands its held-out item at a random position rather than one favoured by
 * item ids. NaN scores fail the evaluation.
 */
public final class Evaluator {
  static final int BLOCK = 64;

  /**
   * Items per scoring call for models that score item ranges: a block's scores (64 × 1024 floats)
   * stay in L2.
   */
  static final int TILE = 1024;

  private final RankingMetric[] metrics;
  private final int[] ks;
  private final int threads;

  /**
   * An evaluator computing every metric at every cut-off.
   *
   * @param threads worker threads (≥ 1)
   */
  public Evaluator(List<RankingMetric> metrics, int[] ks, int threads) {
    if (metrics.isEmpty()) throw new IllegalArgumentException("no ranking metric given");
    if (ks.length == 0) throw new IllegalArgumentException("no cut-off k given");
    for (int k : ks) RankingMetric.checkK(k);
    if (threads < 1) throw new IllegalArgumentException("threads must be >= 1, got " + threads);
    this.metrics = metrics.toArray(RankingMetric[]::new);
    this.ks = ks.clone();
    this.threads = threads;
  }

  /** HR, NDCG, Precision, Recall, MRR and MAP at the given cut-offs. */
  public static Evaluator standard(int threads, int... ks) {
    return new Evaluator(
        List.of(
            new HitRate(),
            new Ndcg(),
            new Precision(),
            new Recall(),
            new Mrr(),
            new AveragePrecision()),
        ks,
        threads);
  }

  /** Evaluates {@code scorer} on {@code task}. */
  public RankingResult evaluate(Scorer scorer, RankingTask task) {
    long t0 = System.nanoTime();
    int n = task.size();
    int maxK = 0;
    for (int k : ks) maxK = Math.max(maxK, k);
    int[][] lists = new int[n][];
    int blocks = (n + BLOCK - 1) / BLOCK;
    int workers = Math.max(1, Math.min(threads, blocks));
    final int topK = maxK;
    if (workers == 1) {
      new Shard(scorer, task, topK, lists).rank(0, n);
    } else {
      rankInParallel(scorer, task, topK, lists, blocks, workers);
    }
    Map<String, double[]> perUser = new LinkedHashMap<>();
    Map<String, Double> means = new LinkedHashMap<>();
    for (RankingMetric m : metrics) {
      for (int k : ks) {
        double[] v = new double[n];
        double sum = 0;
        for (int i = 0; i < n; i++) {
          v[i] = m.compute(lists[i], k, task.relevant(i));
          sum += v[i];
        }
        String key = m.name() + "@" + k;
        perUser.put(key, v);
        means.put(key, n == 0 ? Double.NaN : sum / n);
      }
    }
    return new RankingResult(means, perUser, lists, n, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * Ranks the users on {@code workers} threads — the calling thread and {@code workers − 1} helpers
   * — that claim blocks of {@value #BLOCK} users from a shared counter, so a core slowed by other
   * work does not hold the rest back. Every worker marks itself {@linkplain
   * Parallel#serialOnThisThread serial}: the users are the parallel dimension, and a kernel
   * splitting itself over the same cores from two callers at once made two evaluation threads no
   * faster than one. Each user's list is computed by one worker from that user's scores alone, so
   * the result does not depend on which worker took which block.
   */
  private static void rankInParallel(
      Scorer scorer, RankingTask task, int topK, int[][] lists, int blocks, int workers) {
    AtomicInteger next = new AtomicInteger();
    int n = task.size();
    Runnable work =
        () -> {
          boolean wasSerial = Parallel.serialOnThisThread(true);
          try {
            Shard shard = new Shard(scorer, task, topK, lists);
            for (int b; (b = next.getAndIncrement()) < blocks; )
              shard.rank(b * BLOCK, Math.min(n, (b + 1) * BLOCK));
          } finally {
            Parallel.serialOnThisThread(wasSerial);
          }
        };
    ExecutorService pool =
        Executors.newFixedThreadPool(
            workers - 1,
            r -> {
              Thread t = new Thread(r, "rec4j-eval");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> fs = new ArrayList<>();
      for (int w = 1; w < workers; w++) fs.add(pool.submit(work));
      work.run();
      for (Future<?> f : fs) f.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("evaluation interrupted", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException re) throw re;
      throw new IllegalStateException("evaluation failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * One worker's ranking state: its top-k selector and score buffers, reused across the blocks it
   * takes.
   */
  private static final class Shard {
    private final Scorer scorer;
    private final RankingTask task;
    private final int[][] lists;
    private final TopK top;
    private float[] buf;
    private TopK[] tops;
    private float[] tileBuf;

    Shard(Scorer scorer, RankingTask task, int k, int[][] lists) {
      this.scorer = scorer;
      this.task = task;
      this.lists = lists;
      this.top = new TopK(k);
    }

    /** Ranks users {@code from..to)}, {@value #BLOCK} per scoring call. */
    void rank(int from, int to) {
      for (int b = from; b < to; b += BLOCK) {
        int end = Math.min(to, b + BLOCK);
        if (task.isSampled()) sampledBlock(b, end);
        else fullBlock(b, end);
      }
    }

    /** One batched scorePairs call for the block: (user, candidate) pairs laid end to end. */
    private void sampledBlock(int b, int end) {
      int total = 0;
      for (int i = b; i < end; i++) total += task.candidates(i).length;
      int[] pu = new int[total], pi = new int[total];
      float[] ps = new float[total];
      for (int i = b, p = 0; i < end; i++) {
        int[] cand = task.candidates(i);
        java.util.Arrays.fill(pu, p, p + cand.length, task.user(i));
        System.arraycopy(cand, 0, pi, p, cand.length);
        p += cand.length;
      }
      scorer.scorePairs(pu, pi, ps);
      for (int i = b, p = 0; i < end; i++) {
        int[] cand = task.candidates(i);
        top.clear(task.user(i));
        for (int c = 0; c < cand.length; c++) top.offer(cand[c], ps[p + c]);
        p += cand.length;
        lists[i] = top.drain();
      }
    }

    /**
     * One scoreAll call for the block, then per user a pass over the catalog that skips excluded
     * items. A score below the current k-th best cannot enter the list and is skipped with one
     * comparison (a NaN never compares below, so it still reaches {@link TopK#offer}, which rejects
     * it).
     */
    private void fullBlock(int b, int end) {
      int items = task.numItems(), m = end - b;
      int[] users = new int[m];
      for (int j = 0; j < m; j++) users[j] = task.user(b + j);
      if (items > TILE && tiled(b, users)) return;
      if (buf == null) buf = new float[BLOCK * items];
      scorer.scoreAll(users, buf);
      for (int j = 0; j < m; j++) {
        int off = j * items;
        top.clear(users[j]);
        int[] excl = task.excluded(b + j);
        int e = 0;
        float floor = Float.NEGATIVE_INFINITY;
        for (int it = 0; it < items; it++) {
          if (e < excl.length && excl[e] == it) {
            e++;
            continue;
          }
          float s = buf[off + it];
          if (s < floor) continue;
          top.offer(it, s);
          floor = top.floor();
        }
        lists[b + j] = top.drain();
      }
    }

    /**
     * The same selection as the whole-catalog pass, {@value #TILE} items at a time through {@link
     * Scorer#scoreItemRange}, with one selector per user of the block; false when the scorer cannot
     * score ranges. Each user still sees every non-excluded item once, and the top k under (score,
     * tie order) does not depend on the order of the offers.
     */
    private boolean tiled(int b, int[] users) {
      int items = task.numItems(), m = users.length;
      if (tileBuf == null) tileBuf = new float[BLOCK * TILE];
      if (!scorer.scoreItemRange(users, 0, TILE, tileBuf)) return false;
      if (tops == null) {
        tops = new TopK[BLOCK];
        for (int j = 0; j < BLOCK; j++) tops[j] = new TopK(top.capacity());
      }
      int[] next = new int[m]; // per user: the position of its next excluded item
      for (int j = 0; j < m; j++) tops[j].clear(users[j]);
      for (int from = 0; from < items; from += TILE) {
        int to = Math.min(items, from + TILE), n = to - from;
        if (from > 0) scorer.scoreItemRange(users, from, to, tileBuf);
        for (int j = 0; j < m; j++) {
          TopK t = tops[j];
          int[] excl = task.excluded(b + j);
          int e = next[j], off = j * n - from;
          float floor = t.floor();
          for (int it = from; it < to; it++) {
            if (e < excl.length && excl[e] == it) {
              e++;
              continue;
            }
            float s = tileBuf[off + it];
            if (s < floor) continue;
            t.offer(it, s);
            floor = t.floor();
          }
          next[j] = e;
        }
      }
      for (int j = 0; j < m; j++) lists[b + j] = tops[j].drain();
      return true;
    }
  }

  /** Rating metrics (e.g. RMSE, MAE) of predictions for the given (user, item, rating) triples. */
  public static Map<String, Double> evaluatePoints(
      Scorer scorer, int[] users, int[] items, float[] targets, PointwiseMetric... metrics) {
    float[] pred = new float[users.length];
    scorer.scorePairs(users, items, pred);
    Map<String, Double> out = new LinkedHashMap<>();
    for (PointwiseMetric m : metrics) out.put(m.name(), m.compute(pred, targets));
    return out;
  }
}
