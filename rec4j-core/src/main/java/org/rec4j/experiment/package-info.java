/**
 * Experiments: one train-and-evaluate run as a value ({@link
 * org.rec4j.experiment.ExperimentConfig}, built with {@code ExperimentConfig.builder}) and its
 * runner ({@link org.rec4j.experiment.Experiment}) — data, split, model built from the registry
 * with its settings, training with per-epoch evaluation, final evaluation for the task, which is
 * the {@link org.rec4j.experiment.Protocol}: ranking (sampled or full), rating, or click-through
 * (ctr: labelled field examples, AUC / log loss / gAUC). The CLI's {@code train} and the benchmark
 * harness are thin layers over it.
 */
package org.rec4j.experiment;
