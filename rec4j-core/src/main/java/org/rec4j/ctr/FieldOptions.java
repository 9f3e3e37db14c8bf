package org.rec4j.ctr;

import java.util.Map;
import java.util.Set;

/**
 * How the columns of a {@link org.rec4j.data.FeatureTable} become fields (see {@link
 * FeatureFields}). Keys are feature names; every map may be empty.
 *
 * @param exclude features to leave out (e.g. free-text titles)
 * @param hashBuckets categorical features to hash into this many buckets instead of one id per
 *     value
 * @param prefixes categorical features to cut to their first n characters before encoding (e.g. zip
 *     code → area)
 * @param boundaries numeric features to bucketize at these ascending boundaries instead of scaling
 *     an embedding
 * @param pooling pooling of multi-hot and text features
 */
public record FieldOptions(
    Set<String> exclude,
    Map<String, Integer> hashBuckets,
    Map<String, Integer> prefixes,
    Map<String, double[]> boundaries,
    Field.Pooling pooling) {
  /** Copies the collections and validates them. */
  public FieldOptions {
    exclude = Set.copyOf(exclude);
    hashBuckets = Map.copyOf(hashBuckets);
    prefixes = Map.copyOf(prefixes);
    boundaries = Map.copyOf(boundaries);
    hashBuckets.forEach((k, v) -> {
      if (v <= 0)
        throw new IllegalArgumentException("hashBuckets of '" + k + "' must be > 0, got " + v);
    });
    prefixes.forEach((k, v) -> {
      if (v <= 0)
        throw new IllegalArgumentException("prefix length of '" + k + "' must be > 0, got " + v);
    });
    if (pooling == null) throw new IllegalArgumentException("pooling must be set");
  }

  /** Every feature as it is, mean pooling. */
  public static FieldOptions defaults() {
    return new FieldOptions(Set.of(), Map.of(), Map.of(), Map.of(), Field.Pooling.MEAN);
  }
}
