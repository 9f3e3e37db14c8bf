package org.rec4j.train;

/**
 * A worker thread that runs one task per mini-batch. Hand-off and completion are volatile flags checked with a
 * brief spin before parking: a mini-batch takes a few hundred microseconds, so waking a pooled thread through a
 * queue (tens of microseconds each way) would eat much of what splitting the batch gains.
 */
final class Lane extends Thread {
  private static final int SPINS = 20_000;
  private volatile Runnable task;
  private volatile boolean done = true;
  private volatile boolean stop;
  private volatile RuntimeException failure;
  private final Thread owner = Thread.currentThread();

  Lane(String name) {
    super(name);
    setDaemon(true);
  }

  void submit(Runnable r) {
    done = false;
    failure = null;
    task = r;
    java.util.concurrent.locks.LockSupport.unpark(this);
  }

  void await() {
    for (int i = 0; !done; i++) {
      if (i < SPINS) Thread.onSpinWait();
      else java.util.concurrent.locks.LockSupport.parkNanos(this, 50_000);
    }
    if (failure != null) throw failure;
  }

  void shutdown() {
    stop = true;
    java.util.concurrent.locks.LockSupport.unpark(this);
  }

  @Override
  public void run() {
    while (!stop) {
      Runnable r = task;
      if (r == null) {
        for (int i = 0; i < SPINS && task == null && !stop; i++) Thread.onSpinWait();
        if (task == null && !stop) java.util.concurrent.locks.LockSupport.park(this);
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
