package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Versions swap back and forth while client threads hammer /v1/recommendations: not one request may
 * fail.
 */
class HotSwapIT {
  @Test
  void reloadsAndRollbacksUnderConcurrentLoadFailNoRequest(@TempDir Path tmp) throws Exception {
    Fixtures.save(tmp, "mf", "v1", "mf", 1);
    Fixtures.save(tmp, "mf", "v2.zip", "mf", 2);
    try (Server server = Server.start(Server.Config.defaults(tmp).withPort(0).withCacheSize(16))) {
      Http http = new Http(server.uri());
      AtomicBoolean done = new AtomicBoolean();
      AtomicInteger requests = new AtomicInteger();
      List<String> failures = new CopyOnWriteArrayList<>();
      Set<String> answeredBy = ConcurrentHashMap.newKeySet();
      Thread[] clients = new Thread[4];
      for (int t = 0; t < clients.length; t++) {
        int id = t;
        clients[t] =
            new Thread(
                () -> {
                  int n = 0;
                  while (!done.get()) {
                    String user =
                        (n++ % 7 == 0) ? "stranger" + id : "u" + ((id * 31 + n) % Fixtures.USERS);
                    try {
                      Http.Reply r = http.get("/v1/recommendations?user=" + user + "&k=5");
                      requests.incrementAndGet();
                      if (r.status() != 200 || r.json().path("items").size() != 5)
                        failures.add(r.toString());
                      else answeredBy.add(r.json().path("model").asText());
                    } catch (RuntimeException e) {
                      failures.add(e.toString());
                    }
                  }
                },
                "client-" + t);
        clients[t].start();
      }
      int swaps = 0;
      for (int i = 0; i < 10; i++) {
        Http.Reply r =
            i % 3 == 2
                ? http.post("/v1/models/mf:reload", "{\"rollback\": true}")
                : http.post(
                    "/v1/models/mf:reload",
                    "{\"version\": \"" + (i % 2 == 0 ? "v1" : "v2") + "\"}");
        assertEquals(200, r.status(), r.toString());
        swaps++;
        Thread.sleep(40);
      }
      assertEquals(
          200,
          http.post("/v1/models/mf:reload", "").status(),
          "no body reloads the latest version");
      done.set(true);
      for (Thread c : clients) c.join();
      System.out.printf(
          "hot swap: %d requests during %d swaps, %d failed, answered by %s%n",
          requests.get(), swaps + 1, failures.size(), answeredBy);
      assertTrue(failures.isEmpty(), () -> failures.size() + " failed, first: " + failures.get(0));
      assertTrue(requests.get() > 100, "load too light to mean anything: " + requests.get());
      assertEquals(Set.of("mf@v1", "mf@v2"), answeredBy);
      assertEquals(
          "v2", http.get("/v1/models").json().path("models").get(0).path("current").asText());
      assertEquals(
          400,
          http.post("/v1/models/mf:reload", "{\"version\": \"v1\", \"rollback\": true}").status());
      String metrics = http.get("/metrics").body();
      assertTrue(
          metrics.contains("rec4j_model_info{") && metrics.contains("role=\"previous\""), metrics);
    }
  }
}
