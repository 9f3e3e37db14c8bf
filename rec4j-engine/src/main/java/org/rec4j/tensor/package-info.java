/**
 * The rec4j numerical engine: float32 tensors and reverse-mode automatic differentiation, built for
 * recommender workloads (large sparse embedding tables, small dense layers, attention, sparse graph
 * propagation).
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li><b>Tensor</b> ({@link org.rec4j.tensor.Tensor}): a contiguous row-major {@code float[]}
 *       plus a {@link org.rec4j.tensor.Shape}. Reshape is a view (shares the array); every other op
 *       copies. There is no god interface: ops live in families — {@link org.rec4j.tensor.MathOps}
 *       (broadcast arithmetic, elementwise math), {@link org.rec4j.tensor.Activations}, {@link
 *       org.rec4j.tensor.ReduceOps} (sum/mean/max, softmax), {@link org.rec4j.tensor.ShapeOps},
 *       {@link org.rec4j.tensor.IndexOps} (embedding lookup, gather, scatter, last row of packed
 *       sequences), {@link org.rec4j.tensor.LinAlg} (matmul, bmm, CSR × dense, fused linear) and
 *       {@link org.rec4j.tensor.NnOps} (dropout, layer/batch norm, attention, the GRU recurrence
 *       over packed sequences).
 *   <li><b>Autograd</b>: an op whose input requires a gradient records a {@link
 *       org.rec4j.tensor.Node} (op kind, inputs, saved state) on its output. {@link
 *       org.rec4j.tensor.Tensor#backward()} sorts the graph topologically and applies the rules in
 *       {@code Gradients} — every backward rule of the engine in one file — accumulating (never
 *       overwriting) into input gradients. {@link org.rec4j.tensor.Autograd#noGrad()} turns
 *       recording off for inference and optimizer updates.
 *   <li><b>Sparse embedding gradients</b>: a table marked {@link
 *       org.rec4j.tensor.Tensor#sparseGrad(boolean)} receives lookup gradients as a {@link
 *       org.rec4j.tensor.SparseRowGrad} (touched rows only), which the optimizers update lazily.
 *   <li><b>Zero-allocation steady state</b>: inside an {@link org.rec4j.tensor.Arena} scope,
 *       activation and gradient buffers, the tensor objects and the recorded nodes come from a
 *       per-thread pool and return to it when the scope closes (so nothing made inside a scope may
 *       be used after it); shapes are interned, and the backward pass walks the graph with reusable
 *       scratch arrays.
 *   <li><b>Kernels</b>: the hot loops go through {@link org.rec4j.tensor.kernel.Kernels}, a scalar
 *       reference and a Vector API implementation chosen once at start-up ({@link
 *       org.rec4j.tensor.kernel.KernelProvider}).
 *   <li><b>Determinism</b>: all randomness comes from {@link org.rec4j.tensor.Rng}; ops themselves
 *       are deterministic for a given thread count.
 * </ul>
 *
 * <p>Dependencies: JDK only. Only the kernel provider's SIMD classes touch {@code
 * jdk.incubator.vector}.
 */
package org.rec4j.tensor;
