package org.rec4j.train;

/**
 * A worker thread that runs one task per mini-batch. Hand-off and completion are volatile flags
 * checked with a brief spin before parking: a mini-batch takes a few hundred microseconds, so
 * waking a pooled thread through a queue (tens of microseconds each way) would eat much of what
 * splitting the batch gains.
 *
 * <p>The spin is adaptive ({@link #nextSpins}): each side (the owner waiting for completion, the
 * lane waiting for work) halves its spin budget whenever a wait outlasts the spin and had to park,
 * and doubles it back when a wait ends while still spinning. On an idle machine waits end within
 * the spin and the budget stays at {@link #MAX_SPINS}; when the cores are oversubscribed (other
 * processes, more threads than cores) the partner thread is often descheduled, a fixed
 * 20,000-iteration spin only burned the time slice it needed, and two-thread training ran up to 10×
 * slower than one thread — the budget now falls to {@link #MIN_SPINS} within a few batches.
 */
public final class Lane extends Thread {
  static final int MAX_SPINS = 20_000;
  static final int MIN_SPINS = 64;
  private int awaitSpins = MAX_SPINS; // owner side
  private int idleSpins = MAX_SPINS; // lane side
  private volatile Runnable task;
  private volatile boolean done = true;
  private volatile boolean stop;
  private volatile RuntimeException failure;
  private final Thread owner = Thread.currentThread();

  /** A daemon lane named {@code name}; {@link #start()} it before the first {@link #submit}. */
  public Lane(String name) {
    super(name);
    setDaemon(true);
  }

  /** Hands {@code r} to the lane (the previous task must have been awaited). */
  public void submit(Runnable r) {
    done = false;
    failure = null;
    task = r;
    java.util.concurrent.locks.LockSupport.unpark(this);
  }

  /** Waits for the submitted task; rethrows its runtime exception. */
  public void await() {
    int spins = awaitSpins, i = 0;
    for (; !done; i++) {
      if (i < spins) Thread.onSpinWait();
      else java.util.concurrent.locks.LockSupport.parkNanos(this, 50_000);
    }
    awaitSpins = nextSpins(spins, i <= spins);
    if (failure != null) throw failure;
  }

  /**
   * The next spin budget: doubled (up to MAX) after a wait that ended while spinning, else halved
   * (down to MIN).
   */
  static int nextSpins(int spins, boolean endedWhileSpinning) {
    return endedWhileSpinning ? Math.min(MAX_SPINS, spins * 2) : Math.max(MIN_SPINS, spins / 2);
  }

  /** Stops the lane after its current task. */
  public void shutdown() {
    stop = true;
    java.util.concurrent.locks.LockSupport.unpark(this);
  }

  @Override
  public void run() {
    org.rec4j.tensor.kernel.Parallel.serialOnThisThread(
        true); // the other lanes hold the other cores
    while (!stop) {
      Runnable r = task;
      if (r == null) {
        int spins = idleSpins, i = 0;
        for (; i < spins && task == null && !stop; i++) Thread.onSpinWait();
        boolean parked = task == null && !stop;
        if (parked) java.util.concurrent.locks.LockSupport.park(this);
        idleSpins = nextSpins(spins, !parked);
        continue;
      }
      task = null;
      try {
        r.run();
      } catch (RuntimeException e) {
        failure = e;
      } finally {
        done = true;
        java.util.concurrent.locks.LockSupport.unpark(owner);
      }
    }
  }
}
