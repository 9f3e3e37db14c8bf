package org.rec4j.serve.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;

/**
 * What {@link EventStore#recentInteractions} must do on any store: newest first by timestamp (equal
 * timestamps: the later arrival first), no impressions, nothing older than {@code since}, at most
 * {@code limit}.
 */
public final class RecentInteractions {
  private RecentInteractions() {}

  static Event event(String user, String item, Event.Type type, long ts) {
    return new Event(user, item, type, 1, ts);
  }

  /** Checks {@code store}, which must be empty. */
  public static void check(EventStore store) {
    store.append(
        List.of(
            event("u", "old", Event.Type.CLICK, 10),
            event("u", "late-arrival", Event.Type.PURCHASE, 30),
            event("u", "looked", Event.Type.IMPRESSION, 60),
            event("u", "tie-first", Event.Type.RATING, 50)));
    store.append(
        List.of(
            event("u", "tie-second", Event.Type.CLICK, 50),
            event("u", "oldest", Event.Type.CLICK, 5),
            event("other", "theirs", Event.Type.CLICK, 40)));
    for (int i = 0; i < 40; i++)
      store.append(List.of(event("u", "glance" + i, Event.Type.IMPRESSION, 70)));
    assertEquals(
        List.of("tie-second", "tie-first", "late-arrival", "old", "oldest"),
        items(store.recentInteractions("u", Long.MIN_VALUE, 100)));
    assertEquals(
        List.of("tie-second", "tie-first"),
        items(store.recentInteractions("u", Long.MIN_VALUE, 2)));
    assertEquals(
        List.of("tie-second", "tie-first", "late-arrival"),
        items(store.recentInteractions("u", 30, 100)));
    assertEquals(List.of(), store.recentInteractions("u", 71, 100));
    assertEquals(List.of(), store.recentInteractions("u", 0, 0));
    assertEquals(List.of(), store.recentInteractions("nobody", 0, 10));
    assertThrows(IllegalArgumentException.class, () -> store.recentInteractions("u", 0, -1));
  }

  static List<String> items(List<Event> events) {
    return events.stream().map(Event::item).toList();
  }
}
