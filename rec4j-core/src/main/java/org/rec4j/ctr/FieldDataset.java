package org.rec4j.ctr;

import java.util.ArrayList;
import java.util.List;
import org.rec4j.tensor.Rng;

/**
 * CTR examples as one sparse matrix over the global id space of a {@link FieldSchema}: example
 * {@code e}'s field {@code f} holds the global ids {@code ids[offsets[e·F + f] .. offsets[e·F + f +
 * 1])} with their values, plus a binary label, a group (the user, for gAUC) and optionally a second
 * target for multi-task models (e.g. the rating). Dense vector fields add one row-major float block
 * {@code dense [n, D]} ({@code D} = {@link FieldSchema#denseWidth()}): example {@code e}'s dense
 * field {@code f} is {@code dense[e·D + denseOffset(f) .. + dim)}. Mini-batches are copied out into
 * a {@link FieldBatch} by index ranges, with no per-example objects.
 */
public final class FieldDataset {
  private final FieldSchema schema;
  private final int[] offsets;
  private final int[] ids;
  private final float[] values;
  private final float[] labels;
  private final int[] groups;
  private final float[] secondary;
  private final float[] dense;

  FieldDataset(
      FieldSchema schema,
      int[] offsets,
      int[] ids,
      float[] values,
      float[] labels,
      int[] groups,
      float[] secondary,
      float[] dense) {
    this.dense = dense;
    this.schema = schema;
    this.offsets = offsets;
    this.ids = ids;
    this.values = values;
    this.labels = labels;
    this.groups = groups;
    this.secondary = secondary;
  }

  /**
   * Joins per-entity fields into examples: example {@code e}'s field {@code f} is row {@code
   * rows.get(f)[e]} of {@code fields.get(f)} (user fields take the example's user, item fields its
   * item, example fields {@code e}).
   *
   * @param fields the encoded fields, in example order
   * @param rows for each field, the entity row of every example (arrays may be shared between
   *     fields)
   * @param labels 0/1 label per example
   * @param groups group id per example (user), for gAUC
   */
  public static FieldDataset join(
      List<FieldValues> fields, List<int[]> rows, float[] labels, int[] groups) {
    return join(fields, rows, labels, groups, null);
  }

  /**
   * As {@link #join(List, List, float[], int[])} with a second target per example ({@code null} for
   * none).
   */
  public static FieldDataset join(
      List<FieldValues> fields, List<int[]> rows, float[] labels, int[] groups, float[] secondary) {
    if (secondary != null && secondary.length != labels.length)
      throw new IllegalArgumentException(
          secondary.length + " secondary targets for " + labels.length + " labels");
    int nf = fields.size(), n = labels.length;
    if (rows.size() != nf)
      throw new IllegalArgumentException(rows.size() + " row mappings for " + nf + " fields");
    if (groups.length != n)
      throw new IllegalArgumentException(groups.length + " groups for " + n + " labels");
    List<Field> fs = new ArrayList<>();
    for (FieldValues v : fields) fs.add(v.field());
    FieldSchema schema = new FieldSchema(fs);
    long nnz = 0;
    for (int f = 0; f < nf; f++) {
      int[] r = rows.get(f);
      if (r.length != n)
        throw new IllegalArgumentException(
            "field " + fs.get(f).name() + ": " + r.length + " rows for " + n + " examples");
      FieldValues v = fields.get(f);
      for (int e = 0; e < n; e++) {
        if (r[e] < 0 || r[e] >= v.rows())
          throw new IndexOutOfBoundsException(
              "field "
                  + fs.get(f).name()
                  + ": example "
                  + e
                  + " refers to row "
                  + r[e]
                  + " of "
                  + v.rows());
        nnz += v.offsets()[r[e] + 1] - v.offsets()[r[e]];
      }
    }
    if (nnz > Integer.MAX_VALUE - 8)
      throw new IllegalArgumentException("too many field entries: " + nnz);
    int[] off = new int[n * nf + 1];
    int[] ids = new int[(int) nnz];
    float[] vals = new float[(int) nnz];
    int[] base = new int[nf];
    for (int f = 0; f < nf; f++) base[f] = schema.offset(f);
    int k = 0;
    for (int e = 0; e < n; e++) {
      for (int f = 0; f < nf; f++) {
        FieldValues v = fields.get(f);
        int r = rows.get(f)[e];
        for (int j = v.offsets()[r]; j < v.offsets()[r + 1]; j++) {
          ids[k] = base[f] + v.ids()[j];
          vals[k++] = v.values()[j];
        }
        off[e * nf + f + 1] = k;
      }
    }
    int width = schema.denseWidth();
    if ((long) n * width > Integer.MAX_VALUE - 8)
      throw new IllegalArgumentException("too many dense floats: " + (long) n * width);
    float[] dense = new float[n * width];
    for (int f = 0; f < nf; f++) {
      Field field = fs.get(f);
      if (!field.isDense()) continue;
      int d = field.dim(), at = schema.denseOffset(f);
      float[] src = fields.get(f).dense();
      int[] r = rows.get(f);
      for (int e = 0; e < n; e++) System.arraycopy(src, r[e] * d, dense, e * width + at, d);
    }
    return new FieldDataset(
        schema,
        off,
        ids,
        vals,
        labels.clone(),
        groups.clone(),
        secondary == null ? null : secondary.clone(),
        dense);
  }

