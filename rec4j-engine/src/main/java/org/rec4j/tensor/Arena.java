package org.rec4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;

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
  /** Free buffers by length: an open-addressing int → deque map, so looking a length up boxes nothing. */
  private int[] keys = new int[64];
  @SuppressWarnings("unchecked")
  private ArrayDeque<float[]>[] pools = new ArrayDeque[64];
  private int pooled;
  private final Scope scope = new Scope();
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
    return scope;
  }

  /** Number of float arrays this arena has ever allocated (constant in a steady state). */
  public long allocations() {
    return allocations;
  }

  /** A zero-filled buffer of exactly {@code n} floats. */
  float[] take(int n) {
    ArrayDeque<float[]> q = pool(n, false);
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
    for (int i = 0, m = inUse.size(); i < m; i++) {
      float[] b = inUse.get(i);
      pool(b.length, true).push(b);
    }
    inUse.clear();
    CURRENT.set(previous);
    previous = null;
    open = false;
  }

  /** The free list for buffers of length {@code n} (created when {@code create}), or null. */
  private ArrayDeque<float[]> pool(int n, boolean create) {
    int mask = keys.length - 1;
    for (int h = mix(n) & mask; ; h = (h + 1) & mask) {
      if (pools[h] == null) {
        if (!create) return null;
        if (2 * (pooled + 1) > keys.length) {
          grow();
          return pool(n, true);
        }
        keys[h] = n;
        pools[h] = new ArrayDeque<>();
        pooled++;
        return pools[h];
      }
      if (keys[h] == n) return pools[h];
    }
  }

  @SuppressWarnings("unchecked")
  private void grow() {
    int[] oldKeys = keys;
    ArrayDeque<float[]>[] oldPools = pools;
    keys = new int[oldKeys.length * 2];
    pools = new ArrayDeque[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldPools[i] == null) continue;
      int h = mix(oldKeys[i]) & mask;
      while (pools[h] != null) h = (h + 1) & mask;
      keys[h] = oldKeys[i];
      pools[h] = oldPools[i];
    }
  }

  private static int mix(int n) {
    int h = n * 0x9E3779B9;
    return h ^ (h >>> 16);
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
