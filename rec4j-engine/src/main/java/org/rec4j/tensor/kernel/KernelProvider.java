package org.rec4j.tensor.kernel;

import java.util.logging.Logger;

/**
 * Chooses the {@link Kernels} implementation once, at class initialization: the Vector API kernels
 * when the {@code jdk.incubator.vector} module is present and usable, otherwise {@link
 * ScalarKernels} with a single logged warning. Set the system property {@code rec4j.kernels=scalar}
 * to force the reference kernels.
 */
public final class KernelProvider {
  private static final Logger LOG = Logger.getLogger(KernelProvider.class.getName());
  private static final Kernels KERNELS = choose();

  private KernelProvider() {}

  /** The kernels chosen for this JVM. */
  public static Kernels get() {
    return KERNELS;
  }

  /** The scalar reference kernels. */
  public static Kernels scalar() {
    return ScalarKernels.INSTANCE;
  }

  /** The SIMD kernels, or {@code null} if the Vector API is unavailable. */
  public static Kernels simdOrNull() {
    try {
      Class<?> c = Class.forName("org.rec4j.tensor.kernel.SimdKernels");
      return (Kernels) c.getField("INSTANCE").get(null);
    } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
      return null;
    }
  }

  private static Kernels choose() {
    String forced = System.getProperty("rec4j.kernels");
    Kernels simd = "scalar".equals(forced) ? null : simdOrNull();
    Kernels chosen = choose(forced, simd);
    if (chosen != simd && !"scalar".equals(forced)) {
      LOG.warning(
          "Vector API (jdk.incubator.vector) unavailable: using scalar kernels. "
              + "Run with --add-modules jdk.incubator.vector on JDK 21+ for SIMD.");
    }
    return chosen;
  }

  /**
   * The choice rule, given the {@code rec4j.kernels} property value and the SIMD kernels (or null).
   */
  static Kernels choose(String forced, Kernels simd) {
    if ("scalar".equals(forced) || simd == null) return ScalarKernels.INSTANCE;
    return simd;
  }
}