  /** The fields. */
  public FieldSchema schema() {
    return schema;
  }

  /** Number of examples. */
  public int size() {
    return labels.length;
  }

  /** The labels (live). */
  public float[] labels() {
    return labels;
  }

  /** The group of every example (live). */
  public int[] groups() {
    return groups;
  }

  /** The second target of every example (live), or {@code null}. */
  public float[] secondary() {
    return secondary;
  }

  /** The dense block {@code [size, denseWidth]} (live; empty when there are no dense fields). */
  public float[] dense() {
    return dense;
  }

  /** Fraction of positive labels. */
  public double positiveRate() {
    double s = 0;
    for (float y : labels) s += y;
    return labels.length == 0 ? 0 : s / labels.length;
  }

  /** The examples {@code rows}, in that order. */
  public FieldDataset subset(int[] rows) {
    int nf = schema.size();
    long nnz = 0;
    for (int e : rows) nnz += offsets[(e + 1) * nf] - offsets[e * nf];
    int[] off = new int[rows.length * nf + 1];
    int[] ids2 = new int[(int) nnz];
    float[] vals2 = new float[(int) nnz];
    float[] lab = new float[rows.length];
    int[] grp = new int[rows.length];
    float[] sec = secondary == null ? null : new float[rows.length];
    int width = schema.denseWidth();
    float[] dense2 = new float[rows.length * width];
    int k = 0;
    for (int i = 0; i < rows.length; i++) {
      int e = rows[i];
      System.arraycopy(dense, e * width, dense2, i * width, width);
      lab[i] = labels[e];
      grp[i] = groups[e];
      if (sec != null) sec[i] = secondary[e];
      for (int f = 0; f < nf; f++) {
        int a = offsets[e * nf + f], b = offsets[e * nf + f + 1];
        System.arraycopy(ids, a, ids2, k, b - a);
        System.arraycopy(values, a, vals2, k, b - a);
        k += b - a;
        off[i * nf + f + 1] = k;
      }
    }
    return new FieldDataset(schema, off, ids2, vals2, lab, grp, sec, dense2);
  }

  /**
   * A seeded random split into parts of the given fractions (e.g. 0.8, 0.1, 0.1; they must sum to
   * 1): a shuffle of all examples cut in order.
   */
  public List<FieldDataset> randomSplit(long seed, double... fractions) {
    List<FieldDataset> parts = new ArrayList<>();
    for (int[] rows : randomSplitRows(size(), seed, fractions)) parts.add(subset(rows));
    return parts;
  }

  /**
   * The example rows of each part of {@link #randomSplit} over {@code n} examples (one seeded
   * permutation cut at the cumulative fractions), so other per-example data can be split alike.
   */
  public static int[][] randomSplitRows(int n, long seed, double... fractions) {
    double total = 0;
    for (double f : fractions) {
      if (!(f > 0)) throw new IllegalArgumentException("split fractions must be > 0, got " + f);
      total += f;
    }
    if (Math.abs(total - 1) > 1e-9)
      throw new IllegalArgumentException("split fractions must sum to 1, got " + total);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) perm[i] = i;
    Rng rng = new Rng(seed);
    for (int i = n - 1; i > 0; i--) {
      int j = rng.nextInt(i + 1), t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[][] parts = new int[fractions.length][];
    int from = 0;
    double acc = 0;
    for (int p = 0; p < fractions.length; p++) {
      acc += fractions[p];
      int to = p == fractions.length - 1 ? n : (int) Math.round(acc * n);
      parts[p] = java.util.Arrays.copyOfRange(perm, from, to);
      from = to;
    }
    return parts;
  }

  /** Copies examples {@code order[from .. from + batch.size())} into {@code batch}. */
  public void fill(FieldBatch batch, int[] order, int from) {
    int nf = schema.size(), b = batch.size();
    int need = 0;
    for (int i = 0; i < b; i++) {
      int e = order == null ? from + i : order[from + i];
      need += offsets[(e + 1) * nf] - offsets[e * nf];
    }
    batch.ensureCapacity(need);
    int width = schema.denseWidth();
    int k = 0;
    for (int i = 0; i < b; i++) {
      int e = order == null ? from + i : order[from + i];
      int a = offsets[e * nf], z = offsets[(e + 1) * nf];
      System.arraycopy(ids, a, batch.ids, k, z - a);
      System.arraycopy(values, a, batch.values, k, z - a);
      for (int f = 0; f < nf; f++) batch.offsets[i * nf + f + 1] = k + offsets[e * nf + f + 1] - a;
      batch.exampleOffsets[i + 1] = k + z - a;
      k += z - a;
      System.arraycopy(dense, e * width, batch.dense, i * width, width);
      batch.labels[i] = labels[e];
      batch.groups[i] = groups[e];
      batch.secondary[i] = secondary == null ? Float.NaN : secondary[e];
    }
    batch.nnz = k;
  }
}
