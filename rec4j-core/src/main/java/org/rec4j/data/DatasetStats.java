package org.rec4j.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a data set holds: counts, density, the rating histogram, per-user and per-item
 * interaction-count quantiles and the time range.
 *
 * <p>{@code users} and {@code items} count ids that occur in at least one interaction (not the size
 * of the id index, which a split shares with its siblings). Density is {@code interactions / (users
 * · items)}. Quantiles are {@code min, p25, median, p75, p90, max} of the per-entity counts
 * (nearest rank). The time range is over non-zero timestamps ({@code 0} means unknown in some
 * files, e.g. the reconstructed ML-1M); {@code zeroTimestamps} counts the rest, so a report can say
 * how much temporal information there really is.
 *
 * @param users users with at least one interaction
 * @param items items with at least one interaction
 * @param interactions rows
 * @param density interactions / (users · items)
 * @param ratingHistogram value → count, ascending by value
 * @param userCountQuantiles min, p25, p50, p75, p90, max of interactions per user
 * @param itemCountQuantiles the same per item
 * @param minTimestamp smallest non-zero timestamp, or 0
 * @param maxTimestamp largest timestamp, or 0
 * @param zeroTimestamps rows whose timestamp is 0 (all rows when there is no timestamp column)
 */
public record DatasetStats(
    int users,
    int items,
    long interactions,
    double density,
    Map<Float, Long> ratingHistogram,
    int[] userCountQuantiles,
    int[] itemCountQuantiles,
    long minTimestamp,
    long maxTimestamp,
    long zeroTimestamps) {

  /** Labels of the quantile arrays. */
  public static final String[] QUANTILE_LABELS = {"min", "p25", "p50", "p75", "p90", "max"};

  /** Computes the statistics in one pass plus two sorts of count arrays. */
  public static DatasetStats of(Interactions data) {
    int n = data.size();
    int[] perUser = new int[data.numUsers()];
    int[] perItem = new int[data.numItems()];
    long minTs = Long.MAX_VALUE;
    long maxTs = 0;
    long zeros = 0;
    for (int r = 0; r < n; r++) {
      perUser[data.user(r)]++;
      perItem[data.item(r)]++;
      long t = data.timestamp(r);
      if (t == 0) {
        zeros++;
      } else {
        minTs = Math.min(minTs, t);
        maxTs = Math.max(maxTs, t);
      }
    }
    float[] values = Arrays.copyOf(data.valueColumn(), n);
    Arrays.sort(values);
    TreeMap<Float, Long> hist = new TreeMap<>();
    for (int r = 0; r < n; ) {
      int e = r;
      while (e < n && Float.compare(values[e], values[r]) == 0) {
        e++;
      }
      hist.put(values[r], (long) (e - r));
      r = e;
    }
    int[] u = nonZeroSorted(perUser);
    int[] i = nonZeroSorted(perItem);
    double density = u.length == 0 || i.length == 0 ? 0 : n / ((double) u.length * i.length);
    return new DatasetStats(
        u.length,
        i.length,
        n,
        density,
        Collections.unmodifiableMap(hist),
        quantiles(u),
        quantiles(i),
        minTs == Long.MAX_VALUE ? 0 : minTs,
        maxTs,
        zeros);
  }

  private static int[] nonZeroSorted(int[] counts) {
    int[] nz = new int[counts.length];
    int k = 0;
    for (int c : counts) {
      if (c > 0) {
        nz[k++] = c;
      }
    }
    nz = Arrays.copyOf(nz, k);
    Arrays.sort(nz);
    return nz;
  }

  private static int[] quantiles(int[] sorted) {
    double[] qs = {0, 0.25, 0.5, 0.75, 0.9, 1};
    int[] out = new int[qs.length];
    if (sorted.length == 0) {
      return out;
    }
    for (int k = 0; k < qs.length; k++) {
      int rank = (int) Math.ceil(qs[k] * sorted.length) - 1;
      out[k] = sorted[Math.max(0, Math.min(sorted.length - 1, rank))];
    }
    return out;
  }

  /** A multi-line human-readable summary. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format("users         %,d%n", users));
    sb.append(String.format("items         %,d%n", items));
    sb.append(String.format("interactions  %,d%n", interactions));
    sb.append(String.format("density       %.6f%n", density));
    sb.append("per user      ").append(formatQuantiles(userCountQuantiles)).append('\n');
    sb.append("per item      ").append(formatQuantiles(itemCountQuantiles)).append('\n');
    if (ratingHistogram.size() <= 20) {
      sb.append("ratings      ");
      ratingHistogram.forEach((k, v) -> sb.append(String.format(" %s:%,d", trim(k), v)));
      sb.append('\n');
    } else {
      sb.append("ratings       ").append(ratingHistogram.size()).append(" distinct values\n");
    }
    if (maxTimestamp > 0) {
      sb.append(
          String.format(
              "time          %s .. %s%n",
              java.time.Instant.ofEpochSecond(minTimestamp),
              java.time.Instant.ofEpochSecond(maxTimestamp)));
    }
    if (zeroTimestamps > 0) {
      sb.append(String.format("no timestamp  %,d rows%n", zeroTimestamps));
    }
    return sb.toString();
  }

  private static String formatQuantiles(int[] q) {
    StringBuilder sb = new StringBuilder();
    for (int k = 0; k < q.length; k++) {
      sb.append(k == 0 ? "" : " ").append(QUANTILE_LABELS[k]).append('=').append(q[k]);
    }
    return sb.toString();
  }

  private static String trim(float v) {
    return v == Math.rint(v) ? Integer.toString((int) v) : Float.toString(v);
  }
}
