package org.rec4j.nn;

import java.util.ArrayList;
import java.util.List;

/**
 * A layer or model: owns parameters and child modules and has a training/evaluation mode (dropout and batch norm
 * behave differently in each). Subclasses register parameters and children in their constructors.
 */
public abstract class Module {
  private final List<Parameter> params = new ArrayList<>();
  private final List<Module> children = new ArrayList<>();
  private boolean training = true;

  /** Registers a parameter owned directly by this module; returns it. */
  protected Parameter register(Parameter p) {
    params.add(p);
    return p;
  }

  /** Registers a child module; returns it. */
  protected <M extends Module> M register(M child) {
    children.add(child);
    return child;
  }

  /** All parameters of this module and its descendants, depth first, in registration order. */
  public List<Parameter> parameters() {
    List<Parameter> out = new ArrayList<>(params);
    for (Module c : children) out.addAll(c.parameters());
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
    for (Module c : children) c.train(on);
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
