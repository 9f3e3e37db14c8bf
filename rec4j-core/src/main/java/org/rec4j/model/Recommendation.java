package org.rec4j.model;

/**
 * A top-k answer for one user: items best first with their scores, and whether the user was unknown
 * to the model (in which case the caller's fallback, e.g. popularity, should be used and flagged).
 */
public record Recommendation(int user, int[] items, float[] scores, boolean unknownUser) {}
