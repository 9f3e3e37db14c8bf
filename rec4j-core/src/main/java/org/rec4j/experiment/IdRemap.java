package org.rec4j.experiment;

import org.rec4j.data.IdIndex;
import org.rec4j.data.Interactions;
import org.rec4j.data.InteractionsBuilder;

/**
 * Translates data loaded on its own (with its own dense ids) into a saved model's id space through
 * the raw ids; rows whose user or item the model does not know are dropped and counted.
 */
public final class IdRemap {
  private final int[] users;
  private final int[] items;

  /**
   * The translation from {@code dataUsers}/{@code dataItems} to {@code modelUsers}/{@code
   * modelItems}.
   */
  public IdRemap(IdIndex dataUsers, IdIndex dataItems, IdIndex modelUsers, IdIndex modelItems) {
    users = map(dataUsers, modelUsers);
    items = map(dataItems, modelItems);
  }

  private static int[] map(IdIndex from, IdIndex to) {
    int[] m = new int[from.size()];
    for (int i = 0; i < m.length; i++) m[i] = to.get(from.raw(i));
    return m;
  }

  /** The model id of data user {@code u}, or −1. */
  public int user(int u) {
    return u < users.length ? users[u] : -1;
  }

  /** The model id of data item {@code i}, or −1. */
  public int item(int i) {
    return i < items.length ? items[i] : -1;
  }

  /**
   * {@code in} in the model's ids (rows with unknown ids dropped), over copies of the model's
   * indexes.
   */
  public Interactions apply(Interactions in, IdIndex modelUsers, IdIndex modelItems) {
    InteractionsBuilder b = Interactions.builder(modelUsers.copy(), modelItems.copy());
    for (int r = 0; r < in.size(); r++) {
      int u = user(in.user(r)), i = item(in.item(r));
      if (u >= 0 && i >= 0) {
        if (in.hasTimestamps()) b.add(u, i, in.value(r), in.timestamp(r));
        else b.add(u, i, in.value(r));
      }
    }
    return b.build();
  }

  /**
   * Candidate lists in the model's item ids (unknown items dropped), aligned with the kept test
   * rows.
   */
  public int[][] candidates(Interactions test, int[][] cand) {
    if (cand == null) return null;
    java.util.List<int[]> out = new java.util.ArrayList<>();
    for (int r = 0; r < test.size(); r++) {
      if (user(test.user(r)) < 0 || item(test.item(r)) < 0) continue;
      out.add(java.util.Arrays.stream(cand[r]).map(this::item).filter(x -> x >= 0).toArray());
    }
    return out.toArray(int[][]::new);
  }
}
