package org.rec4j.ctr;

import java.util.Arrays;
import java.util.function.IntFunction;

/**
 * The encoded values of one {@link Field} for every row of an entity (user, item, or example): row
 * {@code r} holds the local ids {@code ids[offsets[r] .. offsets[r+1])} with values {@code
 * values[…]} (the pooling weight of a multi-hot id, the standardized number of a numeric field, 1
 * otherwise). Every row holds at least one entry: a missing value is id 0 with value 1 (or value 0
 * for a numeric field). A {@link Field.Kind#DENSE} field of dimension d holds its id 0 with value 1
 * in every row and its vectors in one block {@code dense}: row {@code r} is {@code dense[r·d ..
 * (r+1)·d)}.
 *
 * <p>The static factories are the encoders: {@link #ids}, {@link #categorical}, {@link #hashed},
 * {@link #multiHot}, {@link #numeric}, {@link #bucketized} and {@link #dense}.
 *
 * @param field the field
 * @param offsets row offsets, length rows + 1
 * @param ids local ids in {@code [0, field.size())}
 * @param values one value per id
 * @param dense the row-major {@code [rows, d]} vectors of a dense field, {@code null} for every
 *     other kind
 */
public record FieldValues(Field field, int[] offsets, int[] ids, float[] values, float[] dense) {

  /** Checks the layout. */
  public FieldValues {
    if (offsets.length < 1
        || offsets[0] != 0
        || offsets[offsets.length - 1] != ids.length
        || values.length != ids.length) {
      throw new IllegalArgumentException(
          "field "
              + field.name()
              + ": offsets must run from 0 to "
              + ids.length
              + " with one value per id");
    }
    for (int r = 0; r + 1 < offsets.length; r++) {
      if (offsets[r + 1] <= offsets[r])
        throw new IllegalArgumentException(
            "field " + field.name() + ": row " + r + " has no entry");
    }
    for (int id : ids) {
      if (id < 0 || id >= field.size())
        throw new IllegalArgumentException(
            "field " + field.name() + ": id " + id + " out of range [0, " + field.size() + ")");
    }
    if (field.isDense()) {
      int rows = offsets.length - 1;
      if (dense == null || dense.length != (long) rows * field.dim()) {
        throw new IllegalArgumentException(
            "field "
                + field.name()
                + ": a dense field of dimension "
                + field.dim()
                + " over "
                + rows
                + " rows needs "
                + (long) rows * field.dim()
                + " floats, got "
                + (dense == null ? "none" : dense.length));
      }
      if (ids.length != rows)
        throw new IllegalArgumentException(
            "field " + field.name() + ": a dense field holds exactly one entry per row");
    } else if (dense != null) {
      throw new IllegalArgumentException(
          "field " + field.name() + ": only a dense field has a dense block, not " + field.kind());
    }
  }

  /** Values of a field of any kind but {@link Field.Kind#DENSE}. */
  public FieldValues(Field field, int[] offsets, int[] ids, float[] values) {
    this(field, offsets, ids, values, null);
  }

  /** Number of rows. */
  public int rows() {
    return offsets.length - 1;
  }

  /**
   * A categorical field whose id is the row itself (user id, item id): {@code size} = {@code rows}.
   */
  public static FieldValues ids(String name, int rows) {
    int[] ids = new int[rows];
    for (int r = 0; r < rows; r++) ids[r] = r;
    return single(new Field(name, Field.Kind.CATEGORICAL, rows, Field.Pooling.SUM), ids);
  }

  /**
   * A categorical field from codes in {@code [0, cardinality)} or −1 for missing (stored as code +
   * 1).
   */
  public static FieldValues categorical(String name, int[] codes, int cardinality) {
    int[] ids = new int[codes.length];
    for (int r = 0; r < codes.length; r++) {
      if (codes[r] < -1 || codes[r] >= cardinality)
        throw new IllegalArgumentException(
            "field "
                + name
                + ": code "
                + codes[r]
                + " at row "
                + r
                + " out of range [-1, "
                + cardinality
                + ")");
      ids[r] = codes[r] + 1;
    }
    return single(new Field(name, Field.Kind.CATEGORICAL, cardinality + 1, Field.Pooling.SUM), ids);
  }

  /**
   * A categorical field of raw strings hashed into {@code buckets} (the hashing trick for
   * high-cardinality fields; Weinberger et al., ICML 2009); {@code null} is missing (id 0). The
   * hash is {@link String#hashCode()} mixed by the 64-bit finalizer of MurmurHash3, so it is stable
   * across runs and JVMs.
   */
  public static FieldValues hashed(String name, int rows, IntFunction<String> raw, int buckets) {
    if (buckets <= 0)
      throw new IllegalArgumentException(
          "field " + name + ": hash buckets must be > 0, got " + buckets);
    int[] ids = new int[rows];
    for (int r = 0; r < rows; r++) {
      String s = raw.apply(r);
      ids[r] = s == null ? 0 : 1 + bucket(s.hashCode(), buckets);
    }
    return single(new Field(name, Field.Kind.CATEGORICAL, buckets + 1, Field.Pooling.SUM), ids);
  }

  /** {@code h} mixed and reduced to {@code [0, buckets)}. */
  static int bucket(long h, int buckets) {
    h ^= h >>> 33;
    h *= 0xff51afd7ed558ccdL;
    h ^= h >>> 33;
    h *= 0xc4ceb9fe1a85ec53L;
    h ^= h >>> 33;
    return (int) Math.floorMod(h, (long) buckets);
  }

