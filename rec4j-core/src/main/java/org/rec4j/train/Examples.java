package org.rec4j.train;

import org.rec4j.data.Interactions;
import org.rec4j.data.sample.UniformNegativeSampler;
import org.rec4j.tensor.Rng;

/**
 * The epoch's examples in parallel arrays, rebuilt (negatives re-drawn) and shuffled each epoch.
 */
final class Examples {
  private final Interactions train;
  private final Objective obj;
  private final int neg;
  private final int[] users;
  private final int[] items;
  private final int[] negs;
  private final float[] labels;
  int size;

  Examples(Interactions train, Objective obj, int neg) {
    this.train = train;
    this.obj = obj;
    this.neg = neg;
    int n =
        switch (obj) {
          case BCE -> train.size() * (1 + neg);
          case BPR -> train.size() * neg;
          default -> train.size();
        };
    users = new int[n];
    items = new int[n];
    negs = obj == Objective.BPR ? new int[n] : null;
    labels = new float[n];
  }

  void build(UniformNegativeSampler sampler, Rng rng) {
    int k = 0;
    for (int r = 0; r < train.size(); r++) {
      int u = train.user(r), i = train.item(r);
      switch (obj) {
        case BCE -> {
          users[k] = u;
          items[k] = i;
          labels[k++] = 1f;
          for (int j = 0; j < neg; j++) {
            users[k] = u;
            items[k] = sampler.sample(u, rng);
            labels[k++] = 0f;
          }
        }
        case BPR -> {
          for (int j = 0; j < neg; j++) {
            users[k] = u;
            items[k] = i;
            negs[k] = sampler.sample(u, rng);
            labels[k++] = 1f;
          }
        }
        default -> {
          users[k] = u;
          items[k] = i;
          labels[k++] = train.value(r);
        }
      }
    }
    size = k;
    for (int a = size - 1; a > 0; a--) {
      int b = rng.nextInt(a + 1);
      swap(users, a, b);
      swap(items, a, b);
      if (negs != null) swap(negs, a, b);
      float t = labels[a];
      labels[a] = labels[b];
      labels[b] = t;
    }
  }

  void fill(Batch batch, int from) {
    int n = batch.size();
    System.arraycopy(users, from, batch.users, 0, n);
    System.arraycopy(items, from, batch.items, 0, n);
    if (negs != null) System.arraycopy(negs, from, batch.negatives, 0, n);
    System.arraycopy(labels, from, batch.labels, 0, n);
  }

  private static void swap(int[] a, int i, int j) {
    int t = a[i];
    a[i] = a[j];
    a[j] = t;
  }
}
