package org.rec4j.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.SplittableRandom;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.tensor.kernel.Kernels;
import org.rec4j.tensor.kernel.Parallel;

/**
 * Single-threaded gemm GFLOP/s measured against the calling thread's CPU time instead of the wall
 * clock, for machines shared with other jobs: time the thread spends descheduled does not count, so
 * the figure tracks the kernel rather than the neighbours (caches disturbed by them still cost).
 * Prints one line per round; the best rounds are the kernel's speed once compiled. Not a JMH
 * benchmark.
 *
 * <pre>{@code
 * java --add-modules jdk.incubator.vector -cp rec4j-bench/target/rec4j-benchmarks.jar \
 *     org.rec4j.bench.GemmCpuTimeProbe M K N [NN|TN|NT|TT] [simd|scalar] [rounds]
 * }</pre>
 */
public final class GemmCpuTimeProbe {
  private GemmCpuTimeProbe() {}

  /** Runs the probe; see the class comment for the arguments. */
  public static void main(String[] args) {
    if (args.length < 3) {
      System.err.println("usage: GemmCpuTimeProbe M K N [NN|TN|NT|TT] [simd|scalar] [rounds]");
      System.exit(2);
    }
    int m = Integer.parseInt(args[0]);
    int k = Integer.parseInt(args[1]);
    int n = Integer.parseInt(args[2]);
    String op = args.length > 3 ? args[3] : "NN";
    boolean scalar = args.length > 4 && "scalar".equals(args[4]);
    int rounds = args.length > 5 ? Integer.parseInt(args[5]) : 15;
    Kernels kernels = scalar ? KernelProvider.scalar() : KernelProvider.simdOrNull();
    if (kernels == null) {
      throw new IllegalStateException(
          "SIMD kernels unavailable: add --add-modules jdk.incubator.vector");
    }
    Parallel.setThreads(1);
    boolean transA = op.charAt(0) == 'T';
    boolean transB = op.charAt(1) == 'T';
    SplittableRandom rnd = new SplittableRandom(7);
    float[] a = new float[m * k];
    float[] b = new float[k * n];
    float[] c = new float[m * n];
    for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
    for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextDouble(-1, 1);
    double flops = 2.0 * m * n * k;
    int reps = (int) Math.max(1, 2e8 / flops); // about 0.1 s of work per round at full speed
    ThreadMXBean mx = ManagementFactory.getThreadMXBean();
    for (int round = 0; round < rounds; round++) {
      long t0 = mx.getCurrentThreadCpuTime();
      for (int r = 0; r < reps; r++) {
        kernels.gemm(
            transA, transB, m, n, k, 1f, a, 0, transA ? m : k, b, 0, transB ? k : n, 0f, c, 0, n);
      }
      double seconds = (mx.getCurrentThreadCpuTime() - t0) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "%s %s %dx%dx%d round %d: %.1f GFLOP/s (thread CPU time)%n",
          kernels.name(),
          op,
          m,
          k,
          n,
          round,
          flops * reps / seconds / 1e9);
    }
  }
}
