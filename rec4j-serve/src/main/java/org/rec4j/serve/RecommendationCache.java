package org.rec4j.serve;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/**
 * A least-recently-used cache of answers keyed by (model, user, k, exclude_seen) and the user's
 * event generation.
 *
 * <p>Invalidation by events is a generation bump: {@link #invalidateUser} increments the user's
 * counter, so later lookups build keys no earlier entry can match, and stale entries simply age out
 * of the LRU. A caller reads the generation <em>before</em> computing an answer ({@link #key}), so
 * an answer computed from events older than a concurrent append is stored under the old generation
 * and never served after it. A model swap changes the model part of the key (the server uses {@link
 * ServedModel#instanceKey}); {@link #clear} also frees the old entries at once. The per-user
 * generation counters are never dropped: one small entry per user who sent events.
 *
 * @param <V> the cached answer
 */
public final class RecommendationCache<V> {
  /** A cache key; build it with {@link #key}. */
  public record Key(String model, String user, int k, boolean excludeSeen, long generation) {}

  private final int capacity;
  private final Map<Key, V> lru;
  private final Map<String, AtomicLong> generations = new ConcurrentHashMap<>();
  private final LongAdder hits = new LongAdder();
  private final LongAdder misses = new LongAdder();

  /** A cache of at most {@code capacity} answers; 0 disables caching. */
  public RecommendationCache(int capacity) {
    if (capacity < 0)
      throw new IllegalArgumentException("cache capacity must be >= 0, got " + capacity);
    this.capacity = capacity;
    this.lru =
        new LinkedHashMap<>(16, 0.75f, true) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<Key, V> eldest) {
            return size() > RecommendationCache.this.capacity;
          }
        };
  }

  /** The key for this request at the user's current event generation. */
  public Key key(String model, String user, int k, boolean excludeSeen) {
    AtomicLong g = generations.get(user);
    return new Key(model, user, k, excludeSeen, g == null ? 0 : g.get());
  }

  /** The cached answer or null, counting a hit or a miss. */
  public V get(Key key) {
    if (capacity == 0) {
      misses.increment();
      return null;
    }
    V v;
    synchronized (lru) {
      v = lru.get(key);
    }
    (v == null ? misses : hits).increment();
    return v;
  }

  /** Stores an answer. */
  public void put(Key key, V value) {
    if (capacity == 0) return;
    synchronized (lru) {
      lru.put(key, value);
    }
  }

  /** Makes every cached answer for {@code user} unreachable (new events arrived). */
  public void invalidateUser(String user) {
    generations.computeIfAbsent(user, u -> new AtomicLong()).incrementAndGet();
  }

  /** Drops every entry (a model was swapped). */
  public void clear() {
    synchronized (lru) {
      lru.clear();
    }
  }

  /** Entries held. */
  public int size() {
    synchronized (lru) {
      return lru.size();
    }
  }

  /** Lookups answered from the cache. */
  public long hits() {
    return hits.sum();
  }

  /** Lookups that missed. */
  public long misses() {
    return misses.sum();
  }

  /** hits / (hits + misses), or 0 before the first lookup. */
  public double hitRate() {
    long h = hits.sum(), m = misses.sum();
    return h + m == 0 ? 0 : (double) h / (h + m);
  }
}
