package org.rec4j.data.split;

import org.rec4j.data.Interactions;
import org.rec4j.data.Split;

/**
 * The common last step of every split: each row is assigned to train, validation or test, and the
 * three subsets are cut in row order (so file order survives within each part).
 */
final class RowAssignment {
  static final byte TRAIN = 0;
  static final byte VALIDATION = 1;
  static final byte TEST = 2;

  private RowAssignment() {}

  static Split apply(Interactions data, byte[] part) {
    int[] counts = new int[3];
    for (byte p : part) {
      counts[p]++;
    }
    int[][] rows = {new int[counts[0]], new int[counts[1]], new int[counts[2]]};
    int[] fill = new int[3];
    for (int r = 0; r < part.length; r++) {
      rows[part[r]][fill[part[r]]++] = r;
    }
    return new Split(data.subset(rows[0]), data.subset(rows[1]), data.subset(rows[2]));
  }

  static void checkRatio(String name, double ratio) {
    if (!(ratio >= 0 && ratio < 1)) {
      throw new IllegalArgumentException(name + " must be in [0, 1), got " + ratio);
    }
  }
}
