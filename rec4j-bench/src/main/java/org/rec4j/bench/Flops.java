package org.rec4j.bench;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * A JMH counter of floating-point work: benchmarks add the GFLOP each call does, and JMH reports
 * the total per second as the secondary result {@code :gflop}, i.e. in GFLOP/s.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.OPERATIONS)
public class Flops {
  /** Billions of floating-point operations done in this iteration. */
  public double gflop;

  /** Resets the counter before each iteration. */
  @Setup(Level.Iteration)
  public void reset() {
    gflop = 0;
  }
}
