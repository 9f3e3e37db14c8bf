/**
 * Benchmarks (not published): JMH benchmarks of the engine's kernels (results and commands in
 * docs/benchmarks-kernels.md) and the end-to-end workloads of the performance issue ({@link
 * org.rec4j.bench.Workload}, compared with PyTorch by {@code bench/compare-torch.sh};
 * docs/benchmarks.md, "Issue 6 harness"), and {@link org.rec4j.bench.JarAB}, which compares two
 * builds inside one JVM (docs/benchmarks.md, NeuMF-shaped training step), and {@link
 * org.rec4j.bench.FusedNeuMFStep}, the hand-fused NeuMF step that is issue 18's limit reference for
 * that benchmark.
 */
package org.rec4j.bench;
