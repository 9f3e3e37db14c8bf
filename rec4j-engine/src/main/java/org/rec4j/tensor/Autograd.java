package org.rec4j.tensor;

/**
 * Reverse-mode differentiation over the graph of {@link Node}s, and the {@code noGrad} switch.
 *
 * <p>{@link #backward} orders the graph topologically (iterative depth-first search from the root,
 * so deep graphs do not overflow the stack), seeds the root's gradient, then visits nodes from the
 * root back to the leaves and lets {@link Gradients#backward} accumulate each node's contribution
 * into its inputs. Gradients accumulate and are never overwritten, so a tensor used twice receives
 * both contributions. The traversal reuses per-thread scratch arrays, and nodes come from the open
 * {@link Arena} if any, so a steady-state step records and back-propagates its graph without
 * allocating.
 */
public final class Autograd {
  private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);
  private static final ThreadLocal<Walk> WALK = ThreadLocal.withInitial(Walk::new);
  private static int epoch;

  private Autograd() {}

  /** Whether ops on this thread currently record the graph. */
  public static boolean enabled() {
    return DISABLED.get()[0] == 0;
  }

  /**
   * A scope in which no op records the graph (inference, evaluation, optimizer updates). Nestable.
   */
  public static NoGrad noGrad() {
    DISABLED.get()[0]++;
    return new NoGrad();
  }

  /** Closing a {@link #noGrad()} scope restores recording. */
  public static final class NoGrad implements AutoCloseable {
    private boolean closed;

    private NoGrad() {}

    @Override
    public void close() {
      if (!closed) {
        closed = true;
        DISABLED.get()[0]--;
      }
    }
  }

  /** Whether a result computed from these inputs should record a node. */
  static boolean tracks(Tensor... inputs) {
    if (!enabled()) return false;
    for (Tensor t : inputs) if (grads(t)) return true;
    return false;
  }

  private static boolean grads(Tensor t) {
    return t != null && t.requiresGrad;
  }

  /**
   * Attaches a node to {@code out} if any input requires gradients; returns the node or {@code
   * null}.
   */
  static Node record(Tensor out, Op op, Tensor... inputs) {
    if (!tracks(inputs)) return null;
    Node n = node(out, op, inputs.length);
    System.arraycopy(inputs, 0, n.inputs, 0, inputs.length);
    return n;
  }

  /** {@link #record(Tensor, Op, Tensor...)} for one input, without a varargs array. */
  static Node record(Tensor out, Op op, Tensor a) {
    if (!grads(a) || !enabled()) return null;
    Node n = node(out, op, 1);
    n.inputs[0] = a;
    return n;
  }

  /** {@link #record(Tensor, Op, Tensor...)} for two inputs, without a varargs array. */
  static Node record(Tensor out, Op op, Tensor a, Tensor b) {
    if (!(grads(a) || grads(b)) || !enabled()) return null;
    Node n = node(out, op, 2);
    n.inputs[0] = a;
    n.inputs[1] = b;
    return n;
  }

  /** {@link #record(Tensor, Op, Tensor...)} for three inputs, without a varargs array. */
  static Node record(Tensor out, Op op, Tensor a, Tensor b, Tensor c) {
    if (!(grads(a) || grads(b) || grads(c)) || !enabled()) return null;
    Node n = node(out, op, 3);
    n.inputs[0] = a;
    n.inputs[1] = b;
    n.inputs[2] = c;
    return n;
  }

  /** {@link #record(Tensor, Op, Tensor...)} for five inputs, without a varargs array. */
  static Node record(Tensor out, Op op, Tensor a, Tensor b, Tensor c, Tensor d, Tensor e) {
    if (!(grads(a) || grads(b) || grads(c) || grads(d) || grads(e)) || !enabled()) return null;
    Node n = node(out, op, 5);
    n.inputs[0] = a;
    n.inputs[1] = b;
    n.inputs[2] = c;
    n.inputs[3] = d;
    n.inputs[4] = e;
    return n;
  }

  /**
   * A node (from the open arena, if any) attached to {@code out}, with an empty inputs array of
   * {@code arity}.
   */
  private static Node node(Tensor out, Op op, int arity) {
    Arena arena = Arena.current();
    Node n = arena == null ? new Node(op, new Tensor[arity]) : arena.node(op, arity);
    n.output = out;
    out.node = n;
    out.requiresGrad = true;
    return n;
  }

  static synchronized int nextEpoch() {
    return ++epoch;
  }

  /**
   * Back-propagates {@code seed} (d loss / d root) through the graph that produced {@code root}; a
   * {@code null} seed is the scalar 1 of {@link Tensor#backward()}.
   */
  static void backward(Tensor root, float[] seed) {
    if (!root.requiresGrad)
      throw new IllegalStateException("backward() on a tensor that does not require gradients");
    if (seed != null && seed.length != root.size()) {
      throw new IllegalArgumentException(
          "seed gradient has "
              + seed.length
              + " elements, tensor "
              + root.shape
              + " has "
              + root.size());
    }
    float[] g = root.gradBuffer();
    if (seed == null) g[0] += 1f;
    else for (int i = 0; i < g.length; i++) g[i] += seed[i];
    if (root.node == null) return;
    Walk w = WALK.get();
    if (w.busy) w = new Walk(); // a backward rule that itself back-propagates gets its own scratch
    w.busy = true;
    int[] disabled = DISABLED.get();
    disabled[0]++;
    try {
      int count = w.topoOrder(root.node);
      for (int i = count - 1; i >= 0; i--) {
        Node n = w.order[i];
        if (n.output.grad != null) Gradients.backward(n, n.output.grad);
      }
    } finally {
      disabled[0]--;
      w.clear();
      w.busy = false;
    }
  }

  /**
   * Reusable scratch of one thread's topological sort: an explicit depth-first stack and the
   * resulting order.
   */
  private static final class Walk {
    Node[] order = new Node[64];
    Node[] stack = new Node[64];
    int[] next = new int[64];
    int orderCount;
    boolean busy;

    /**
     * Fills {@link #order} with the nodes in topological order (inputs before outputs), root last;
     * returns the count.
     */
    int topoOrder(Node root) {
      int mark = nextEpoch();
      orderCount = 0;
      root.mark = mark;
      stack[0] = root;
      next[0] = 0;
      int depth = 1;
      while (depth > 0) {
        int top = depth - 1;
        Node n = stack[top];
        int i = next[top];
        if (i < n.inputs.length) {
          next[top] = i + 1;
          Tensor in = n.inputs[i];
          if (in != null && in.node != null && in.node.mark != mark) {
            in.node.mark = mark;
            if (depth == stack.length) {
              stack = java.util.Arrays.copyOf(stack, 2 * depth);
              next = java.util.Arrays.copyOf(next, 2 * depth);
            }
            stack[depth] = in.node;
            next[depth] = 0;
            depth++;
          }
        } else {
          if (orderCount == order.length) order = java.util.Arrays.copyOf(order, 2 * orderCount);
          order[orderCount++] = n;
          stack[top] = null;
          depth--;
        }
      }
      return orderCount;
    }

    /** Drops the references to the graph just walked. */
    void clear() {
      java.util.Arrays.fill(order, 0, orderCount, null);
      orderCount = 0;
    }
  }
}
