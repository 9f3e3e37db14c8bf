package org.rec4j.serve.events;

/**
 * The event database failed (I/O error, lost connection, disk full); the events of the failed call
 * were not acknowledged. The HTTP layer answers 5xx: the client may retry, and a retry may store an
 * event twice if the database committed just before the connection broke, so consumers treat events
 * as at-least-once.
 */
public class EventStoreException extends RuntimeException {
  /** An exception with {@code message} and the database {@code cause}. */
  public EventStoreException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An exception with {@code message} only. */
  public EventStoreException(String message) {
    super(message);
  }
}
