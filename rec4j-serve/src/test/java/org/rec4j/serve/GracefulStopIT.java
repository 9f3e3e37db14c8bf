package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.serve.events.Event;
import org.rec4j.serve.events.EventStore;

/**
 * stop() lets a request in flight finish (an event append that takes 700 ms) and then refuses
 * connections.
 */
class GracefulStopIT {
  /** A store whose appends take a while, signalling when one has started. */
  static final class SlowStore implements EventStore {
    final InMemoryEventStore inner = new InMemoryEventStore();
    final CountDownLatch appending = new CountDownLatch(1);

    @Override
    public void append(List<Event> events) {
      appending.countDown();
      try {
        Thread.sleep(700);
      } catch (InterruptedException e) {
        throw new IllegalStateException("interrupted before the events were stored", e);
      }
      inner.append(events);
    }

    @Override
    public Set<String> itemsOf(String user) {
      return inner.itemsOf(user);
    }

    @Override
    public List<Event> recent(String user, int limit) {
      return inner.recent(user, limit);
    }

    @Override
    public long count() {
      return inner.count();
    }

    @Override
    public void close() {}
  }

  @Test
  void stopDrainsInFlightRequests(@TempDir Path tmp) throws Exception {
    Fixtures.save(tmp, "mf", "v1", "mf", 1);
    SlowStore store = new SlowStore();
    Server server =
        Server.start(
            Server.Config.defaults(tmp)
                .withPort(0)
                .withEventStore(store)
                .withDrainTimeout(Duration.ofSeconds(5)));
    Http http = new Http(server.uri());
    CompletableFuture<Http.Reply> inFlight =
        CompletableFuture.supplyAsync(() ->
            http.post(
                "/v1/events", "[{\"user\": \"u1\", \"item\": \"i2\", \"type\": \"purchase\"}]"));
    assertTrue(store.appending.await(10, TimeUnit.SECONDS), "the append started");
    long t0 = System.nanoTime();
    server.stop();
    long stopMs = (System.nanoTime() - t0) / 1_000_000;
    System.out.println("graceful stop took " + stopMs + " ms");
    Http.Reply r = inFlight.get(10, TimeUnit.SECONDS);
    assertEquals(200, r.status(), r.toString());
    assertEquals(1, store.count(), "acknowledged and stored");
    assertTrue(stopMs >= 300, "stop waited for the request (" + stopMs + " ms)");
    assertThrows(UncheckedIOException.class, () -> http.get("/healthz"), "closed after stop");
  }
}
