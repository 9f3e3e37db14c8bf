package org.rec4j.eval;

/**
 * A beyond-accuracy metric over the recommendation lists of all evaluated users (coverage,
 * diversity, novelty, popularity bias). Context such as item popularity or features is given to the
 * constructor.
 */
public interface ListMetric {
  /** A short name used in reports and JSON keys. */
  String name();

  /** The metric over {@code lists} (one top-k list per user). */
  double compute(int[][] lists);
}
