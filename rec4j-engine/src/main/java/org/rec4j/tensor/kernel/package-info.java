/**
 * The engine's numeric kernels: the {@link org.rec4j.tensor.kernel.Kernels} contract, its scalar reference
 * {@link org.rec4j.tensor.kernel.ScalarKernels}, the Vector API implementation
 * {@link org.rec4j.tensor.kernel.SimdKernels} chosen once by {@link org.rec4j.tensor.kernel.KernelProvider}, and
 * the shared compute pool {@link org.rec4j.tensor.kernel.Parallel}.
 *
 * <p>Only classes whose names start with {@code Simd} may import {@code jdk.incubator.vector}; everything else in
 * the engine must load and run without that module.
 */
package org.rec4j.tensor.kernel;
