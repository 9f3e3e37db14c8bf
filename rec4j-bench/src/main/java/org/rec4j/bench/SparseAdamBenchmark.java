package org.rec4j.bench;

import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.rec4j.nn.Parameter;
import org.rec4j.optim.Adam;
import org.rec4j.tensor.Arena;
import org.rec4j.tensor.IndexOps;
import org.rec4j.tensor.ReduceOps;
import org.rec4j.tensor.Rng;
import org.rec4j.tensor.Tensor;

/**
 * Embedding gather + sparse backward + lazy Adam on the touched rows — the sparse side of a
 * recommender step. One operation is one row (a batch of {@value #BATCH} random ids into a
 * 100,000-row table), so the score is rows/s.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(
    value = 1,
    jvmArgsAppend = {"--add-modules", "jdk.incubator.vector", "-XX:+UseParallelGC"})
public class SparseAdamBenchmark {
  static final int BATCH = 256;
  static final int ROWS = 100_000;

  @Param({"8", "32", "64"})
  int dim;

  @Param({"true", "false"})
  boolean catchUp;

  private Parameter table;
  private Adam adam;
  private final int[] ids = new int[BATCH];
  private final Rng rng = new Rng(3);
  private final Arena arena = new Arena();

  @Setup(Level.Trial)
  public void setup() {
    table = new Parameter("table", Tensor.randn(new Rng(1), 0.01f, ROWS, dim), true);
    adam = new Adam(List.of(table), Adam.Config.defaults(1e-3));
    adam.catchUpSkippedRows(catchUp);
  }

  @Benchmark
  @OperationsPerInvocation(BATCH)
  public float gatherBackwardAdam() {
    for (int i = 0; i < BATCH; i++) ids[i] = rng.nextInt(ROWS);
    float loss;
    try (Arena.Scope s = arena.open()) {
      Tensor l = ReduceOps.sum(IndexOps.embedding(table.value(), ids));
      l.backward();
      loss = l.item();
      adam.step();
      adam.zeroGrad();
    }
    return loss;
  }
}
