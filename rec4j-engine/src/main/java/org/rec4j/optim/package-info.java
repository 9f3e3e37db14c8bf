/**
 * Optimizers: turn accumulated gradients into in-place parameter updates.
 *
 * <h2>Design</h2>
 *
 * <ul>
 *   <li>{@link org.rec4j.optim.Optimizer} fixes the lifecycle (construct over a parameter list; per
 *       step: backward accumulates, {@link org.rec4j.optim.GradientClipping} optionally clips,
 *       {@code step()} updates, {@code zeroGrad()} clears) and owns all state in {@link
 *       org.rec4j.optim.ParamState} objects — parameters carry values and gradients only.
 *       Checkpoints save state through {@link org.rec4j.optim.Optimizer.Snapshot}.
 *   <li>Each optimizer ({@link org.rec4j.optim.Sgd}, {@link org.rec4j.optim.Adam}, {@link
 *       org.rec4j.optim.AdamW}, {@link org.rec4j.optim.AdaGrad}, {@link org.rec4j.optim.RmsProp},
 *       {@link org.rec4j.optim.Ftrl}) is one class with a validating nested {@code Config} record
 *       (all of them implement the sealed {@link org.rec4j.optim.OptimizerConfig}, so a training
 *       config can hold one and {@code build} the optimizer later) and a single per-coordinate
 *       kernel {@code update(state, w, off, g, gOff, len)}. Because every rule is per coordinate,
 *       the base class runs the same kernel over a whole dense tensor or over each touched row of a
 *       sparse embedding table: sparse updates are lazy (untouched rows and their state stay
 *       bit-identical) by construction, and steady-state steps allocate nothing.
 *   <li>Regularization: {@link org.rec4j.optim.Regularizer} (L1, L2, elastic net) as a gradient
 *       term on updated coordinates; decoupled weight decay in {@link org.rec4j.optim.AdamW};
 *       exact-zero L1 in {@link org.rec4j.optim.Ftrl}.
 *   <li>Learning-rate schedules live in {@link org.rec4j.optim.schedule}.
 * </ul>
 *
 * <p>Numerics: weights and state are float32; per-coordinate arithmetic that involves square roots
 * or bias corrections is done in double. Decaying moments are flushed to zero below {@code 1e-30}
 * because the JVM cannot enable flush-to-zero and subnormal arithmetic is very slow.
 */
package org.rec4j.optim;
