package org.rec4j.data.split;

import java.util.ArrayList;
import java.util.List;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;
import org.rec4j.tensor.Rng;

/**
 * K-fold cross-validation over rows: one seeded shuffle, then fold {@code f} is the test part of
 * split {@code f} and the other folds its train part (validation empty). The folds are disjoint and
 * cover every row. The official MovieLens 100K folds {@code u1..u5} are read by {@link
 * org.rec4j.data.io.MovieLens100kReader#fold} instead.
 */
public final class KFoldSplit {
  private KFoldSplit() {}

  /** All {@code k} splits. */
  public static List<Split> folds(Interactions data, int k, Rng rng) {
    if (k < 2) {
      throw new IllegalArgumentException("k must be >= 2, got " + k);
    }
    int n = data.size();
    int[] rows = data.allRows();
    rng.shuffle(rows, n);
    int[] foldOf = new int[n];
    for (int p = 0; p < n; p++) {
      foldOf[rows[p]] = (int) ((long) p * k / n);
    }
    List<Split> out = new ArrayList<>();
    for (int f = 0; f < k; f++) {
      byte[] part = new byte[n];
      for (int r = 0; r < n; r++) {
        part[r] = foldOf[r] == f ? RowAssignment.TEST : RowAssignment.TRAIN;
      }
      out.add(RowAssignment.apply(data, part));
    }
    return out;
  }
}
