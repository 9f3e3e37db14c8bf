package org.rec4j.config;

import java.util.Collection;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the valid key closest to a misspelt one. The distance is the Levenshtein edit distance
 * between the keys (after lower-casing, {@code -} → {@code _} and camelCase → snake_case), except
 * that a few well-known synonyms, a key spelt out in words whose initials give the valid key
 * ({@code learning_rate} → {@code lr}), a key with the valid key as one of its words ({@code
 * batch_size} → {@code batch}) and a prefix of at least three letters count as one edit. Keys
 * further than a third of their length (at least 2 edits) get no suggestion.
 */
public final class KeySuggester {
  private static final Map<String, String> SYNONYMS =
      Map.ofEntries(
          Map.entry("weight_decay", "l2"),
          Map.entry("regularization", "l2"),
          Map.entry("embedding_size", "factors"),
          Map.entry("embedding_dim", "factors"),
          Map.entry("dim", "factors"),
          Map.entry("loss", "objective"),
          Map.entry("metric", "monitor"),
          Map.entry("early_stopping", "patience"),
          Map.entry("workers", "threads"),
          Map.entry("mlp", "layers"),
          Map.entry("cutoffs", "k"),
          Map.entry("model", "name"),
          Map.entry("dataset", "spec"),
          Map.entry("path", "spec"),
          Map.entry("scheduler", "schedule"),
          Map.entry("lr_scheduler", "schedule"),
          Map.entry("decay", "schedule"));

  private KeySuggester() {}

  /** The key of {@code valid} closest to {@code key}, if any is close enough. */
  public static Optional<String> closest(String key, Collection<String> valid) {
    String k = normalize(key);
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String v : valid) {
      int d = distance(k, v);
      if (d < bestDistance) {
        best = v;
        bestDistance = d;
      }
    }
    return bestDistance <= Math.max(2, k.length() / 3)
        ? Optional.ofNullable(best)
        : Optional.empty();
  }

  /** The distance from a normalized key to a valid key. */
  static int distance(String k, String valid) {
    if (k.equals(valid)) return 0;
    if (valid.equals(SYNONYMS.get(k))) return 1;
    String[] words = k.split("_");
    StringBuilder initials = new StringBuilder();
    for (String w : words) {
      if (w.equals(valid)) return 1;
      if (!w.isEmpty()) initials.append(w.charAt(0));
    }
    if (words.length > 1 && initials.toString().equals(valid)) return 1;
    if (Math.min(k.length(), valid.length()) >= 3 && (k.startsWith(valid) || valid.startsWith(k)))
      return 1;
    return levenshtein(k, valid);
  }

  public static String normalize(String key) {
    return key.replaceAll("([a-z0-9])([A-Z])", "$1_$2").toLowerCase(Locale.ROOT).replace('-', '_');
  }

  /**
   * The classic edit distance (insertions, deletions, substitutions), two rows of dynamic
   * programming.
   */
  static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) prev[j] = j;
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
