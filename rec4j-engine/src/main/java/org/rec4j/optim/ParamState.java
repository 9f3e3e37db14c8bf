package org.rec4j.optim;

import org.rec4j.nn.Parameter;

/**
 * The optimizer-owned state of one parameter: a fixed number of float arrays ("slots", e.g. Adam's
 * first and second moments), each the size of the parameter and indexed like its values. Slots are
 * allocated zeroed the first time the parameter is updated.
 */
public final class ParamState {
  private final Parameter parameter;
  private final float[][] slots;
  private boolean allocated;
  private int[] rowSteps;

  ParamState(Parameter parameter, int slotCount) {
    this.parameter = parameter;
    this.slots = new float[slotCount][];
  }

  /** The parameter this state belongs to. */
  public Parameter parameter() {
    return parameter;
  }

  /** Whether the slots exist (the parameter has been updated or its state imported). */
  public boolean allocated() {
    return allocated;
  }

  /** The live state array of slot {@code k}; {@code null} before allocation. */
  public float[] slot(int k) {
    return slots[k];
  }

  void allocate(int size) {
    if (allocated) return;
    for (int k = 0; k < slots.length; k++) slots[k] = new float[size];
    allocated = true;
  }

  /** Per-row step of the last update of a sparse table (0 = never), allocated on first use. */
  int[] rowSteps(int rows) {
    if (rowSteps == null) rowSteps = new int[rows];
    return rowSteps;
  }

  void reset() {
    rowSteps = null;
    for (int k = 0; k < slots.length; k++) slots[k] = null;
    allocated = false;
  }
}
