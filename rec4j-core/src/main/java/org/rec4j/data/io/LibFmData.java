package org.rec4j.data.io;

/**
 * Instances of a libFM / libSVM file as a sparse matrix: instance {@code r} has label {@code
 * labels[r]} and features {@code features[offsets[r] .. offsets[r+1])} with values {@code
 * values[…]}, as written in the file (feature ids are the file's integer ids, not re-indexed). This
 * is the input factorization-machine models (FM, NFM, AFM, DeepFM) want.
 *
 * @param labels label per instance
 * @param offsets instance offsets, length instances+1
 * @param features feature id per non-zero
 * @param values value per non-zero
 * @param maxFeature largest feature id seen (dimension is maxFeature + 1)
 */
public record LibFmData(
    float[] labels, int[] offsets, int[] features, float[] values, int maxFeature) {

  /** Number of instances. */
  public int size() {
    return labels.length;
  }

  /** Number of non-zeros of instance {@code r}. */
  public int length(int r) {
    return offsets[r + 1] - offsets[r];
  }
}
