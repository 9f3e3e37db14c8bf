package org.rec4j.serve;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.rec4j.serve.events.Event;
import org.rec4j.serve.events.EventStore;

/**
 * An {@link EventStore} held in memory: what the server uses when no durable store is configured
 * (tests, demos). Nothing survives a restart, so it does not meet the store's durability promise; a
 * warning says so at start-up.
 */
public final class InMemoryEventStore implements EventStore {
  private final Map<String, List<Event>> byUser = new HashMap<>();
  private long count;

  @Override
  public synchronized void append(List<Event> events) {
    for (Event e : events) byUser.computeIfAbsent(e.user(), u -> new ArrayList<>()).add(e);
    count += events.size();
  }

  @Override
  public synchronized Set<String> itemsOf(String user) {
    List<Event> es = byUser.get(user);
    if (es == null) return Set.of();
    Set<String> items = new LinkedHashSet<>();
    for (Event e : es) if (e.type() != Event.Type.IMPRESSION) items.add(e.item());
    return Collections.unmodifiableSet(items);
  }

  @Override
  public synchronized List<Event> recent(String user, int limit) {
    List<Event> es = byUser.getOrDefault(user, List.of());
    List<Event> out = new ArrayList<>(Math.min(limit, es.size()));
    for (int i = es.size() - 1; i >= 0 && out.size() < limit; i--) out.add(es.get(i));
    return out;
  }

  /** {@inheritDoc} Sorted by timestamp here: this store keeps events in arrival order. */
  @Override
  public synchronized List<Event> recentInteractions(String user, long sinceMillis, int limit) {
    if (limit < 0) throw new IllegalArgumentException("limit: expected >= 0, got " + limit);
    List<Event> es = byUser.getOrDefault(user, List.of());
    List<Event> out = new ArrayList<>();
    for (int i = es.size() - 1; i >= 0; i--) { // newest arrival first, so a stable sort keeps it
      Event e = es.get(i);
      if (e.type() != Event.Type.IMPRESSION && e.timestampMillis() >= sinceMillis) out.add(e);
    }
    out.sort(java.util.Comparator.comparingLong(Event::timestampMillis).reversed());
    return List.copyOf(out.subList(0, Math.min(limit, out.size())));
  }

  @Override
  public synchronized long count() {
    return count;
  }

  @Override
  public void close() {}
}
