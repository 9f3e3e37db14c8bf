package org.rec4j.ctr;

/**
 * One input field of a CTR example and its id space: ids {@code 0..size-1} local to the field, where id 0 is
 * reserved for a missing or unknown value (categorical and multi-hot fields) or is the single id of a numeric field.
 *
 * @param name field name, unique within a {@link FieldSchema}
 * @param kind how values become (id, value) pairs
 * @param size number of ids (embedding rows) of this field, &gt; 0
 * @param pooling how a multi-hot field's embeddings are combined
 */
public record Field(String name, Kind kind, int size, Pooling pooling) {

  /** How a field's values are represented. */
  public enum Kind {
    /** One id per example, value 1 (e.g. user id, gender, a bucketized number, a hashed zip code). */
    CATEGORICAL,
    /** A set of ids per example, pooled (e.g. genres). */
    MULTI_HOT,
    /** One shared id whose embedding is scaled by the (standardized) number. */
    NUMERIC
  }

  /** Pooling of a multi-hot field: the weight of each of its n ids is 1 ({@code SUM}) or 1/n ({@code MEAN}). */
  public enum Pooling {
    SUM, MEAN
  }

  /** Validates every field. */
  public Field {
    if (name == null || name.isBlank()) throw new IllegalArgumentException("field name must not be blank");
    if (kind == null) throw new IllegalArgumentException("field " + name + ": kind must be set");
    if (size <= 0) throw new IllegalArgumentException("field " + name + ": size must be > 0, got " + size);
    if (kind == Kind.NUMERIC && size != 1) throw new IllegalArgumentException("field " + name + ": a numeric field has size 1, got " + size);
    if (pooling == null) pooling = Pooling.MEAN;
  }
}
