package org.rec4j.tensor.kernel;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Multi-threaded gemm must give exactly the single-threaded result (row blocks are independent and
 * each row is computed in the same order), for both providers and all transpose combinations.
 */
class ParallelGemmTest {
  private int threads;
  private long minFlops;

  @BeforeEach
  void save() {
    threads = Parallel.threads();
    minFlops = Parallel.minParallelFlops();
  }

  @AfterEach
  void restore() {
    Parallel.setThreads(threads);
    Parallel.setMinParallelFlops(minFlops);
  }

  private static List<Kernels> providers() {
    List<Kernels> all = new ArrayList<>(List.of(ScalarKernels.INSTANCE));
    Kernels simd = KernelProvider.simdOrNull();
    if (simd != null) all.add(simd);
    return all;
  }

  @Test
  void multiThreadedEqualsSingleThreaded() {
    multiThreadedEqualsSingleThreaded(190);
  }

  @Test
  void multiThreadedMatrixVectorEqualsSingleThreaded() { // n = 1 splits its row dot products over
    // the pool
    multiThreadedEqualsSingleThreaded(1);
  }

  private static void multiThreadedEqualsSingleThreaded(int n) {
    int m = 300;
    int k = 257;
    long seed = 42;
    SplittableRandom rnd = new SplittableRandom(seed);
    float[] a = SimdKernelsTest.random(rnd, m * k);
    float[] b = SimdKernelsTest.random(rnd, k * n);
    float[] c0 = SimdKernelsTest.random(rnd, m * n);
    Parallel.setMinParallelFlops(0);
    for (Kernels kernels : providers()) {
      for (int t = 0; t < 4; t++) {
        boolean transA = t >= 2;
        boolean transB = (t & 1) == 1;
        int lda = transA ? m : k;
        int ldb = transB ? k : n;
        Parallel.setThreads(1);
        float[] single = c0.clone();
        kernels.gemm(transA, transB, m, n, k, 0.75f, a, 5, lda, b, 5, ldb, 0.5f, single, 5, n);
        for (int threadCount : new int[] {2, 3}) {
          Parallel.setThreads(threadCount);
          float[] multi = c0.clone();
          kernels.gemm(transA, transB, m, n, k, 0.75f, a, 5, lda, b, 5, ldb, 0.5f, multi, 5, n);
          assertArrayEquals(
              single,
              multi,
              kernels.name()
                  + " threads="
                  + threadCount
                  + " transA="
                  + transA
                  + " transB="
                  + transB
                  + " seed="
                  + seed);
        }
      }
    }
  }

  @Test
  void forRowsCoversEveryRowOnce() {
    Parallel.setThreads(3);
    for (int rows : new int[] {1, 5, 6, 7, 100, 301}) {
      for (int align : new int[] {1, 6}) {
        AtomicIntegerArray seen = new AtomicIntegerArray(rows);
        Parallel.forRows(
            rows,
            align,
            (from, to) -> {
              for (int i = from; i < to; i++) seen.incrementAndGet(i);
            });
        for (int i = 0; i < rows; i++) {
          if (seen.get(i) != 1)
            throw new AssertionError("rows=" + rows + " align=" + align + " row " + i);
        }
      }
    }
  }

  @Test
  void forRowsRunsChunksOnPoolWorkers() {
    Parallel.setThreads(2);
    Set<String> names = ConcurrentHashMap.newKeySet();
    Parallel.forRows(
        8,
        1,
        (from, to) -> {
          names.add(Thread.currentThread().getName());
          try {
            Thread.sleep(50); // long enough that the worker wakes up and takes a chunk
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
    assertEquals(2, names.size(), "threads that ran chunks: " + names);
    assertTrue(names.stream().anyMatch(n -> n.startsWith("rec4j-kernel-")), names.toString());
  }

  @Test
  void aThreadMarkedSerialNeverSplitsAndTheMarkIsPerThread() throws Exception {
    Parallel.setThreads(2);
    Parallel.setMinParallelFlops(0);
    assertTrue(Parallel.worthSplitting(1_000_000, 64, 1));
    boolean before = Parallel.serialOnThisThread(true);
    try {
      assertTrue(!before);
      assertTrue(
          !Parallel.worthSplitting(1_000_000, 64, 1),
          "a data-parallel worker keeps its kernels to itself");
      boolean[] other = new boolean[1];
      Thread t = new Thread(() -> other[0] = Parallel.worthSplitting(1_000_000, 64, 1));
      t.start();
      t.join();
      assertTrue(other[0], "another thread is not marked");
      // results do not depend on the mark: the serial path is the same row-ordered computation
      SplittableRandom rnd = new SplittableRandom(3);
      float[] a = SimdKernelsTest.random(rnd, 40 * 30), b = SimdKernelsTest.random(rnd, 30 * 20);
      for (Kernels kernels : providers()) {
        float[] serial = new float[40 * 20];
        kernels.gemm(false, false, 40, 20, 30, 1f, a, 0, 30, b, 0, 20, 0f, serial, 0, 20);
        Parallel.serialOnThisThread(false);
        float[] split = new float[40 * 20];
        kernels.gemm(false, false, 40, 20, 30, 1f, a, 0, 30, b, 0, 20, 0f, split, 0, 20);
        Parallel.serialOnThisThread(true);
        assertArrayEquals(serial, split, kernels.name());
      }
    } finally {
      Parallel.serialOnThisThread(before);
    }
    assertTrue(Parallel.worthSplitting(1_000_000, 64, 1), "mark restored");
  }

  @Test
  void rejectsBadThreadCount() {
    assertThrows(IllegalArgumentException.class, () -> Parallel.setThreads(0));
  }

  @Test
  void gemmRejectsShortLeadingDimension() {
    float[] x = new float[64];
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ScalarKernels.INSTANCE.gemm(false, false, 4, 4, 4, 1f, x, 0, 3, x, 0, 4, 0f, x, 0, 4));
  }
}
