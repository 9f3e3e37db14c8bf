package org.rec4j.seq;

import java.util.HashMap;
import java.util.Map;
import org.rec4j.data.UserSequences;
import org.rec4j.tensor.Rng;

/**
 * One packed training batch of the cloze task (BERT4Rec, Sun et al. 2019, §3.6): for each user of
 * the batch, the input is the last {@code L} items of their training sequence with each position
 * replaced by the [MASK] token with probability ρ, independently; a sequence where no position was
 * drawn gets one, chosen uniformly, so every sequence contributes to the loss. The targets are the
 * original items at the masked positions.
 *
 * <p>Masked positions are always replaced by [MASK]. (The authors' code, following BERT, also keeps
 * 10% of the chosen positions unchanged and replaces 10% with a random item; that variant is not
 * implemented — inference always reads a [MASK] at the predicted position, which plain replacement
 * trains directly.)
 *
 * <p>Layout as {@link SequenceBatch}: rows {@code [0, real)} are real tokens at their left-padded
 * slot {@code L − n + t}; rows {@code [real, size)} are filler (item 0, slot 0) forming one extra
 * sequence. {@link #maskedRows}{@code [0, masked)} lists the masked rows (in row order) and {@link
 * #labels} their items; both arrays are padded to a size class with row 0 / item 0 entries beyond
 * {@link #masked}, which the loss ignores — so filler rows never enter the loss and the step's
 * arena sees few distinct sizes. Arrays are reused per size class.
 */
final class ClozeBatch {
  private final int maxLength;
  private final int maskToken;
  private final double maskProb;
  private final Map<Integer, int[][]> bySize = new HashMap<>();
  private final Map<Integer, int[][]> byMasked = new HashMap<>();
  private final Map<Integer, int[]> offsetsByCount = new HashMap<>();

  int[] tokens;
  int[] positions;

  /** {@code B + 2} offsets: the batch's sequences, then the filler sequence. */
  int[] offsets;

  /** Real (non-filler) rows. */
  int real;

  /** The masked rows, then padding (row 0) up to the array's size class. */
  int[] maskedRows;

  /** The original item of each masked row (0 for padding entries). */
  int[] labels;

  /** Number of masked rows (the entries of {@link #maskedRows} that count). */
  int masked;

  /**
   * @param maxLength L, the positions read
   * @param maskToken the [MASK] token id (the item count)
   * @param maskProb ρ, in (0, 1]
   */
  ClozeBatch(int maxLength, int maskToken, double maskProb) {
    if (!(maskProb > 0 && maskProb <= 1))
      throw new IllegalArgumentException("mask probability must be in (0, 1], got " + maskProb);
    this.maxLength = maxLength;
    this.maskToken = maskToken;
    this.maskProb = maskProb;
  }

  /** Packs users {@code order[from .. from+size)} of {@code seqs} (each with at least one item). */
  void fill(UserSequences seqs, int[] order, int from, int size, Rng rng) {
    int t = 0;
    for (int i = 0; i < size; i++) t += Math.min(seqs.length(order[from + i]), maxLength);
    int padded = SequenceBatch.sizeClass(t);
    int[][] a =
        bySize.computeIfAbsent(padded, n -> new int[][] {new int[n], new int[n], new int[n]});
    tokens = a[0];
    positions = a[1];
    int[] isMasked = a[2]; // scratch: which rows were masked
    offsets = offsetsByCount.computeIfAbsent(size + 2, n -> new int[n]);
    real = t;
    int row = 0, m = 0;
    for (int i = 0; i < size; i++) {
      int u = order[from + i];
      int len = seqs.length(u), n = Math.min(len, maxLength), first = len - n;
      offsets[i] = row;
      int drawn = 0;
      for (int p = 0; p < n; p++) {
        tokens[row + p] = seqs.item(u, first + p);
        positions[row + p] = maxLength - n + p;
        boolean mask = rng.nextDouble() < maskProb;
        isMasked[row + p] = mask ? 1 : 0;
        if (mask) drawn++;
      }
      if (drawn == 0) {
        isMasked[row + rng.nextInt(n)] = 1;
        drawn = 1;
      }
      m += drawn;
      row += n;
    }
    offsets[size] = row;
    for (; row < padded; row++) {
      tokens[row] = 0;
      positions[row] = 0;
      isMasked[row] = 0;
    }
    offsets[size + 1] = padded;
    int mp = SequenceBatch.sizeClass(m);
    int[][] b = byMasked.computeIfAbsent(mp, n -> new int[][] {new int[n], new int[n]});
    maskedRows = b[0];
    labels = b[1];
    masked = m;
    int k = 0;
    for (int r = 0; r < real; r++) {
      if (isMasked[r] == 0) continue;
      maskedRows[k] = r;
      labels[k++] = tokens[r];
      tokens[r] = maskToken;
    }
    for (; k < mp; k++) {
      maskedRows[k] = 0;
      labels[k] = 0;
    }
  }
}
