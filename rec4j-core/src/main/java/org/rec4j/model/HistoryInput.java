package org.rec4j.model;

/**
 * The {@link ModelInput#HISTORY} attachment: the training interactions have a time order that
 * sequential models may read ({@code order} says which: timestamps, or the file order of a sequence
 * file).
 */
public record HistoryInput(String order) {}
