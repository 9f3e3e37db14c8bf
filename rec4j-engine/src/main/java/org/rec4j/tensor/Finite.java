package org.rec4j.tensor;

/** NaN/Inf detection for the trainer's divergence guard and for debugging. */
public final class Finite {
  private Finite() {}

  /** Index of the first non-finite value in {@code a}, or −1 if all are finite. */
  public static int firstNonFinite(float[] a) {
    for (int i = 0; i < a.length; i++) if (!Float.isFinite(a[i])) return i;
    return -1;
  }

  /** Whether every value of the tensor is finite. */
  public static boolean isFinite(Tensor t) {
    return firstNonFinite(t.data) < 0;
  }

  /**
   * Throws {@link ArithmeticException} naming {@code what}, the offending flat index and value if
   * the tensor holds a NaN or infinity.
   */
  public static Tensor check(Tensor t, String what) {
    int i = firstNonFinite(t.data);
    if (i >= 0)
      throw new ArithmeticException(
          what + " is not finite: element " + i + " of " + t.shape + " is " + t.data[i]);
    return t;
  }
}
