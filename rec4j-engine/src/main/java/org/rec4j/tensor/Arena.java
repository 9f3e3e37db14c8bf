package org.rec4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Map;

/**
 * A per-thread buffer arena that gives the training step a zero-allocation steady state for its float buffers.
 *
 * <p>While an arena is open on a thread, every tensor buffer created on that thread (op outputs, activation
 * gradients, tensors from factories) is taken from the arena's pool and returned to it when the arena closes. After
 * the first step has sized the pool, later steps of the same shapes allocate no float arrays. Parameters and their
 * gradients must be created outside any arena (they outlive steps). Values needed after {@link #close()} must be
 * read before it (e.g. {@code loss.item()}), since the buffers are reused.
 *
 * <pre>{@code
 * Arena arena = new Arena();            // keep one per training thread
 * for (batch : batches) {
 *   try (Arena.Scope s = arena.open()) {
 *     Tensor loss = model.loss(batch);
 *     loss.backward();
 *     optimizer.step();
 *   }
 * }
 * }</pre>
 */
public final class Arena {
  private static final ThreadLocal<Arena> CURRENT = new ThreadLocal<>();
  private final Map<Integer, ArrayDeque<float[]>> free = new HashMap<>();
  private final ArrayList<float[]> inUse = new ArrayList<>();
  private Arena previous;
  private boolean open;
  private long allocations;

  /** The arena open on this thread, or {@code null}. */
  static Arena current() {
    return CURRENT.get();
  }

  /** Opens this arena on the current thread; closing the scope releases every buffer taken since. */
  public Scope open() {
    if (open) throw new IllegalStateException("arena is already open");
    open = true;
    previous = CURRENT.get();
    CURRENT.set(this);
    return new Scope();
  }

  /** Number of float arrays this arena has ever allocated (constant in a steady state). */
  public long allocations() {
    return allocations;
  }

  /** A zero-filled buffer of exactly {@code n} floats. */
  float[] take(int n) {
    ArrayDeque<float[]> q = free.get(n);
    float[] b = q == null ? null : q.poll();
    if (b == null) {
      b = new float[n];
      allocations++;
    } else {
      java.util.Arrays.fill(b, 0f);
    }
    inUse.add(b);
    return b;
  }

  private void release() {
    for (float[] b : inUse) free.computeIfAbsent(b.length, k -> new ArrayDeque<>()).push(b);
    inUse.clear();
    CURRENT.set(previous);
    previous = null;
    open = false;
  }

  /** The open period of an arena; closing it returns all buffers to the pool. */
  public final class Scope implements AutoCloseable {
    private Scope() {}

    @Override
    public void close() {
      release();
    }
  }

  /** Allocates a zeroed buffer from the current arena, or from the heap when none is open. */
  static float[] alloc(int n) {
    Arena a = CURRENT.get();
    return a == null ? new float[n] : a.take(n);
  }
}
