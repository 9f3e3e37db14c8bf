package org.rec4j.nn;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.rec4j.tensor.Tensor;

/**
 * A layer or model: owns parameters, buffers (non-trained state such as batch-norm running
 * statistics) and child modules, and has a training/evaluation mode (dropout and batch norm behave
 * differently in each). Subclasses register parameters, buffers and children in their constructors.
 *
 * <p>Every parameter and buffer has a dotted path from the root, made of the child names and its
 * own name, e.g. {@code "layers.0.weight"}; children registered without a name are named by their
 * registration index. {@link #namedParameters()} and {@link #namedBuffers()} list them in a stable
 * order, for checkpoints.
 */
public abstract class Module {
  private final List<Parameter> params = new ArrayList<>();
  private final Map<String, Tensor> buffers = new LinkedHashMap<>();
  private final Map<String, Module> children = new LinkedHashMap<>();
  private boolean training = true;

  /** Registers a parameter owned directly by this module; returns it. */
  protected Parameter register(Parameter p) {
    for (Parameter q : params) {
      if (q.name().equals(p.name()))
        throw new IllegalArgumentException(
            "parameter name '" + p.name() + "' is already registered");
    }
    params.add(p);
    return p;
  }

  /** Registers a child module under its registration index as name; returns it. */
  protected <M extends Module> M register(M child) {
    return register(Integer.toString(children.size()), child);
  }

  /** Registers a child module under {@code name}; returns it. */
  protected <M extends Module> M register(String name, M child) {
    if (name.isEmpty() || name.contains("."))
      throw new IllegalArgumentException(
          "child name must be non-empty without '.', got '" + name + "'");
    if (children.putIfAbsent(name, child) != null)
      throw new IllegalArgumentException("child name '" + name + "' is already registered");
    return child;
  }

  /**
   * Registers a non-trained state tensor (saved with the model, never optimized) under {@code
   * name}; returns it.
   */
  protected Tensor registerBuffer(String name, Tensor buffer) {
    if (buffers.putIfAbsent(name, buffer) != null)
      throw new IllegalArgumentException("buffer name '" + name + "' is already registered");
    return buffer;
  }

  /** All parameters of this module and its descendants, depth first, in registration order. */
  public List<Parameter> parameters() {
    return new ArrayList<>(namedParameters().values());
  }

  /**
   * All parameters by dotted path (own parameters first, then each child's), in registration order.
   */
  public Map<String, Parameter> namedParameters() {
    Map<String, Parameter> out = new LinkedHashMap<>();
    for (Parameter p : params) out.put(p.name(), p);
    children.forEach(
        (name, c) -> c.namedParameters().forEach((path, p) -> out.put(name + "." + path, p)));
    return out;
  }

  /** All buffers of this module and its descendants by dotted path, in registration order. */
  public Map<String, Tensor> namedBuffers() {
    Map<String, Tensor> out = new LinkedHashMap<>(buffers);
    children.forEach(
        (name, c) -> c.namedBuffers().forEach((path, b) -> out.put(name + "." + path, b)));
    return out;
  }

  /** Total number of scalar parameters. */
  public long parameterCount() {
    long n = 0;
    for (Parameter p : parameters()) n += p.value().size();
    return n;
  }

  /** Switches this module and its descendants to training ({@code true}) or evaluation mode. */
  public Module train(boolean on) {
    training = on;
    for (Module c : children.values()) c.train(on);
    return this;
  }

  /** Whether the module is in training mode. */
  public boolean isTraining() {
    return training;
  }

  /** Clears the gradients of every parameter. */
  public void zeroGrad() {
    for (Parameter p : parameters()) p.zeroGrad();
  }
}
