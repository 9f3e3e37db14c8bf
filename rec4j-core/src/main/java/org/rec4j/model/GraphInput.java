package org.rec4j.model;

/**
 * The {@link ModelInput#GRAPH} attachment: the run's training interactions form a user–item graph
 * that graph models may propagate over. The graph itself is built by the model from the
 * interactions it is fit on (so it is always exactly the training graph, never the test part);
 * {@code source} says where they came from, for messages.
 */
public record GraphInput(String source) {}
