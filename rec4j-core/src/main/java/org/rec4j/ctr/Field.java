package org.rec4j.ctr;

/**
 * One input field of a CTR example and its id space: ids {@code 0..size-1} local to the field,
 * where id 0 is reserved for a missing or unknown value (categorical and multi-hot fields) or is
 * the single id of a numeric field.
 *
 * @param name field name, unique within a {@link FieldSchema}
 * @param kind how values become (id, value) pairs
 * @param size number of ids (embedding rows) of this field, &gt; 0
 * @param pooling how a multi-hot field's embeddings are combined
 * @param dim the vector dimension d of a {@link Kind#DENSE} field, 0 for every other kind
 */
public record Field(String name, Kind kind, int size, Pooling pooling, int dim) {

  /** How a field's values are represented. */
  public enum Kind {
    /**
     * One id per example, value 1 (e.g. user id, gender, a bucketized number, a hashed zip code).
     */
    CATEGORICAL,
    /** A set of ids per example, pooled (e.g. genres). */
    MULTI_HOT,
    /** One shared id whose embedding is scaled by the (standardized) number. */
    NUMERIC,
    /**
     * A dense float vector of dimension {@link #dim()} per example (e.g. a pre-computed item
     * embedding), projected to the embedding dimension by a learned {@code W [d, k]} and weighted
     * by a learned {@code w [d]} in linear terms; its single id 0 (value 1) carries the
     * projection's bias and the linear term's offset.
     */
    DENSE
  }

  /**
   * Pooling of a multi-hot field: the weight of each of its n ids is 1 ({@code SUM}) or 1/n ({@code
   * MEAN}).
   */
  public enum Pooling {
    SUM,
    MEAN
  }

  /** Validates every field. */
  public Field {
    if (name == null || name.isBlank())
      throw new IllegalArgumentException("field name must not be blank");
    if (kind == null) throw new IllegalArgumentException("field " + name + ": kind must be set");
    if (size <= 0)
      throw new IllegalArgumentException("field " + name + ": size must be > 0, got " + size);
    if (kind == Kind.NUMERIC && size != 1)
      throw new IllegalArgumentException(
          "field " + name + ": a numeric field has size 1, got " + size);
    if (kind == Kind.DENSE && size != 1)
      throw new IllegalArgumentException(
          "field " + name + ": a dense field has size 1, got " + size);
    if (kind == Kind.DENSE && dim <= 0)
      throw new IllegalArgumentException(
          "field " + name + ": a dense field needs a dimension > 0, got " + dim);
    if (kind != Kind.DENSE && dim != 0)
      throw new IllegalArgumentException(
          "field " + name + ": only a dense field has a dimension, got " + dim + " for " + kind);
    if (pooling == null) pooling = Pooling.MEAN;
  }

  /** A field of any kind but {@link Kind#DENSE} (dimension 0). */
  public Field(String name, Kind kind, int size, Pooling pooling) {
    this(name, kind, size, pooling, 0);
  }

  /** A dense vector field of dimension {@code dim}. */
  public static Field dense(String name, int dim) {
    return new Field(name, Kind.DENSE, 1, Pooling.SUM, dim);
  }

  /** Whether this is a {@link Kind#DENSE} field. */
  public boolean isDense() {
    return kind == Kind.DENSE;
  }
}
