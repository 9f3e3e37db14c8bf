package org.rec4j.data;

import java.util.Objects;

/**
 * The declaration of one side feature.
 *
 * @param name feature name, unique within a schema
 * @param kind what kind of values it holds
 * @param separator for {@link FeatureKind#MULTI_CATEGORICAL}, the literal separator of values (e.g.
 *     {@code "|"})
 * @param minCount for {@link FeatureKind#TEXT}, tokens seen fewer times map to the unknown token
 * @param dim for {@link FeatureKind#DENSE}, the vector length
 */
public record FeatureSpec(String name, FeatureKind kind, String separator, int minCount, int dim) {

  /** Validates every field. */
  public FeatureSpec {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(kind, "kind");
    if (name.isBlank()) {
      throw new IllegalArgumentException("feature name must not be blank");
    }
    if (kind == FeatureKind.MULTI_CATEGORICAL && (separator == null || separator.isEmpty())) {
      throw new IllegalArgumentException(
          "feature " + name + ": multi-categorical needs a separator");
    }
    if (minCount < 1) {
      throw new IllegalArgumentException(
          "feature " + name + ": minCount must be >= 1, got " + minCount);
    }
    if (kind == FeatureKind.DENSE && dim < 1) {
      throw new IllegalArgumentException(
          "feature " + name + ": dense dim must be >= 1, got " + dim);
    }
  }

  /** A single-valued categorical feature. */
  public static FeatureSpec categorical(String name) {
    return new FeatureSpec(name, FeatureKind.CATEGORICAL, null, 1, 0);
  }

  /** A multi-valued categorical feature whose values are separated by {@code separator}. */
  public static FeatureSpec multiCategorical(String name, String separator) {
    return new FeatureSpec(name, FeatureKind.MULTI_CATEGORICAL, separator, 1, 0);
  }

  /** A numeric feature. */
  public static FeatureSpec numeric(String name) {
    return new FeatureSpec(name, FeatureKind.NUMERIC, null, 1, 0);
  }

  /** A text feature keeping tokens seen at least {@code minCount} times. */
  public static FeatureSpec text(String name, int minCount) {
    return new FeatureSpec(name, FeatureKind.TEXT, null, minCount, 0);
  }

  /** A dense vector feature of length {@code dim}. */
  public static FeatureSpec dense(String name, int dim) {
    return new FeatureSpec(name, FeatureKind.DENSE, null, 1, dim);
  }
}
