package org.rec4j.eval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Runs a {@link RankingTask} or a rating/classification evaluation against a {@link Scorer}.
 *
 * <p>Ranking: users are split into contiguous shards, one per thread; each shard scores its users in blocks of
 * {@value #BLOCK} through {@link Scorer#scoreAll} (full protocol) or one {@link Scorer#scorePairs} call over the
 * block's candidate lists (sampled), skips excluded items, and selects the top {@code max(ks)} with a
 * {@link TopK} heap. Results are per user, so they do
 * not depend on the thread count.
 *
 * <p>Ties are broken by a hash salted with the user id ({@link TopK}): deterministic, and a model that ties
 * everything lands its held-out item at a random position rather than one favoured by item ids. NaN scores fail
 * the evaluation.
 */
public final class Evaluator {
  static final int BLOCK = 64;
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
    return new Evaluator(List.of(new HitRate(), new Ndcg(), new Precision(), new Recall(), new Mrr(), new AveragePrecision()), ks, threads);
  }

  /** Evaluates {@code scorer} on {@code task}. */
  public RankingResult evaluate(Scorer scorer, RankingTask task) {
    long t0 = System.nanoTime();
    int n = task.size();
    int maxK = 0;
    for (int k : ks) maxK = Math.max(maxK, k);
    int[][] lists = new int[n][];
    int shards = Math.max(1, Math.min(threads, (n + BLOCK - 1) / BLOCK));
    final int topK = maxK;
    if (shards == 1) {
      rankShard(scorer, task, 0, n, topK, lists);
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(shards, r -> {
        Thread t = new Thread(r, "rec4j-eval");
        t.setDaemon(true);
        return t;
      });
      try {
        List<Future<?>> fs = new ArrayList<>();
        for (int s = 0; s < shards; s++) {
          int from = (int) ((long) n * s / shards), to = (int) ((long) n * (s + 1) / shards);
          fs.add(pool.submit(() -> rankShard(scorer, task, from, to, topK, lists)));
        }
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

  private static void rankShard(Scorer scorer, RankingTask task, int from, int to, int k, int[][] lists) {
    TopK top = new TopK(k);
    if (task.isSampled()) {
      // one batched scorePairs call per block of users: (user, candidate) pairs laid end to end
      for (int b = from; b < to; b += BLOCK) {
        int end = Math.min(to, b + BLOCK), total = 0;
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
      return;
    }
    int items = task.numItems();
    float[] buf = new float[BLOCK * items];
    for (int b = from; b < to; b += BLOCK) {
      int m = Math.min(BLOCK, to - b);
      int[] users = new int[m];
      for (int j = 0; j < m; j++) users[j] = task.user(b + j);
      scorer.scoreAll(users, buf);
      for (int j = 0; j < m; j++) {
        int off = j * items;
        top.clear(users[j]);
        int[] excl = task.excluded(b + j);
        int e = 0;
        for (int it = 0; it < items; it++) {
          if (e < excl.length && excl[e] == it) {
            e++;
            continue;
          }
          top.offer(it, buf[off + it]);
        }
        lists[b + j] = top.drain();
      }
    }
  }

  /** Rating metrics (e.g. RMSE, MAE) of predictions for the given (user, item, rating) triples. */
  public static Map<String, Double> evaluatePoints(Scorer scorer, int[] users, int[] items, float[] targets, PointwiseMetric... metrics) {
    float[] pred = new float[users.length];
    scorer.scorePairs(users, items, pred);
    Map<String, Double> out = new LinkedHashMap<>();
    for (PointwiseMetric m : metrics) out.put(m.name(), m.compute(pred, targets));
    return out;
  }
}
