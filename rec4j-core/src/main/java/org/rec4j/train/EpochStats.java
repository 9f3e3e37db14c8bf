package org.rec4j.train;

import java.util.Map;

/**
 * What one epoch did: mean training loss, validation metrics (empty when not validated this epoch),
 * wall seconds of the training loop and of example construction, throughput in training examples
 * (positives + negatives) per second of the loop, and the learning rate used.
 */
public record EpochStats(
    int epoch,
    double trainLoss,
    Map<String, Double> validation,
    double trainSeconds,
    double sampleSeconds,
    double samplesPerSecond,
    double learningRate) {}
