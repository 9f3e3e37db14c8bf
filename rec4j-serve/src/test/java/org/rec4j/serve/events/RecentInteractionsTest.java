package org.rec4j.serve.events;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.rec4j.serve.InMemoryEventStore;

/**
 * {@link EventStore#recentInteractions} of the in-memory store and the interface's default (the
 * JDBC store's is checked by {@link EventStoreContract}).
 */
class RecentInteractionsTest {
  @Test
  void inMemoryStore() {
    RecentInteractions.check(new InMemoryEventStore());
  }

  @Test
  void defaultPagesThroughRecent() {
    RecentInteractions.check(new OnlyRecent());
  }

  /**
   * A store that implements only {@link EventStore#recent} (newest first by time, then arrival).
   */
  private static final class OnlyRecent implements EventStore {
    private final List<Event> events = new ArrayList<>();

    @Override
    public void append(List<Event> es) {
      events.addAll(es);
    }

    @Override
    public Set<String> itemsOf(String user) {
      throw new UnsupportedOperationException();
    }

    @Override
    public List<Event> recent(String user, int limit) {
      List<Event> mine = new ArrayList<>();
      for (int i = events.size() - 1; i >= 0; i--)
        if (events.get(i).user().equals(user)) mine.add(events.get(i));
      mine.sort(Comparator.comparingLong(Event::timestampMillis).reversed());
      return mine.subList(0, Math.min(limit, mine.size()));
    }

    @Override
    public long count() {
      return events.size();
    }

    @Override
    public void close() {}
  }
}
