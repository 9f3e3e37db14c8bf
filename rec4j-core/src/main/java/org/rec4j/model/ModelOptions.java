package org.rec4j.model;

import java.util.Arrays;

/**
 * The shared hyper-parameters from which the registry builds any id-based model (each model reads
 * the ones it uses and documents how).
 *
 * @param numUsers users in the id space
 * @param numItems items in the id space
 * @param factors embedding size of dot-product parts (MF, GMF, the GMF branch of NeuMF,
 *     Wide&amp;Deep's deep ids)
 * @param layers MLP tower in the NCF paper's convention: {@code layers[0]} is the concatenated
 *     embedding width (so each side's MLP embedding is {@code layers[0] / 2}) and the rest are
 *     hidden widths; e.g. {@code [64, 32, 16, 8]}. The seed's "layers [20, 10] after a 2×10 input"
 *     is {@code [20, 20, 10]} here.
 * @param dropout dropout after each hidden layer (0 disables)
 * @param batchNorm batch normalization in hidden layers
 * @param rating whether the model regresses explicit ratings (linear output) rather than implicit
 *     logits
 * @param seed initialization seed
 * @param embeddingStd standard deviation of N(0, std²) embedding initialization (0.01 as in NCF)
 * @param crossBuckets Wide&amp;Deep: hashed user×item cross-product buckets (0 = no cross feature)
 */
public record ModelOptions(
    int numUsers,
    int numItems,
    int factors,
    int[] layers,
    float dropout,
    boolean batchNorm,
    boolean rating,
    long seed,
    float embeddingStd,
    int crossBuckets) {
  /** Validates every field. */
  public ModelOptions {
    if (numUsers < 1) throw new IllegalArgumentException("numUsers must be >= 1, got " + numUsers);
    if (numItems < 1) throw new IllegalArgumentException("numItems must be >= 1, got " + numItems);
    if (factors < 1) throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    if (layers == null || layers.length < 2)
      throw new IllegalArgumentException(
          "layers needs an input width and at least one hidden width, got "
              + Arrays.toString(layers));
    for (int l : layers)
      if (l < 1)
        throw new IllegalArgumentException(
            "layers must be positive, got " + Arrays.toString(layers));
    if (layers[0] % 2 != 0)
      throw new IllegalArgumentException(
          "layers[0] is the concatenated user+item embedding width and must be even, got "
              + layers[0]);
    layers = layers.clone();
    if (!(dropout >= 0 && dropout < 1))
      throw new IllegalArgumentException("dropout must be in [0, 1), got " + dropout);
    if (!(embeddingStd > 0))
      throw new IllegalArgumentException("embedding std must be > 0, got " + embeddingStd);
    if (crossBuckets < 0)
      throw new IllegalArgumentException("cross buckets must be >= 0, got " + crossBuckets);
  }

  @Override
  public int[] layers() {
    return layers.clone();
  }

  /**
   * NCF-paper implicit defaults for {@code f} predictive factors: layers [8f, 4f, 2f, f], no
   * dropout.
   */
  public static ModelOptions implicit(int numUsers, int numItems, int f) {
    return new ModelOptions(
        numUsers, numItems, f, new int[] {8 * f, 4 * f, 2 * f, f}, 0f, false, false, 42, 0.01f, 0);
  }

  /** The seed's rating setup: factors 10, hidden [20, 10] after a 2×10 input, dropout 0.1. */
  public static ModelOptions ratingSeed(int numUsers, int numItems) {
    return new ModelOptions(
        numUsers, numItems, 10, new int[] {20, 20, 10}, 0.1f, false, true, 42, 0.01f, 0);
  }

  /** A copy with another seed. */
  public ModelOptions withSeed(long s) {
    return new ModelOptions(
        numUsers,
        numItems,
        factors,
        layers,
        dropout,
        batchNorm,
        rating,
        s,
        embeddingStd,
        crossBuckets);
  }

  /** A copy with other factors and layers. */
  public ModelOptions withArchitecture(int f, int... l) {
    return new ModelOptions(
        numUsers, numItems, f, l, dropout, batchNorm, rating, seed, embeddingStd, crossBuckets);
  }

  /** A copy with another id space (e.g. after loading data). */
  public ModelOptions withIds(int users, int items) {
    return new ModelOptions(
        users,
        items,
        factors,
        layers,
        dropout,
        batchNorm,
        rating,
        seed,
        embeddingStd,
        crossBuckets);
  }
}
