/**
 * The engine's numeric kernels: the {@link org.rec4j.tensor.kernel.Kernels} contract, its scalar
 * reference {@link org.rec4j.tensor.kernel.ScalarKernels}, the Vector API implementation {@link
 * org.rec4j.tensor.kernel.SimdKernels} chosen once by {@link
 * org.rec4j.tensor.kernel.KernelProvider}, and the shared compute pool {@link
 * org.rec4j.tensor.kernel.Parallel}.
 *
 * <p>Only classes whose names start with {@code Simd} may import {@code jdk.incubator.vector};
 * everything else in the engine must load and run without that module.
 *
 * <p>Every kernel gives the same bits whichever JIT tier runs it (interpreter and C1 run the Vector
 * API's Java fallbacks, C2 its intrinsics), so a training run does not depend on when its kernels
 * get compiled. Two Vector API operations break that and are not used for results: {@code
 * reduceLanes(ADD)} on floats (C2 adds as a tree, the fallback in lane order; use {@code
 * SimdKernels.laneSum}) and transcendental {@code lanewise} operators such as {@code EXP} (C2 calls
 * a different approximation than {@code Math.exp}). {@code ReductionDeterminismTest} calls kernels
 * until they are compiled and checks every result against the first.
 */
package org.rec4j.tensor.kernel;
