package org.rec4j.data.split;

import org.rec4j.data.Interactions;
import org.rec4j.data.Split;

/**
 * Removes cold rows from the validation and test parts of a split: rows whose user, or item, has no
 * training interaction. Most evaluation protocols for collaborative filtering do this; cold-start
 * studies keep them.
 */
public final class ColdStartFilter {
  private ColdStartFilter() {}

  /**
   * The split without cold users (if {@code users}) and cold items (if {@code items}) in validation
   * and test.
   */
  public static Split drop(Split split, boolean users, boolean items) {
    Interactions train = split.train();
    boolean[] warmUser = new boolean[train.numUsers()];
    boolean[] warmItem = new boolean[train.numItems()];
    for (int r = 0; r < train.size(); r++) {
      warmUser[train.user(r)] = true;
      warmItem[train.item(r)] = true;
    }
    return new Split(
        train,
        keep(split.validation(), warmUser, warmItem, users, items),
        keep(split.test(), warmUser, warmItem, users, items));
  }

  private static Interactions keep(
      Interactions part, boolean[] warmUser, boolean[] warmItem, boolean users, boolean items) {
    int[] rows = new int[part.size()];
    int n = 0;
    for (int r = 0; r < part.size(); r++) {
      int u = part.user(r);
      int i = part.item(r);
      boolean coldU = u >= warmUser.length || !warmUser[u];
      boolean coldI = i >= warmItem.length || !warmItem[i];
      if (!(users && coldU) && !(items && coldI)) {
        rows[n++] = r;
      }
    }
    return part.subset(java.util.Arrays.copyOf(rows, n));
  }
}
