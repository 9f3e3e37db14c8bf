package org.rec4j.serve.events;

import java.util.Objects;

/**
 * One logged user action, in raw ids (as the data files and the HTTP API spell them).
 *
 * @param user raw user id
 * @param item raw item id
 * @param type what happened
 * @param value the rating for {@link Type#RATING}, else 1 (or a dwell time / weight the caller
 *     chooses)
 * @param timestampMillis when it happened (epoch milliseconds; the server's clock when the client
 *     sent none)
 */
public record Event(String user, String item, Type type, double value, long timestampMillis) {
  /** Kinds of events the service accepts. */
  public enum Type {
    IMPRESSION,
    CLICK,
    RATING,
    PURCHASE
  }

  /** Validates the fields. */
  public Event {
    Objects.requireNonNull(type, "type");
    if (user == null || user.isBlank())
      throw new IllegalArgumentException("user: expected a non-empty id");
    if (item == null || item.isBlank())
      throw new IllegalArgumentException("item: expected a non-empty id");
    if (!Double.isFinite(value))
      throw new IllegalArgumentException("value: expected a finite number, got " + value);
  }
}
