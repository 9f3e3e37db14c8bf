package org.rec4j.tensor;

/**
 * The packed-sequence convention of the sequence ops ({@link NnOps#gru}, {@link
 * IndexOps#sequenceLast}) and the time-major schedule the recurrence runs on.
 *
 * <p><b>Convention.</b> A batch of B sequences is packed into the rows of a {@code [T, d]} tensor,
 * sequence b occupying rows {@code offsets[b] .. offsets[b+1] − 1}, oldest first; {@code offsets}
 * has B + 1 entries, starts at 0, never decreases (empty sequences are allowed) and ends at T.
 *
 * <p><b>Schedule.</b> To advance every sequence that is still running by one step with a single
 * matrix product, the recurrence visits tokens in time-major order with the sequences sorted by
 * length, longest first (stably): step t processes the {@link #batch batch[t]} sequences longer
 * than t, which are the first {@code batch[t]} of {@link #order}, as time-major rows {@code
 * start[t] .. start[t] + batch[t] − 1}. Because the sequences still running at step t + 1 are a
 * prefix of those running at step t, the previous hidden states of step t + 1 are a contiguous
 * prefix of step t's rows (the layout of cuDNN's and PyTorch's packed sequences). Token k of step t
 * is packed row {@code offsets[order[k]] + t}.
 *
 * <p>A schedule lives in per-thread arrays that grow once and are reused, so computing one
 * allocates nothing in a steady state; it stays valid until the next {@link #of} on the same
 * thread.
 */
final class PackedSequences {
  private static final ThreadLocal<PackedSequences> SCRATCH =
      ThreadLocal.withInitial(PackedSequences::new);

  /** Non-empty sequences, longest first (ties in batch order); the first {@link #active} count. */
  int[] order = new int[16];

  /** {@code batch[t]}: number of sequences longer than t, for t &lt; {@link #steps}. */
  int[] batch = new int[16];

  /**
   * {@code start[t]}: the first time-major row of step t, for t ≤ {@link #steps} ({@code
   * start[steps] = T}).
   */
  int[] start = new int[17];

  private int[] count = new int[17];

  /** The longest sequence's length. */
  int steps;

  /** Number of non-empty sequences ({@code batch[0]}, or 0). */
  int active;

  private PackedSequences() {}

  /**
   * Fails with a one-line {@link IllegalArgumentException} naming {@code op} unless {@code offsets}
   * packs sequences into exactly {@code rows} rows.
   */
  static void check(String op, int[] offsets, int rows) {
    if (offsets == null || offsets.length == 0) {
      throw new IllegalArgumentException(
          op
              + ": offsets must have B + 1 >= 1 entries (0, then the end row of each sequence), got "
              + (offsets == null ? "null" : "an empty array"));
    }
    if (offsets[0] != 0)
      throw new IllegalArgumentException(op + ": offsets[0] must be 0, got " + offsets[0]);
    for (int b = 1; b < offsets.length; b++) {
      if (offsets[b] < offsets[b - 1]) {
        throw new IllegalArgumentException(
            op
                + ": offsets must be non-decreasing, got offsets["
                + b
                + "] = "
                + offsets[b]
                + " after offsets["
                + (b - 1)
                + "] = "
                + offsets[b - 1]);
      }
    }
    int last = offsets[offsets.length - 1];
    if (last != rows) {
      throw new IllegalArgumentException(
          op
              + ": offsets must end at T = "
              + rows
              + " (the rows of the packed input), got offsets["
              + (offsets.length - 1)
              + "] = "
              + last);
    }
  }

  /**
   * The schedule of {@code offsets} (already {@linkplain #check checked}), in this thread's
   * scratch.
   */
  static PackedSequences of(int[] offsets) {
    PackedSequences s = SCRATCH.get();
    s.build(offsets);
    return s;
  }

  private void build(int[] offsets) {
    int sequences = offsets.length - 1;
    int longest = 0;
    for (int b = 0; b < sequences; b++) longest = Math.max(longest, offsets[b + 1] - offsets[b]);
    steps = longest;
    if (order.length < sequences) order = new int[Math.max(sequences, 2 * order.length)];
    if (batch.length < longest + 1) {
      int n = Math.max(longest + 1, 2 * batch.length);
      batch = new int[n];
      start = new int[n + 1];
      count = new int[n + 1];
    }
    java.util.Arrays.fill(count, 0, longest + 1, 0);
    for (int b = 0; b < sequences; b++) count[offsets[b + 1] - offsets[b]]++;
    // batch[t] = #{len > t}; a sequence of length l ≥ 1 goes after all longer ones, at batch[l]
    batch[longest] = 0;
    for (int t = longest - 1; t >= 0; t--) batch[t] = batch[t + 1] + count[t + 1];
    active = batch[0];
    for (int l = 1; l <= longest; l++) count[l] = batch[l]; // next free position for length l
    for (int b = 0; b < sequences; b++) {
      int len = offsets[b + 1] - offsets[b];
      if (len > 0) order[count[len]++] = b;
    }
    start[0] = 0;
    for (int t = 0; t < longest; t++) start[t + 1] = start[t] + batch[t];
  }
}
