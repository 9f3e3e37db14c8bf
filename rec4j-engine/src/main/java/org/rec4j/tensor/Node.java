package org.rec4j.tensor;

/**
 * One recorded operation in the autodiff graph: the op kind, its inputs, and whatever the backward
 * rule in {@link Gradients} needs (integer and float attributes, saved tensors or auxiliary state).
 *
 * <p>A node recorded while an {@link Arena} is open belongs to that arena's scope: when the scope
 * closes the node is cleared and reused by a later op of a later scope (see {@link Arena}), so a
 * node must not be kept past its scope.
 */
public final class Node {
  Op op;
  Tensor[] inputs;
  Tensor output;

  /**
   * Integer attributes or a borrowed index array (e.g. embedding ids), as the op's backward rule
   * expects.
   */
  int[] ints;

  /**
   * This node's own attribute array, kept across reuses so that {@link #attrs} allocates once per
   * node.
   */
  private int[] ownInts;

  float f0;
  float f1;
  Object aux;
  int mark;

  Node(Op op, Tensor[] inputs) {
    this.op = op;
    this.inputs = inputs;
  }

  /**
   * Readies a pooled node for a new op of {@code arity} inputs (the caller fills {@link #inputs}).
   */
  void reset(Op op, int arity) {
    this.op = op;
    if (inputs.length != arity) inputs = new Tensor[arity];
  }

  /** Drops every reference of a node whose scope closed, so that a pooled node retains no graph. */
  void clear() {
    java.util.Arrays.fill(inputs, null);
    output = null;
    ints = null;
    aux = null;
    f0 = 0f;
    f1 = 0f;
  }

  /**
   * Sets {@link #ints} to this node's own array of {@code count} integer attributes (reused, not
   * zeroed) and returns it for the caller to fill.
   */
  int[] attrs(int count) {
    if (ownInts == null || ownInts.length != count) ownInts = new int[count];
    ints = ownInts;
    return ownInts;
  }

  /** The op kind. */
  public Op op() {
    return op;
  }

  /** Number of inputs. */
  public int arity() {
    return inputs.length;
  }

  /** Input {@code i}. */
  public Tensor input(int i) {
    return inputs[i];
  }
}
