package org.rec4j.bench;

import java.lang.management.ManagementFactory;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * JMH counters of floating-point work and of CPU time used by the whole JVM (all threads), reported
 * as the secondary results {@code :gflopDone} and {@code :cpuSeconds}; JMH sums both over the
 * measurement iterations, so {@code gflopDone / cpuSeconds} is GFLOP per CPU-second. On a machine
 * shared with other jobs the wall-clock GFLOP/s mostly measures how much CPU the benchmark was
 * given; this ratio measures how well the CPU it got was used. For a multi-threaded kernel,
 * wall-clock speed on an idle machine is about threads × this ratio (spin-waiting counts as CPU
 * used, so poor scaling shows up here). JIT and GC threads are included, which makes it slightly
 * pessimistic.
 */
@State(Scope.Thread)
@AuxCounters(AuxCounters.Type.EVENTS)
public class CpuFlops {
  private static final com.sun.management.OperatingSystemMXBean OS =
      (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

  /** GFLOP done in this iteration. */
  public double gflopDone;

  private long cpuStart;

  /** Starts the CPU clock for an iteration. */
  @Setup(Level.Iteration)
  public void start() {
    gflopDone = 0;
    cpuStart = OS.getProcessCpuTime();
  }

  /** Seconds of process CPU time used since this iteration started. */
  public double cpuSeconds() {
    return (OS.getProcessCpuTime() - cpuStart) / 1e9;
  }
}
