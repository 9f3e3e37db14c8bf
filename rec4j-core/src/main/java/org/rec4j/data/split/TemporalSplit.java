package org.rec4j.data.split;

import java.util.Arrays;
import org.rec4j.data.Interactions;
import org.rec4j.data.Split;

/**
 * A global temporal split: rows at or after the test cutoff go to test, rows at or after the
 * validation cutoff (and before the test cutoff) to validation, earlier rows to train. {@link
 * #byFraction} picks the cutoffs as time quantiles. Requires a timestamp column; rows with
 * timestamp 0 (unknown) are refused rather than silently treated as the oldest.
 */
public final class TemporalSplit {
  private TemporalSplit() {}

  /** Splits at the given epoch-second cutoffs ({@code validationFrom <= testFrom}). */
  public static Split cutoff(Interactions data, long validationFrom, long testFrom) {
    check(data);
    if (validationFrom > testFrom) {
      throw new IllegalArgumentException(
          "validationFrom (" + validationFrom + ") must be <= testFrom (" + testFrom + ")");
    }
    byte[] part = new byte[data.size()];
    for (int r = 0; r < part.length; r++) {
      long t = data.timestamp(r);
      part[r] =
          t >= testFrom
              ? RowAssignment.TEST
              : t >= validationFrom ? RowAssignment.VALIDATION : RowAssignment.TRAIN;
    }
    return RowAssignment.apply(data, part);
  }

  /**
   * Puts roughly the latest {@code testFraction} of rows in test and the {@code validationFraction}
   * before in validation (exact up to ties at the cutoff times).
   */
  public static Split byFraction(
      Interactions data, double testFraction, double validationFraction) {
    check(data);
    RowAssignment.checkRatio("testFraction", testFraction);
    RowAssignment.checkRatio("validationFraction", validationFraction);
    long[] t = Arrays.copyOf(data.timestampColumn(), data.size());
    Arrays.sort(t);
    int n = t.length;
    long testFrom = n == 0 ? 0 : t[Math.min(n - 1, (int) Math.floor(n * (1 - testFraction)))];
    long valFrom =
        n == 0
            ? 0
            : t[Math.min(n - 1, (int) Math.floor(n * (1 - testFraction - validationFraction)))];
    if (testFraction == 0) {
      testFrom = Long.MAX_VALUE;
    }
    if (validationFraction == 0) {
      valFrom = testFrom;
    }
    return cutoff(data, valFrom, testFrom);
  }

  private static void check(Interactions data) {
    if (!data.hasTimestamps()) {
      throw new IllegalArgumentException("temporal split needs timestamps; this data has none");
    }
    for (long t : data.timestampColumn()) {
      if (t == 0) {
        throw new IllegalArgumentException(
            "temporal split: some timestamps are 0 (unknown); filter them first");
      }
    }
  }
}
