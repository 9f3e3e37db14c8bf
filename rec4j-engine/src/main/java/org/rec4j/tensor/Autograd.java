package org.rec4j.tensor;

import java.util.ArrayList;

/**
 * Reverse-mode differentiation over the graph of {@link Node}s, and the {@code noGrad} switch.
 *
 * <p>{@link #backward} orders the graph topologically (iterative depth-first search from the root, so deep graphs
 * do not overflow the stack), seeds the root's gradient, then visits nodes from the root back to the leaves and lets
 * {@link Gradients#backward} accumulate each node's contribution into its inputs. Gradients accumulate and are never
 * overwritten, so a tensor used twice receives both contributions.
 */
public final class Autograd {
  private static final ThreadLocal<int[]> DISABLED = ThreadLocal.withInitial(() -> new int[1]);
  private static int epoch;

  private Autograd() {}

  /** Whether ops on this thread currently record the graph. */
  public static boolean enabled() {
    return DISABLED.get()[0] == 0;
  }

  /** A scope in which no op records the graph (inference, evaluation, optimizer updates). Nestable. */
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
    for (Tensor t : inputs) if (t != null && t.requiresGrad) return true;
    return false;
  }

  /** Attaches a node to {@code out} if any input requires gradients; returns the node or {@code null}. */
  static Node record(Tensor out, Op op, Tensor... inputs) {
    if (!tracks(inputs)) return null;
    Node n = new Node(op, inputs);
    n.output = out;
    out.node = n;
    out.requiresGrad = true;
    return n;
  }

  static synchronized int nextEpoch() {
    return ++epoch;
  }

  /** Back-propagates {@code seed} (d loss / d root) through the graph that produced {@code root}. */
  static void backward(Tensor root, float[] seed) {
    if (!root.requiresGrad) throw new IllegalStateException("backward() on a tensor that does not require gradients");
    if (seed.length != root.size()) {
      throw new IllegalArgumentException("seed gradient has " + seed.length + " elements, tensor " + root.shape + " has " + root.size());
    }
    float[] g = root.gradBuffer();
    for (int i = 0; i < g.length; i++) g[i] += seed[i];
    if (root.node == null) return;
    ArrayList<Node> order = topoOrder(root.node);
    try (NoGrad ignored = noGrad()) {
      for (int i = order.size() - 1; i >= 0; i--) {
        Node n = order.get(i);
        if (n.output.grad != null) Gradients.backward(n, n.output.grad);
      }
    }
  }

  /** Nodes in topological order (inputs before outputs), root last. */
  private static ArrayList<Node> topoOrder(Node root) {
    int mark = nextEpoch();
    ArrayList<Node> order = new ArrayList<>();
    ArrayList<Node> stack = new ArrayList<>();
    ArrayList<Integer> next = new ArrayList<>();
    root.mark = mark;
    stack.add(root);
    next.add(0);
    while (!stack.isEmpty()) {
      int top = stack.size() - 1;
      Node n = stack.get(top);
      int i = next.get(top);
      if (i < n.inputs.length) {
        next.set(top, i + 1);
        Tensor in = n.inputs[i];
        if (in != null && in.node != null && in.node.mark != mark) {
          in.node.mark = mark;
          stack.add(in.node);
          next.add(0);
        }
      } else {
        order.add(n);
        stack.remove(top);
        next.remove(top);
      }
    }
    return order;
  }
}