  /**
   * A multi-hot field from code sets in {@code [0, cardinality)}; an empty set is missing (id 0).
   */
  public static FieldValues multiHot(
      String name, int[][] codes, int cardinality, Field.Pooling pooling) {
    Field field = new Field(name, Field.Kind.MULTI_HOT, cardinality + 1, pooling);
    int[] offsets = new int[codes.length + 1];
    for (int r = 0; r < codes.length; r++)
      offsets[r + 1] = offsets[r] + Math.max(1, codes[r].length);
    int[] ids = new int[offsets[codes.length]];
    float[] values = new float[ids.length];
    for (int r = 0; r < codes.length; r++) {
      int n = codes[r].length, o = offsets[r];
      if (n == 0) {
        values[o] = 1f;
        continue;
      }
      for (int j = 0; j < n; j++) {
        ids[o + j] = codes[r][j] + 1;
        values[o + j] = pooling == Field.Pooling.MEAN ? 1f / n : 1f;
      }
    }
    return new FieldValues(field, offsets, ids, values);
  }

  /**
   * A numeric field: the single embedding scaled by the z-score of each value (NaN, i.e. missing,
   * gives 0).
   */
  public static FieldValues numeric(String name, double[] values) {
    double sum = 0, sq = 0;
    int n = 0;
    for (double v : values) {
      if (!Double.isNaN(v)) {
        sum += v;
        sq += v * v;
        n++;
      }
    }
    double mean = n == 0 ? 0 : sum / n,
        std = n == 0 ? 0 : Math.sqrt(Math.max(0, sq / n - mean * mean));
    float[] z = new float[values.length];
    for (int r = 0; r < values.length; r++)
      z[r] = Double.isNaN(values[r]) || std == 0 ? 0f : (float) ((values[r] - mean) / std);
    int[] offsets = new int[values.length + 1];
    for (int r = 0; r < values.length; r++) offsets[r + 1] = r + 1;
    return new FieldValues(
        new Field(name, Field.Kind.NUMERIC, 1, Field.Pooling.SUM),
        offsets,
        new int[values.length],
        z);
  }

  /**
   * A numeric field bucketized at ascending {@code boundaries}: bucket {@code i} holds values in
   * {@code [boundaries[i-1], boundaries[i])}, so there are {@code boundaries.length + 1} buckets
   * (ids 1..) plus id 0 for missing (NaN).
   */
  public static FieldValues bucketized(String name, double[] values, double[] boundaries) {
    for (int i = 1; i < boundaries.length; i++) {
      if (!(boundaries[i] > boundaries[i - 1]))
        throw new IllegalArgumentException(
            "field " + name + ": boundaries must ascend, got " + Arrays.toString(boundaries));
    }
    int[] codes = new int[values.length];
    for (int r = 0; r < values.length; r++) {
      if (Double.isNaN(values[r])) {
        codes[r] = -1;
        continue;
      }
      int pos = Arrays.binarySearch(boundaries, values[r]);
      codes[r] = pos >= 0 ? pos + 1 : -pos - 1;
    }
    return categorical(name, codes, boundaries.length + 1);
  }

  /**
   * A dense vector field of dimension {@code dim} from a row-major {@code [rows, dim]} block
   * (copied); a missing vector is all zeros. Non-finite entries are rejected, naming the row.
   */
  public static FieldValues dense(String name, int dim, float[] block) {
    Field field = Field.dense(name, dim);
    if (block.length % dim != 0) {
      throw new IllegalArgumentException(
          "field "
              + name
              + ": "
              + block.length
              + " floats are not whole rows of dimension "
              + dim
              + " (row "
              + block.length / dim
              + " has "
              + block.length % dim
              + ")");
    }
    int rows = block.length / dim;
    for (int i = 0; i < block.length; i++) {
      if (!Float.isFinite(block[i]))
        throw new IllegalArgumentException(
            "field "
                + name
                + ": row "
                + i / dim
                + " has a non-finite value "
                + block[i]
                + " at "
                + i % dim);
    }
    int[] offsets = new int[rows + 1];
    for (int r = 0; r < rows; r++) offsets[r + 1] = r + 1;
    float[] values = new float[rows];
    Arrays.fill(values, 1f);
    return new FieldValues(field, offsets, new int[rows], values, block.clone());
  }

  /**
   * A dense vector field of dimension {@code dim} from one vector per row; a {@code null} row is
   * missing (zeros). A row of another length is rejected, naming the field and the row.
   */
  public static FieldValues dense(String name, int dim, float[][] rows) {
    if (dim <= 0)
      throw new IllegalArgumentException(
          "field " + name + ": a dense field needs a dimension > 0, got " + dim);
    float[] block = new float[rows.length * dim];
    for (int r = 0; r < rows.length; r++) {
      if (rows[r] == null) continue;
      if (rows[r].length != dim)
        throw new IllegalArgumentException(
            "field "
                + name
                + ": row "
                + r
                + " has dimension "
                + rows[r].length
                + ", expected "
                + dim);
      System.arraycopy(rows[r], 0, block, r * dim, dim);
    }
    return dense(name, dim, block);
  }

  private static FieldValues single(Field field, int[] ids) {
    int[] offsets = new int[ids.length + 1];
    for (int r = 0; r < ids.length; r++) offsets[r + 1] = r + 1;
    float[] values = new float[ids.length];
    Arrays.fill(values, 1f);
    return new FieldValues(field, offsets, ids, values);
  }
}
