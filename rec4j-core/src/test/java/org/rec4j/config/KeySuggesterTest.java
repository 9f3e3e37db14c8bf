package org.rec4j.config;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.Test;

class KeySuggesterTest {
  private static final List<String> TRAINER =
      List.of(
          "task",
          "objective",
          "epochs",
          "batch",
          "optimizer",
          "lr",
          "l2",
          "negatives",
          "threads",
          "seed",
          "validation",
          "patience",
          "monitor",
          "schedule",
          "swa",
          "eval_every");

  @Test
  void suggestsTheClosestKey() {
    assertEquals(
        Optional.of("lr"), KeySuggester.closest("learning_rate", TRAINER), "initials of the words");
    assertEquals(
        Optional.of("batch"), KeySuggester.closest("batch_size", TRAINER), "one word of the key");
    assertEquals(Optional.of("epochs"), KeySuggester.closest("epoch", TRAINER), "one deletion");
    assertEquals(
        Optional.of("optimizer"), KeySuggester.closest("optimiser", TRAINER), "one substitution");
    assertEquals(Optional.of("optimizer"), KeySuggester.closest("optim", TRAINER), "a prefix");
    assertEquals(Optional.of("l2"), KeySuggester.closest("weight_decay", TRAINER), "a synonym");
    assertEquals(
        Optional.of("negatives"), KeySuggester.closest("numNegatives", TRAINER), "camelCase");
    assertEquals(
        Optional.of("batch_norm"),
        KeySuggester.closest("batch-norm", List.of("name", "factors", "layers", "batch_norm")));
    assertEquals(Optional.empty(), KeySuggester.closest("colour", TRAINER), "nothing close");
  }

  @Test
  void levenshteinMatchesItsDefinition() {
    assertEquals(3, KeySuggester.levenshtein("kitten", "sitting"));
    assertEquals(0, KeySuggester.levenshtein("", ""));
    assertEquals(4, KeySuggester.levenshtein("", "abcd"));
    long seed = 20261129L;
    Random r = new Random(seed);
    for (int t = 0; t < 300; t++) {
      String a = word(r);
      String b = word(r);
      int d = KeySuggester.levenshtein(a, b);
      assertEquals(d, KeySuggester.levenshtein(b, a), "symmetric, seed " + seed);
      assertEquals(slow(a, b), d, a + " vs " + b + ", seed " + seed);
      // within |len difference| and max length, zero exactly for equal strings
      assertEquals(a.equals(b), d == 0, "seed " + seed);
      org.junit.jupiter.api.Assertions.assertTrue(
          d >= Math.abs(a.length() - b.length()) && d <= Math.max(a.length(), b.length()));
    }
  }

  private static String word(Random r) {
    StringBuilder b = new StringBuilder();
    for (int i = r.nextInt(7); i > 0; i--) b.append((char) ('a' + r.nextInt(3)));
    return b.toString();
  }

  /** The recursive definition, exponential but obviously right for short words. */
  private static int slow(String a, String b) {
    if (a.isEmpty()) return b.length();
    if (b.isEmpty()) return a.length();
    int cost = a.charAt(0) == b.charAt(0) ? 0 : 1;
    return Math.min(
        slow(a.substring(1), b.substring(1)) + cost,
        Math.min(slow(a.substring(1), b), slow(a, b.substring(1))) + 1);
  }
}
