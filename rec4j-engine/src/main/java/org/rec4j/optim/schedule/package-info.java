/**
 * Learning-rate schedules.
 *
 * <p>{@link org.rec4j.optim.schedule.LrSchedule} is a pure function from schedule time (epochs or
 * steps, as the trainer is configured) to a rate, so a resumed run needs only the time: {@link
 * org.rec4j.optim.schedule.StepDecay}, {@link org.rec4j.optim.schedule.ExponentialDecay}, {@link
 * org.rec4j.optim.schedule.CosineAnnealing} (with SGDR warm restarts) and {@link
 * org.rec4j.optim.schedule.LinearWarmup}, which wraps any of them. {@link
 * org.rec4j.optim.schedule.ReduceOnPlateau} reacts to a metric instead and is the one stateful
 * schedule. Each has a validating {@code Config} record; all push their rate into an optimizer
 * through {@link org.rec4j.optim.Optimizer#setLearningRate(double)}.
 */
package org.rec4j.optim.schedule;
