package org.rec4j.data;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An immutable table of user–item interactions held column by column in primitive arrays: dense
 * user id, dense item id, value (a rating, or 1 for implicit feedback), timestamp (epoch seconds,
 * optional), weight (optional) and any number of named integer context columns (e.g. a categorical
 * "daytime" code per interaction).
 *
 * <p>Dense ids come from the {@link IdIndex} pair held here; every split of a data set shares the
 * same pair, so a user has the same dense id in train and test. The CSR views {@link #byUser()} and
 * {@link #byItem()} are built on first use, once, and cached.
 *
 * <p>The {@code …Column()} accessors return the backing arrays for speed; callers must not modify
 * them.
 */
public final class Interactions {
  private final IdIndex users;
  private final IdIndex items;
  private final int[] user;
  private final int[] item;
  private final float[] value;
  private final long[] timestamp;
  private final float[] weight;
  private final Map<String, int[]> context;
  private final LazyCsr byUser;
  private final LazyCsr byItem;

  Interactions(
      IdIndex users,
      IdIndex items,
      int[] user,
      int[] item,
      float[] value,
      long[] timestamp,
      float[] weight,
      Map<String, int[]> context) {
    this.users = Objects.requireNonNull(users, "users");
    this.items = Objects.requireNonNull(items, "items");
    this.user = user;
    this.item = item;
    this.value = value;
    this.timestamp = timestamp;
    this.weight = weight;
    this.context = Collections.unmodifiableMap(context);
    this.byUser = new LazyCsr(() -> Csr.build(users.size(), user, item, user.length));
    this.byItem = new LazyCsr(() -> Csr.build(items.size(), item, user, item.length));
  }

  /** A builder whose dense ids refer to {@code users} and {@code items} (which it may grow). */
  public static InteractionsBuilder builder(IdIndex users, IdIndex items) {
    return new InteractionsBuilder(users, items);
  }

  /** Number of interactions (rows). */
  public int size() {
    return user.length;
  }

  /**
   * Number of users in the index (may exceed those with interactions here, e.g. in a test split).
   */
  public int numUsers() {
    return users.size();
  }

  /**
   * Number of distinct users that have at least one interaction here (e.g. the users a test split
   * evaluates).
   */
  public int activeUsers() {
    int n = 0;
    boolean[] seen = new boolean[users.size()];
    for (int u : user) {
      if (!seen[u]) {
        seen[u] = true;
        n++;
      }
    }
    return n;
  }

  /** Number of items in the index. */
  public int numItems() {
    return items.size();
  }

  /** The user id index. */
  public IdIndex userIndex() {
    return users;
  }

  /** The item id index. */
  public IdIndex itemIndex() {
    return items;
  }

  /** Dense user id of row {@code r}. */
  public int user(int r) {
    return user[r];
  }

  /** Dense item id of row {@code r}. */
  public int item(int r) {
    return item[r];
  }

  /** Value (rating, or 1 for implicit) of row {@code r}. */
  public float value(int r) {
    return value[r];
  }

  /** Whether a timestamp column is present. */
  public boolean hasTimestamps() {
    return timestamp != null;
  }

  /** Timestamp of row {@code r}, or 0 when there is no timestamp column. */
  public long timestamp(int r) {
    return timestamp == null ? 0 : timestamp[r];
  }

  /** Weight of row {@code r}; 1 when there is no weight column. */
  public float weight(int r) {
    return weight == null ? 1f : weight[r];
  }

  /** Whether a weight column is present. */
  public boolean hasWeights() {
    return weight != null;
  }

  /** The named context columns (codes per interaction). */
  public Map<String, int[]> context() {
    return context;
  }

  /** Backing user column; do not modify. */
  public int[] userColumn() {
    return user;
  }

  /** Backing item column; do not modify. */
  public int[] itemColumn() {
    return item;
  }

  /** Backing value column; do not modify. */
  public float[] valueColumn() {
    return value;
  }

  /** Backing timestamp column or null; do not modify. */
  public long[] timestampColumn() {
    return timestamp;
  }

  /**
   * Rows grouped by user: row = user, neighbours = items (sorted). Built on first call, then
   * cached.
   */
  public Csr byUser() {
    return byUser.get();
  }

  /**
   * Rows grouped by item: row = item, neighbours = users (sorted). Built on first call, then
   * cached.
   */
  public Csr byItem() {
    return byItem.get();
  }

  /** The interactions at {@code rows} (in that order), sharing this table's id indexes. */
  public Interactions subset(int[] rows) {
    int n = rows.length;
    int[] u = new int[n];
    int[] i = new int[n];
    float[] v = new float[n];
    long[] t = timestamp == null ? null : new long[n];
    float[] w = weight == null ? null : new float[n];
    Map<String, int[]> ctx = new LinkedHashMap<>();
    for (Map.Entry<String, int[]> e : context.entrySet()) {
      ctx.put(e.getKey(), new int[n]);
    }
    for (int k = 0; k < n; k++) {
      int r = rows[k];
      u[k] = user[r];
      i[k] = item[r];
      v[k] = value[r];
      if (t != null) {
        t[k] = timestamp[r];
      }
      if (w != null) {
        w[k] = weight[r];
      }
      for (Map.Entry<String, int[]> e : context.entrySet()) {
        ctx.get(e.getKey())[k] = e.getValue()[r];
      }
    }
    return new Interactions(users, items, u, i, v, t, w, ctx);
  }

  /** Rows {@code 0..size()-1} as an array (a convenience for splits). */
  public int[] allRows() {
    int[] rows = new int[size()];
    Arrays.setAll(rows, k -> k);
    return rows;
  }

  /** Summary statistics; see {@link DatasetStats}. */
  public DatasetStats stats() {
    return DatasetStats.of(this);
  }

  @Override
  public String toString() {
    return "Interactions[" + size() + " rows, " + numUsers() + " users, " + numItems() + " items]";
  }
}
