package org.rec4j.data;

/** The kinds of side features rec4j understands; see {@link FeatureSpec}. */
public enum FeatureKind {
  /** One value from a vocabulary (gender, occupation, zip code). */
  CATEGORICAL,
  /** A set of values from a vocabulary (genres). */
  MULTI_CATEGORICAL,
  /** A real number, with normalization statistics (age, year). */
  NUMERIC,
  /** Free text, tokenized, with a vocabulary cut at a minimum count (titles, tags). */
  TEXT,
  /** A fixed-length float vector (precomputed image or audio embeddings). */
  DENSE
}
