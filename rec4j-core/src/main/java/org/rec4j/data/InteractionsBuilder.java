package org.rec4j.data;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Accumulates interactions into growable primitive columns, then freezes them into {@link
 * Interactions}. The timestamp and weight columns exist only if some row set them. Not thread-safe.
 */
public final class InteractionsBuilder {
  private final IdIndex users;
  private final IdIndex items;
  private int n;
  private int[] user = new int[1024];
  private int[] item = new int[1024];
  private float[] value = new float[1024];
  private long[] timestamp;
  private float[] weight;
  private final Map<String, int[]> context = new LinkedHashMap<>();

  InteractionsBuilder(IdIndex users, IdIndex items) {
    this.users = users;
    this.items = items;
  }

  /** The user index this builder writes to. */
  public IdIndex users() {
    return users;
  }

  /** The item index this builder writes to. */
  public IdIndex items() {
    return items;
  }

  /** Number of rows so far. */
  public int size() {
    return n;
  }

  /** Pre-sizes the columns for {@code capacity} rows. */
  public InteractionsBuilder reserve(int capacity) {
    if (capacity > user.length) {
      grow(capacity);
    }
    return this;
  }

  /** Adds a row with dense ids (which must exist in the indexes). */
  public InteractionsBuilder add(int u, int i, float v) {
    if (u < 0 || u >= users.size() || i < 0 || i >= items.size()) {
      throw new IllegalArgumentException(
          "dense ids ("
              + u
              + ", "
              + i
              + ") outside the indexes ("
              + users.size()
              + " users, "
              + items.size()
              + " items)");
    }
    if (n == user.length) {
      grow(n * 2);
    }
    user[n] = u;
    item[n] = i;
    value[n] = v;
    n++;
    return this;
  }

  /** Adds a row with a timestamp. */
  public InteractionsBuilder add(int u, int i, float v, long ts) {
    add(u, i, v);
    if (timestamp == null) {
      timestamp = new long[user.length];
    }
    timestamp[n - 1] = ts;
    return this;
  }

  /** Adds a row by raw ids, growing the indexes. */
  public InteractionsBuilder addRaw(String u, String i, float v) {
    return add(users.add(u), items.add(i), v);
  }

  /** Sets the weight of the last added row. */
  public InteractionsBuilder weight(float w) {
    if (weight == null) {
      weight = new float[user.length];
      Arrays.fill(weight, 0, n, 1f);
    }
    weight[n - 1] = w;
    return this;
  }

  /** Sets context column {@code name} of the last added row. */
  public InteractionsBuilder context(String name, int code) {
    int[] col = context.computeIfAbsent(name, k -> new int[user.length]);
    col[n - 1] = code;
    return this;
  }

  /** Freezes the rows; the builder must not be used afterwards. */
  public Interactions build() {
    Map<String, int[]> ctx = new LinkedHashMap<>();
    context.forEach((k, v) -> ctx.put(k, Arrays.copyOf(v, n)));
    return new Interactions(
        users,
        items,
        Arrays.copyOf(user, n),
        Arrays.copyOf(item, n),
        Arrays.copyOf(value, n),
        timestamp == null ? null : Arrays.copyOf(timestamp, n),
        weight == null ? null : Arrays.copyOf(weight, n),
        ctx);
  }

  private void grow(int capacity) {
    user = Arrays.copyOf(user, capacity);
    item = Arrays.copyOf(item, capacity);
    value = Arrays.copyOf(value, capacity);
    if (timestamp != null) {
      timestamp = Arrays.copyOf(timestamp, capacity);
    }
    if (weight != null) {
      weight = Arrays.copyOf(weight, capacity);
    }
    context.replaceAll((k, v) -> Arrays.copyOf(v, capacity));
  }
}
