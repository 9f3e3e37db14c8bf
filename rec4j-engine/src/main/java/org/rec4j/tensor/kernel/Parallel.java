package org.rec4j.tensor.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The engine's shared compute pool: a daemon {@link ForkJoinPool} sized to the cores, used by
 * kernels that split a large problem into a few coarse tasks (for example gemm over blocks of
 * output rows).
 *
 * <p>The thread count comes from the system property {@code rec4j.threads} (default {@link
 * Runtime#availableProcessors()}) and can be changed with {@link #setThreads(int)}. With {@code n}
 * threads the pool holds {@code n - 1} workers: the calling thread always does a share of the work
 * itself. A caller waits for the other shares with a brief spin and then parks.
 *
 * <p>Problems below {@link #minParallelFlops()} floating-point operations (system property {@code
 * rec4j.parallelFlops}, default 2 MFLOP) run on the calling thread only, since waking workers costs
 * more than it saves there: forcing the (256×64)·(64×32) product of an MLP layer onto 2 threads
 * made it 5× slower.
 *
 * <p>A thread that is itself one of several data-parallel workers (the trainer's lanes) marks
 * itself {@linkplain #serialOnThisThread serial}: its kernels then never split, because the cores
 * are already busy with the other workers — nested splitting oversubscribed a 2-core machine and
 * made 2-lane training of a wide MLP 1.5× slower than 1 lane.
 */
public final class Parallel {
  /** Default minimum work (in flops) before a kernel is split across threads: 2 MFLOP. */
  static final long DEFAULT_MIN_PARALLEL_FLOPS = 2L << 20;

  private static final int SPINS = 2_000;

  private static volatile int threads = initialThreads();
  private static volatile ForkJoinPool pool;
  private static volatile long minParallelFlops =
      Long.getLong("rec4j.parallelFlops", DEFAULT_MIN_PARALLEL_FLOPS);

  /** A body run over a half-open range of rows [from, to). */
  @FunctionalInterface
  interface RangeTask {
    void run(int from, int to);
  }

  private Parallel() {}

  /** Per thread: whether its kernels must run on it alone (see {@link #serialOnThisThread}). */
  private static final ThreadLocal<boolean[]> SERIAL =
      ThreadLocal.withInitial(() -> new boolean[1]);

  /**
   * Marks the calling thread as one of several parallel workers ({@code true}: its kernels never
   * split) or clears the mark; returns the previous setting so a caller can restore it.
   */
  public static boolean serialOnThisThread(boolean serial) {
    boolean[] flag = SERIAL.get();
    boolean before = flag[0];
    flag[0] = serial;
    return before;
  }

  /** The number of threads kernels may use, at least 1. */
  public static int threads() {
    return threads;
  }

  /**
   * Sets the number of threads kernels may use (1 disables multi-threading). Later calls take
   * effect for kernels started afterwards; the previous pool is shut down once its tasks finish.
   *
   * @throws IllegalArgumentException if {@code n < 1}
   */
  public static synchronized void setThreads(int n) {
    if (n < 1) throw new IllegalArgumentException("threads must be >= 1, got " + n);
    if (n == threads) return;
    ForkJoinPool old = pool;
    pool = null;
    threads = n;
    if (old != null) old.shutdown();
  }

  /** The minimum work, in floating-point operations, before a kernel is split across threads. */
  public static long minParallelFlops() {
    return minParallelFlops;
  }

  /**
   * Lowers or raises the parallel threshold; tests use it to force the multi-threaded path on small
   * shapes.
   */
  static void setMinParallelFlops(long flops) {
    if (flops < 0) throw new IllegalArgumentException("flops must be >= 0, got " + flops);
    minParallelFlops = flops;
  }

  /**
   * Whether a problem of {@code flops} work and {@code rows} rows (aligned to {@code align}) is
   * worth splitting.
   */
  static boolean worthSplitting(long flops, int rows, int align) {
    return threads > 1 && flops >= minParallelFlops && rows >= 2 * align && !SERIAL.get()[0];
  }

  /**
   * Runs {@code task} over [0, rows) split into coarse chunks whose sizes are multiples of {@code
   * align} (except the last). Chunks are handed out dynamically to the calling thread and {@code
   * threads() - 1} pool workers, so a slow core does not hold the others back. Returns when every
   * chunk is done; rethrows the first failure.
   */
  static void forRows(int rows, int align, RangeTask task) {
    int t = threads;
    int units = (rows + align - 1) / align;
    int chunks = Math.min(units, t * 2);
    if (t == 1 || chunks < 2) {
      task.run(0, rows);
      return;
    }
    int unitsPerChunk = (units + chunks - 1) / chunks;
    int chunkRows = unitsPerChunk * align;
    int nChunks = (rows + chunkRows - 1) / chunkRows;
    AtomicInteger next = new AtomicInteger();
    Runnable worker =
        () -> {
          for (int c; (c = next.getAndIncrement()) < nChunks; ) {
            int from = c * chunkRows;
            task.run(from, Math.min(rows, from + chunkRows));
          }
        };
    int helpers = Math.min(t, nChunks) - 1;
    ForkJoinPool p = pool();
    ForkJoinTask<?>[] forks = new ForkJoinTask<?>[helpers];
    for (int i = 0; i < helpers; i++) {
      try {
        forks[i] = p.submit(worker);
      } catch (RejectedExecutionException e) {
        break; // the pool was replaced by setThreads meanwhile: the caller's own loop takes the
        // remaining chunks
      }
    }
    worker.run();
    for (ForkJoinTask<?> f : forks) {
      if (f != null) await(f);
    }
  }

  private static void await(ForkJoinTask<?> f) {
    for (int i = 0; i < SPINS && !f.isDone(); i++) Thread.onSpinWait();
    f.join();
  }

  private static ForkJoinPool pool() {
    ForkJoinPool p = pool;
    if (p != null) return p;
    synchronized (Parallel.class) {
      if (pool == null) pool = newPool(Math.max(1, threads - 1));
      return pool;
    }
  }

  private static ForkJoinPool newPool(int workers) {
    AtomicInteger id = new AtomicInteger();
    ForkJoinPool.ForkJoinWorkerThreadFactory factory =
        fj -> {
          ForkJoinWorkerThread w = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(fj);
          w.setName("rec4j-kernel-" + id.incrementAndGet());
          w.setDaemon(true);
          return w;
        };
    return new ForkJoinPool(workers, factory, null, false);
  }

  private static int initialThreads() {
    int n = Integer.getInteger("rec4j.threads", Runtime.getRuntime().availableProcessors());
    return Math.max(1, n);
  }
}
