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

  /** Number of stored events (all users, all types). */
  long count();

  @Override
  void close();
}
