package org.rec4j.tensor.kernel;

/**
 * Prints the name of the kernels {@link KernelProvider} chose; run in a child JVM by {@link
 * KernelProviderTest}.
 */
final class ProviderProbe {
  private ProviderProbe() {}

  public static void main(String[] args) {
    System.out.println("chosen=" + KernelProvider.get().name());
  }
}
