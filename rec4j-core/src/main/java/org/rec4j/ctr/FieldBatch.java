package org.rec4j.ctr;

/**
 * One mini-batch of field examples in reusable arrays: example {@code b}'s field {@code f} holds
 * global ids {@code ids()[offsets()[b·F + f] .. offsets()[b·F + f + 1])} weighted by {@code
 * values()}, and {@code exampleOffsets()} gives the range of all of example {@code b}'s ids (for
 * linear terms), and {@code dense()} holds the vectors of the dense fields as {@code [B, D]} (D =
 * {@link FieldSchema#denseWidth()}), example {@code b}'s dense field {@code f} at {@code
 * dense()[b·D + schema().denseOffset(f) ..]}. The id and value arrays have spare capacity: entries
 * past {@link #nnz()} are stale. A batch is reused across steps, so the arrays are valid only until
 * the next {@link FieldDataset#fill}.
 */
public final class FieldBatch {
  private final FieldSchema schema;
  final int[] offsets;
  final int[] exampleOffsets;
  final float[] labels;
  final int[] groups;
  final float[] secondary;
  final float[] dense;
  int[] ids = new int[0];
  float[] values = new float[0];
  int nnz;

  /** An empty batch of {@code size} examples over {@code schema}. */
  public FieldBatch(FieldSchema schema, int size) {
    if (size <= 0) throw new IllegalArgumentException("batch size must be > 0, got " + size);
    this.schema = schema;
    offsets = new int[size * schema.size() + 1];
    exampleOffsets = new int[size + 1];
    labels = new float[size];
    groups = new int[size];
    secondary = new float[size];
    dense = new float[size * schema.denseWidth()];
  }

  void ensureCapacity(int n) {
    if (ids.length < n) {
      int cap = Math.max(n, ids.length + ids.length / 2);
      ids = new int[cap];
      values = new float[cap];
    }
  }

  /** Number of examples B. */
  public int size() {
    return labels.length;
  }

  /** The fields. */
  public FieldSchema schema() {
    return schema;
  }

  /** Number of fields F. */
  public int fields() {
    return schema.size();
  }

  /** Global ids (live; capacity may exceed {@link #nnz()}). */
  public int[] ids() {
    return ids;
  }

  /** Values per id (live). */
  public float[] values() {
    return values;
  }

  /** Per-(example, field) offsets, length B·F + 1 (live). */
  public int[] offsets() {
    return offsets;
  }

  /** Per-example offsets, length B + 1 (live). */
  public int[] exampleOffsets() {
    return exampleOffsets;
  }

  /** Labels (live). */
  public float[] labels() {
    return labels;
  }

  /** Groups (users) (live). */
  public int[] groups() {
    return groups;
  }

  /** Second targets (live; NaN when the dataset has none). */
  public float[] secondary() {
    return secondary;
  }

  /** The dense vectors {@code [B, D]}, row-major (live; empty when there are no dense fields). */
  public float[] dense() {
    return dense;
  }

  /** Floats per example in {@link #dense()}. */
  public int denseWidth() {
    return schema.denseWidth();
  }

  /** Number of valid entries in {@link #ids()} and {@link #values()}. */
  public int nnz() {
    return nnz;
  }
}
