package org.rec4j.serve.events;

import java.time.Duration;

/**
 * The write queue stayed full for the whole enqueue timeout: the database is slower than the
 * incoming events. Nothing of the call was stored. The HTTP layer answers 503 with {@code
 * Retry-After}.
 */
public class EventStoreOverloadedException extends EventStoreException {
  /**
   * An exception saying {@code pending} appends waited and the caller gave up after {@code waited}.
   */
  public EventStoreOverloadedException(int pending, Duration waited) {
    super(
        "event store overloaded: "
            + pending
            + " appends already queued and no room freed within "
            + waited.toMillis()
            + " ms; retry later");
  }
}
