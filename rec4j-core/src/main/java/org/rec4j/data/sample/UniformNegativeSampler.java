package org.rec4j.data.sample;

import org.rec4j.data.Csr;
import org.rec4j.data.Interactions;
import org.rec4j.tensor.Rng;

/**
 * Uniform over the items a user has not interacted with in the given (training) interactions. A
 * draw is rejection sampling against the user's positives: a per-user bitset (O(1) test) when
 * {@code users × items} bits fit in {@value #MAX_BITSET_BYTES} bytes, else the user's sorted item
 * list (binary search, O(log d)). For users who interacted with more than half of the catalog it
 * switches to an exact rank-select over the complement, O(d), so it never loops long. A user who
 * interacted with every item has no negative: that throws.
 */
public final class UniformNegativeSampler implements NegativeSampler {
  static final long MAX_BITSET_BYTES = 64L << 20;

  private final Csr byUser;
  private final long[] bits;
  private final int words;
  private final int numItems;
  private final int[] distinct;

  /** A sampler excluding the interactions of {@code train}. */
  public UniformNegativeSampler(Interactions train) {
    this.byUser = train.byUser();
    this.numItems = train.numItems();
    this.words = (numItems + 63) >>> 6;
    long bytes = 8L * words * byUser.rows();
    this.bits = bytes <= MAX_BITSET_BYTES ? new long[words * byUser.rows()] : null;
    if (bits != null) {
      for (int u = 0; u < byUser.rows(); u++) {
        for (int p = byUser.start(u); p < byUser.end(u); p++) {
          int t = byUser.target(p);
          bits[u * words + (t >>> 6)] |= 1L << t;
        }
      }
    }
    this.distinct = new int[byUser.rows()];
    for (int u = 0; u < byUser.rows(); u++) {
      int last = -1;
      for (int p = byUser.start(u); p < byUser.end(u); p++) {
        if (byUser.target(p) != last) {
          distinct[u]++;
          last = byUser.target(p);
        }
      }
    }
  }

  @Override
  public int sample(int user, Rng rng) {
    if (user >= distinct.length) {
      return rng.nextInt(numItems); // a user unknown to train has no positives
    }
    int d = distinct[user];
    if (d * 2 <= numItems) {
      if (bits != null) {
        int base = user * words;
        while (true) {
          int i = rng.nextInt(numItems);
          if ((bits[base + (i >>> 6)] & (1L << i)) == 0) {
            return i;
          }
        }
      }
      while (true) {
        int i = rng.nextInt(numItems);
        if (!byUser.contains(user, i)) {
          return i;
        }
      }
    }
    int free = numItems - d;
    if (free <= 0) {
      throw new IllegalStateException(
          "user " + user + " interacted with all " + numItems + " items: no negative");
    }
    int k = rng.nextInt(free);
    int candidate = k;
    int last = -1;
    for (int p = byUser.start(user); p < byUser.end(user); p++) {
      int t = byUser.target(p);
      if (t == last) {
        continue;
      }
      last = t;
      if (t <= candidate) {
        candidate++;
      } else {
        break;
      }
    }
    return candidate;
  }

  /** Whether {@code item} is a positive of {@code user} (i.e. never returned for that user). */
  public boolean isPositive(int user, int item) {
    if (user >= byUser.rows()) {
      return false;
    }
    return bits != null
        ? (bits[user * words + (item >>> 6)] & (1L << item)) != 0
        : byUser.contains(user, item);
  }
}
