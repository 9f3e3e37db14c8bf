package org.rec4j.serve.events;

import java.util.List;
import java.util.Set;

/**
 * Durable, append-only storage of {@link Event}s. {@link #append} returns only once the events are
 * durable (a crash or {@code kill -9} right after it returns loses nothing), so the HTTP layer may
 * acknowledge them with a 2xx. Implementations are thread-safe and may group concurrent appends
 * into one transaction.
 */
public interface EventStore extends AutoCloseable {
  /**
   * Appends {@code events} durably, all or nothing; an empty list stores nothing.
   *
   * @throws IllegalArgumentException if an event is null or cannot be stored (the message names its
   *     index)
   * @throws IllegalStateException if the store is closed
   * @throws EventStoreOverloadedException if the store cannot take more appends now (answer 503,
   *     retry later)
   * @throws EventStoreException if the database failed; the events are not acknowledged
   */
  void append(List<Event> events);

  /** Raw ids of the items {@code user} has interacted with (any type except impressions). */
  Set<String> itemsOf(String user);

  /** The most recent events of {@code user}, newest first, at most {@code limit}. */
  List<Event> recent(String user, int limit);

  /**
   * The most recent non-impression events of {@code user} with a timestamp of at least {@code
   * sinceMillis}, newest first (equal timestamps: the later arrival first), at most {@code limit}:
   * the user's live item sequence for sequential models, read backwards.
   *
   * <p>The default pages through {@link #recent} (newest first by timestamp, as the JDBC store
   * orders it) with a growing limit until it has enough, runs out of events or reaches one older
   * than {@code sinceMillis}; a store that can filter by type and time itself overrides it.
   *
   * @throws IllegalArgumentException if {@code limit} is negative
   */
  default List<Event> recentInteractions(String user, long sinceMillis, int limit) {
    if (limit < 0) throw new IllegalArgumentException("limit: expected >= 0, got " + limit);
    List<Event> out = new java.util.ArrayList<>();
    for (int page = Math.max(16, limit);
        out.size() < limit;
        page = (int) Math.min(Integer.MAX_VALUE, 4L * page)) {
      List<Event> es = recent(user, page);
      out.clear();
      boolean older = false;
      for (Event e : es) {
        if (e.timestampMillis() < sinceMillis) {
          older = true;
          break;
        }
        if (e.type() != Event.Type.IMPRESSION && out.size() < limit) out.add(e);
      }
      if (older || es.size() < page || page == Integer.MAX_VALUE) break;
    }
    return List.copyOf(out);
  }

  /** Number of stored events (all users, all types). */
  long count();

  @Override
  void close();
}
