package org.rec4j.bench;

import java.lang.management.ManagementFactory;
import org.rec4j.train.Trainer;
import org.rec4j.train.TrainingListener;

/**
 * Heap bytes allocated per mini-batch in the steady state of the training loop: the JVM's running
 * total of bytes allocated by all threads (the trainer's and its workers') is read after the first
 * and after the last batch of each epoch, so negative sampling, shuffling and validation (outside
 * that window) do not count. The figure of the last epoch is kept; 0 means the batch loop allocated
 * nothing on the heap.
 */
final class AllocationProbe implements TrainingListener {
  private final com.sun.management.ThreadMXBean threads;
  private long atFirstBatch = -1;
  private double bytesPerBatch = Double.NaN;

  AllocationProbe() {
    var bean = ManagementFactory.getThreadMXBean();
    threads =
        bean instanceof com.sun.management.ThreadMXBean t && t.isThreadAllocatedMemorySupported()
            ? t
            : null;
    if (threads != null && !threads.isThreadAllocatedMemoryEnabled())
      threads.setThreadAllocatedMemoryEnabled(true);
  }

  @Override
  public void onBatchEnd(Trainer.Context ctx, int epoch, int batch, int batches, float loss) {
    if (threads == null) return;
    if (batch == 1) {
      atFirstBatch = threads.getTotalThreadAllocatedBytes();
    } else if (batch == batches && atFirstBatch >= 0) {
      long now = threads.getTotalThreadAllocatedBytes();
      if (now >= 0) bytesPerBatch = (now - atFirstBatch) / (double) (batches - 1);
      atFirstBatch = -1;
    }
  }

  /** Bytes per batch in the last completed epoch (NaN if not measurable). */
  double bytesPerBatch() {
    return bytesPerBatch;
  }
}
