package org.rec4j.tensor;

import java.util.ArrayDeque;
import java.util.ArrayList;

/**
 * A per-thread arena that gives the training step a zero-allocation steady state: it pools the
 * float buffers and the graph objects ({@link Tensor}s and autograd {@link Node}s) that one step
 * creates.
 *
 * <p>While an arena is open on a thread, every tensor created on that thread by an op or a factory
 * that allocates a buffer ({@link Tensor#zeros}, {@link Tensor#scalar}, …) takes its buffer <em>and
 * its {@code Tensor} object</em> from the arena, as do reshape views and the nodes that ops record;
 * {@link Tensor#wrap}, {@link Tensor#copy} and {@link Tensor#detach} give ordinary heap objects.
 * After the first step has sized the pools, later steps of the same shapes allocate nothing.
 *
 * <p><b>Lifetime rule.</b> Everything the arena handed out belongs to the scope it was taken in.
 * Closing the {@link Scope} returns the buffers to the pool and empties the tensors and nodes (zero
 * elements, no graph) for reuse by the next scope. So a tensor produced inside a scope must not be
 * used after the scope closes: read what is needed before (e.g. {@code loss.item()}, or {@link
 * Tensor#copy()}). A stale reference reads as an empty tensor until its object is reused, after
 * which it shows a later tensor's contents. Parameters, their gradients and anything else that
 * outlives a step must be created outside any arena.
 *
 * <pre>{@code
 * Arena arena = new Arena();            // keep one per training thread
 * for (batch : batches) {
 *   try (Arena.Scope s = arena.open()) {
 *     Tensor loss = model.loss(batch);
 *     loss.backward();
 *     lossSum += loss.item();           // read before the scope closes
 *   }
 *   optimizer.step();
 * }
 * }</pre>
 */
public final class Arena {
  private static final ThreadLocal<Arena> CURRENT = new ThreadLocal<>();

  /**
   * Free buffers by length: an open-addressing int → deque map, so looking a length up boxes
   * nothing.
   */
  private int[] keys = new int[64];

  @SuppressWarnings("unchecked")
  private ArrayDeque<float[]>[] pools = new ArrayDeque[64];

  private int pooled;
  private long[] lastUse = new long[64];
  private long scopes;
  private long freeFloats;

  /**
   * Free floats kept beyond the last scope's own demand (system property {@code
   * rec4j.arenaSlackFloats}, default 64M floats = 256 MB): steps whose shapes vary (packed
   * sequences) fill a pool per size; past this slack, sizes the last scope did not use are dropped,
   * so memory stays bounded while fixed-shape steps (every pool used every scope) never lose one.
   */
  private static final long SLACK = Long.getLong("rec4j.arenaSlackFloats", 64L << 20);

  private long slack = SLACK;

  /** Sets the free floats kept beyond a scope's demand (tests). */
  void slackFloats(long floats) {
    this.slack = floats;
  }

  /** Floats currently held in the free pools. */
  long freeFloats() {
    return freeFloats;
  }

  private final Scope scope = new Scope();
  private final ArrayList<float[]> inUse = new ArrayList<>();
  private final Slots<Tensor> tensors = new Slots<>();
  private final Slots<Node> nodes = new Slots<>();
  private Arena previous;
  private boolean open;
  private long allocations;
  private long objects;

  /** The arena open on this thread, or {@code null}. */
  static Arena current() {
    return CURRENT.get();
  }

  /**
   * Opens this arena on the current thread; closing the scope releases every buffer taken since.
   */
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

  /** Number of tensor and node objects this arena has ever created (constant in a steady state). */
  public long objects() {
    return objects;
  }

  /** A zero-filled buffer of exactly {@code n} floats. */
  float[] take(int n) {
    ArrayDeque<float[]> q = pool(n, false);
    float[] b = q == null ? null : q.poll();
    if (b == null) {
      b = new float[n];
      allocations++;
    } else {
      freeFloats -= n;
      java.util.Arrays.fill(b, 0f);
    }
    inUse.add(b);
    return b;
  }

  /** A pooled tensor object over {@code data}. */
  Tensor tensor(float[] data, Shape shape) {
    Tensor t = tensors.next();
    if (t != null) {
      t.reset(data, shape);
      return t;
    }
    objects++;
    return tensors.add(new Tensor(data, shape));
  }

  /**
   * A pooled node for {@code op} with an inputs array of length {@code arity} for the caller to
   * fill.
   */
  Node node(Op op, int arity) {
    Node n = nodes.next();
    if (n != null) {
      n.reset(op, arity);
      return n;
    }
    objects++;
    return nodes.add(new Node(op, new Tensor[arity]));
  }

  private void release() {
    long demand = 0;
    for (int i = 0, m = inUse.size(); i < m; i++) {
      float[] b = inUse.get(i);
      pool(b.length, true).push(b);
      demand += b.length;
    }
    freeFloats += demand;
    inUse.clear();
    if (freeFloats > demand + slack) evictUnused();
    scopes++;
    for (int i = 0; i < tensors.used; i++) tensors.get(i).clear();
    for (int i = 0; i < nodes.used; i++) nodes.get(i).clear();
    tensors.used = 0;
    nodes.used = 0;
    CURRENT.set(previous);
    previous = null;
    open = false;
  }

  /** Drops the free buffers of every size the closing scope did not use. */
  private void evictUnused() {
    for (int h = 0; h < keys.length; h++) {
      ArrayDeque<float[]> q = pools[h];
      if (q == null || lastUse[h] == scopes) continue;
      freeFloats -= (long) keys[h] * q.size();
      q.clear();
    }
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
        lastUse[h] = scopes;
        pooled++;
        return pools[h];
      }
      if (keys[h] == n) {
        lastUse[h] = scopes;
        return pools[h];
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void grow() {
    int[] oldKeys = keys;
    long[] oldUse = lastUse;
    ArrayDeque<float[]>[] oldPools = pools;
    keys = new int[oldKeys.length * 2];
    lastUse = new long[oldKeys.length * 2];
    pools = new ArrayDeque[oldKeys.length * 2];
    int mask = keys.length - 1;
    for (int i = 0; i < oldKeys.length; i++) {
      if (oldPools[i] == null) continue;
      int h = mix(oldKeys[i]) & mask;
      while (pools[h] != null) h = (h + 1) & mask;
      keys[h] = oldKeys[i];
      lastUse[h] = oldUse[i];
      pools[h] = oldPools[i];
    }
  }

  private static int mix(int n) {
    int h = n * 0x9E3779B9;
    return h ^ (h >>> 16);
  }

  /**
   * Objects of this and earlier scopes, handed out again in the order they were created: the first
   * {@link #used} belong to the open scope.
   */
  private static final class Slots<T> {
    private Object[] items = new Object[64];
    int used;

    /**
     * The next pooled object (now in use), or {@code null} when the caller must create one and
     * {@link #add} it.
     */
    @SuppressWarnings("unchecked")
    T next() {
      return used < items.length && items[used] != null ? (T) items[used++] : null;
    }

    /** Pools a new object, in use from now on; returns it. */
    T add(T t) {
      if (used == items.length) items = java.util.Arrays.copyOf(items, 2 * items.length);
      items[used++] = t;
      return t;
    }

    @SuppressWarnings("unchecked")
    T get(int i) {
      return (T) items[i];
    }
  }

  /**
   * The open period of an arena; closing it returns all buffers, tensors and nodes taken since to
   * the pools.
   */
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
