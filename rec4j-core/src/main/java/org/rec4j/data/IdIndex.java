package org.rec4j.data;

import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A two-way map between raw ids (as they appear in files or requests) and dense ints {@code
 * 0..size()-1}, assigned in order of first appearance. Dense ids are stable: adding new raw ids
 * never renumbers existing ones, so an index can grow while a model serves (online use).
 *
 * <p>Raw ids are strings; numeric ids are held in canonical decimal form ({@code add(7L)} and
 * {@code add("7")} are the same id, {@code "007"} is a different one). Small non-negative numeric
 * ids take a direct-array fast path, which is what makes the MovieLens parsers fast.
 *
 * <p>Thread-safe for online use: lookups never lock and may run while another thread adds ids (an
 * id being added is either found with its final dense id or reported absent); additions of new ids
 * are serialized. Adding an id that already exists takes no lock. {@link #writeTo}/{@link
 * #readFrom} give a compact binary form for model artifacts.
 */
public final class IdIndex {
  private static final int DIRECT_LIMIT = 1 << 24;
  private static final int MAGIC = 0x49444958; // "IDIX"

  private final Map<String, Integer> byRaw = new ConcurrentHashMap<>();
  private volatile String[] raws = new String[16];
  private volatile int size;
  private volatile int[] direct =
      new int[0]; // raw numeric id -> dense id + 1 (0 = absent or not yet visible)

  /** An empty index. */
  public IdIndex() {}

  /** An index whose raw ids are {@code "0".."n-1"}, mapped to themselves. */
  public static IdIndex range(int n) {
    IdIndex index = new IdIndex();
    for (int i = 0; i < n; i++) {
      index.add(i);
    }
    return index;
  }

  /** Number of distinct ids. */
  public int size() {
    return size;
  }

  /** The dense id of {@code raw}, adding it if new. */
  public int add(String raw) {
    Integer known = byRaw.get(raw);
    return known != null ? known : addNew(raw);
  }

  private synchronized int addNew(String raw) {
    Integer known = byRaw.get(raw);
    if (known != null) {
      return known;
    }
    int dense = size;
    String[] r = raws;
    if (dense == r.length) {
      r = Arrays.copyOf(r, dense * 2);
    }
    r[dense] = raw;
    raws = r;
    size = dense + 1;
    byRaw.put(raw, dense);
    long numeric = canonicalNumber(raw);
    if (numeric >= 0 && numeric < DIRECT_LIMIT) {
      int[] d = direct;
      if (numeric >= d.length) {
        d =
            Arrays.copyOf(
                d,
                (int) Math.min(DIRECT_LIMIT, Math.max(numeric + 1, Math.max(1024, d.length * 2L))));
      }
      d[(int) numeric] = dense + 1;
      direct = d;
    }
    return dense;
  }

  /** The dense id of the numeric raw id {@code raw}, adding it if new. */
  public int add(long raw) {
    int[] d = direct;
    if (raw >= 0 && raw < d.length) {
      int v = d[(int) raw];
      if (v != 0) {
        return v - 1;
      }
    }
    return add(Long.toString(raw));
  }

  /** The dense id of {@code raw}, or -1 when unknown. */
  public int get(String raw) {
    Integer known = byRaw.get(raw);
    return known == null ? -1 : known;
  }

  /** The dense id of the numeric raw id {@code raw}, or -1 when unknown. */
  public int get(long raw) {
    int[] d = direct;
    if (raw >= 0 && raw < d.length && d[(int) raw] != 0) {
      return d[(int) raw] - 1;
    }
    return get(Long.toString(raw));
  }

  /** The raw id of dense id {@code dense}. */
  public String raw(int dense) {
    int n = size;
    String[] r = raws;
    if (dense < 0 || dense >= n) {
      throw new IllegalArgumentException("dense id " + dense + " out of range [0, " + n + ")");
    }
    return r[dense];
  }

  /** An independent copy (same dense ids) that may grow separately. */
  public IdIndex copy() {
    IdIndex c = new IdIndex();
    for (String r : rawIds()) {
      c.add(r);
    }
    return c;
  }

  /** A snapshot of the raw ids in dense order. */
  public List<String> rawIds() {
    int n = size;
    return List.of(Arrays.copyOf(raws, n));
  }

  /** Writes a self-describing binary form: magic, count, then the raw ids in dense order. */
  public void writeTo(DataOutput out) throws IOException {
    out.writeInt(MAGIC);
    List<String> ids = rawIds();
    out.writeInt(ids.size());
    for (String r : ids) {
      out.writeUTF(r);
    }
  }

  /** Reads what {@link #writeTo} wrote. */
  public static IdIndex readFrom(DataInput in) throws IOException {
    int magic = in.readInt();
    if (magic != MAGIC) {
      throw new IOException(
          "not an IdIndex: magic "
              + Integer.toHexString(magic)
              + ", expected "
              + Integer.toHexString(MAGIC));
    }
    int n = in.readInt();
    IdIndex index = new IdIndex();
    for (int i = 0; i < n; i++) {
      index.add(in.readUTF());
    }
    return index;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof IdIndex other && rawIds().equals(other.rawIds());
  }

  @Override
  public int hashCode() {
    return rawIds().hashCode();
  }

  @Override
  public String toString() {
    return "IdIndex[" + size + " ids]";
  }

  /** The value of a canonical non-negative decimal ("0", "17", not "017" or "+1"), else -1. */
  private static long canonicalNumber(String s) {
    int n = s.length();
    if (n == 0 || n > 9 || (n > 1 && s.charAt(0) == '0')) {
      return -1;
    }
    long v = 0;
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }
}
