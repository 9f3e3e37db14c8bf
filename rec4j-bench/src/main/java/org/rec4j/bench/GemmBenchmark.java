package org.rec4j.bench;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rec4j.tensor.kernel.KernelProvider;
import org.rec4j.tensor.kernel.Kernels;
import org.rec4j.tensor.kernel.Parallel;

/**
 * Dense matrix multiply throughput, C = op(A)·op(B), reported as GFLOP/s (2·m·n·k flops per call)
 * in the {@code gflop} secondary result; {@code gflopDone} and {@code cpuSeconds} give the work and
 * the process CPU time behind it (see {@link CpuFlops}).
 *
 * <p>{@code shape} is {@code MxKxN}: an M×K times K×N product; {@code op} picks the transposes as
 * in BLAS ({@code NN} forward, {@code TN} = Aᵀ·B weight gradient, {@code NT} = A·Bᵀ input
 * gradient). {@code kernels} is {@code scalar} or {@code simd}; {@code threads} sets {@link
 * Parallel#setThreads(int)}. Products below {@link Parallel#minParallelFlops()} run on one thread
 * whatever {@code threads} says; to force the parallel path on small shapes, run with {@code
 * -jvmArgsAppend "--add-modules jdk.incubator.vector -Drec4j.parallelFlops=0"} (a command-line
 * {@code -jvmArgsAppend} replaces the one in {@link Fork}, so it must repeat the module flag).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class GemmBenchmark {
  @Param({"256x64x32", "1024x1024x1024"})
  public String shape;

  @Param({"scalar", "simd"})
  public String kernels;

  @Param({"1", "2"})
  public int threads;

  @Param({"NN"})
  public String op;

  private Kernels k;
  private int m;
  private int n;
  private int kk;
  private float[] a;
  private float[] b;
  private float[] c;
  private boolean transA;
  private boolean transB;

  /** Picks the kernels and thread count and fills A and B with seeded random values. */
  @Setup
  public void setUp() {
    String[] dims = shape.split("x");
    m = Integer.parseInt(dims[0]);
    kk = Integer.parseInt(dims[1]);
    n = Integer.parseInt(dims[2]);
    transA = op.charAt(0) == 'T';
    transB = op.charAt(1) == 'T';
    k = "scalar".equals(kernels) ? KernelProvider.scalar() : KernelProvider.simdOrNull();
    if (k == null) {
      throw new IllegalStateException(
          "SIMD kernels unavailable: run with --add-modules jdk.incubator.vector");
    }
    Parallel.setThreads(threads);
    SplittableRandom rnd = new SplittableRandom(7);
    a = new float[m * kk];
    b = new float[kk * n];
    c = new float[m * n];
    for (int i = 0; i < a.length; i++) a[i] = (float) rnd.nextDouble(-1, 1);
    for (int i = 0; i < b.length; i++) b[i] = (float) rnd.nextDouble(-1, 1);
  }

  /** One product C = op(A)·op(B). */
  @Benchmark
  public float[] matmul(Flops flops, CpuFlops cpu) {
    k.gemm(transA, transB, m, n, kk, 1f, a, 0, transA ? m : kk, b, 0, transB ? kk : n, 0f, c, 0, n);
    double gflop = 2e-9 * m * n * kk;
    flops.gflop += gflop;
    cpu.gflopDone += gflop;
    return c;
  }
}
