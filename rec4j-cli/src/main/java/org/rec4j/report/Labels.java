package org.rec4j.report;

import java.util.Collection;
import java.util.Locale;

/**
 * Display names, file-name slugs and the better-direction of metric keys such as {@code rmse} or
 * {@code ndcg@10}.
 */
final class Labels {
  private Labels() {}

  /**
   * Suffix of best-epoch keys measured on the test part ({@code
   * org.rec4j.experiment.Experiment#ON_TEST}).
   */
  private static final String ON_TEST = "_on_test";

  /**
   * {@code "ndcg@10"} → {@code "NDCG@10"}, {@code "best_rmse"} → {@code "best RMSE"}, {@code
   * "best_ndcg@10_on_test"} → {@code "best NDCG@10 (on test)"}.
   */
  static String metric(String key) {
    if (key.endsWith(ON_TEST))
      return metric(key.substring(0, key.length() - ON_TEST.length())) + " (on test)";
    if (key.startsWith("best_")) return "best " + metric(key.substring(5));
    return switch (family(key)) {
      case "hr", "ndcg", "rmse", "mae", "mape", "mrr", "map", "auc", "gauc" ->
          key.toUpperCase(Locale.ROOT);
      case "recall", "precision" -> Character.toUpperCase(key.charAt(0)) + key.substring(1);
      default -> key;
    };
  }

  /** The part before {@code @}: {@code "ndcg@10"} → {@code "ndcg"}. */
  static String family(String key) {
    int at = key.indexOf('@');
    return at < 0 ? key : key.substring(0, at);
  }

  /**
   * The cut-off of {@code family@k}, or −1 when {@code key} is not of that family or has no integer
   * k.
   */
  static int k(String key, String family) {
    if (!key.startsWith(family + "@")) return -1;
    try {
      return Integer.parseInt(key.substring(family.length() + 1));
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /** The key of {@code family} with the largest k among {@code keys}, or null. */
  static String largestK(Collection<String> keys, String family) {
    int best = -1;
    for (String key : keys) best = Math.max(best, k(key, family));
    return best < 0 ? null : family + "@" + best;
  }

  /**
   * A file-name part: {@code "ndcg@10"} → {@code "ndcg-at-10"}; anything but a–z, 0–9 becomes
   * {@code -}.
   */
  static String slug(String text) {
    String s =
        text.toLowerCase(Locale.ROOT)
            .replace("@", "-at-")
            .replaceAll("[^a-z0-9]+", "-")
            .replaceAll("^-+|-+$", "");
    return s.isEmpty() ? "x" : s;
  }

  /** A short decimal without trailing zeros: 0.25 → "0.25", 2.0 → "2". */
  static String number(double v) {
    return java.math.BigDecimal.valueOf(v)
        .round(new java.math.MathContext(6))
        .stripTrailingZeros()
        .toPlainString();
  }

  /** Whether smaller values of metric {@code key} are better (errors, losses, times). */
  static boolean lowerIsBetter(String key) {
    String k = key.endsWith(ON_TEST) ? key.substring(0, key.length() - ON_TEST.length()) : key;
    k = k.startsWith("best_") ? k.substring(5) : k;
    String f = family(k).toLowerCase(Locale.ROOT);
    return f.equals("rmse")
        || f.equals("mae")
        || f.equals("mape")
        || f.contains("loss")
        || f.endsWith("seconds")
        || f.equals("popularity_bias");
  }

  /**
   * Whether {@code key} is a quality measure worth highlighting the best of (not a count or an
   * epoch number).
   */
  static boolean comparable(String key) {
    return !key.startsWith("best_epoch") && !key.equals("epochs") && !key.equals("users_evaluated");
  }
}
