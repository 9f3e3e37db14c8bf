package org.rec4j.eval;

import java.util.Arrays;

/**
 * One ranking evaluation: the test users, their held-out relevant items, and the protocol's
 * candidates.
 *
 * <ul>
 *   <li><b>Sampled</b> ({@link #sampled}): each user ranks only their own candidate list (e.g.
 *       NCF's held-out item plus 99 provided negatives, or N uniform/popularity negatives).
 *   <li><b>Full</b> ({@link #full}): each user ranks the whole catalog minus the items they
 *       interacted with in training (the exclusion lists).
 * </ul>
 */
public final class RankingTask {
  private final int numItems;
  private final int[] users;
  private final Relevance[] relevant;
  private final int[][] candidates;
  private final int[][] exclude;

  private RankingTask(
      int numItems, int[] users, Relevance[] relevant, int[][] candidates, int[][] exclude) {
    if (users.length != relevant.length)
      throw new IllegalArgumentException(
          users.length + " users but " + relevant.length + " relevance sets");
    for (int i = 0; i < relevant.length; i++) {
      if (relevant[i].size() == 0)
        throw new IllegalArgumentException("test user " + users[i] + " has no relevant item");
    }
    this.numItems = numItems;
    this.users = users;
    this.relevant = relevant;
    this.candidates = candidates;
    this.exclude = exclude;
  }

  /**
   * A sampled-candidates task: user {@code users[i]} ranks {@code candidates[i]} (which should hold
   * its positives).
   */
  public static RankingTask sampled(
      int numItems, int[] users, Relevance[] relevant, int[][] candidates) {
    if (candidates.length != users.length)
      throw new IllegalArgumentException(
          users.length + " users but " + candidates.length + " candidate lists");
    return new RankingTask(numItems, users, relevant, candidates, null);
  }

  /**
   * A full-ranking task: user {@code users[i]} ranks all items except {@code exclude[i]} (any
   * order, repeats allowed; copied sorted without repeats).
   */
  public static RankingTask full(int numItems, int[] users, Relevance[] relevant, int[][] exclude) {
    if (exclude.length != users.length)
      throw new IllegalArgumentException(
          users.length + " users but " + exclude.length + " exclusion lists");
    int[][] sorted = new int[exclude.length][];
    for (int i = 0; i < exclude.length; i++) {
      sorted[i] = Arrays.stream(exclude[i]).sorted().distinct().toArray();
    }
    return new RankingTask(numItems, users, relevant, null, sorted);
  }

  /** Whether candidates are sampled (vs full catalog). */
  public boolean isSampled() {
    return candidates != null;
  }

  /** Catalog size. */
  public int numItems() {
    return numItems;
  }

  /** Number of test users. */
  public int size() {
    return users.length;
  }

  /** Test user {@code i}. */
  public int user(int i) {
    return users[i];
  }

  /** The relevant items of test user {@code i}. */
  public Relevance relevant(int i) {
    return relevant[i];
  }

  /** Candidates of test user {@code i} (sampled protocol only). */
  public int[] candidates(int i) {
    return candidates[i];
  }

  /** Sorted excluded items of test user {@code i}, each once (full protocol only). */
  public int[] excluded(int i) {
    return exclude[i];
  }
}
