/**
 * Experiments: one train-and-evaluate run as a value ({@link
 * org.rec4j.experiment.ExperimentConfig}) and its runner ({@link org.rec4j.experiment.Experiment})
 * — data, split ({@link org.rec4j.experiment.SplitSpec}), model, training with per-epoch
 * evaluation, final evaluation under a {@link org.rec4j.experiment.Protocol}. The CLI's {@code
 * train} and the benchmark harness are thin layers over it.
 */
package org.rec4j.experiment;
