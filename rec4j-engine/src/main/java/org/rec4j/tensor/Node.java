package org.rec4j.tensor;

/**
 * One recorded operation in the autodiff graph: the op kind, its inputs, and whatever the backward rule in
 * {@link Gradients} needs (integer and float attributes, saved tensors or auxiliary state).
 */
public final class Node {
  final Op op;
  final Tensor[] inputs;
  Tensor output;
  int[] ints;
  float f0;
  float f1;
  Object aux;
  int mark;

  Node(Op op, Tensor... inputs) {
    this.op = op;
    this.inputs = inputs;
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
