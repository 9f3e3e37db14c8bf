package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route against a real server on a random loopback port, including the error answers. */
class ServerIT {
  @TempDir static Path tmp;
  static Server server;
  static Http http;

  @BeforeAll
  static void start() {
    server =
        Server.start(
            Server.Config.defaults(Fixtures.modelsDir(tmp)).withPort(0).withLimits(100, 50, 4096));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static List<String> items(JsonNode answer) {
    List<String> out = new ArrayList<>();
    for (JsonNode n : answer.path("items")) out.add(n.path("item").asText());
    return out;
  }

  static void assertError(Http.Reply r, int status, String field) {
    assertEquals(status, r.status(), r.toString());
    assertNotNull(r.json(), r.toString());
    assertTrue(
        r.json().path("error").isTextual() && !r.json().path("error").asText().isBlank(),
        r.toString());
    assertEquals(
        field,
        r.json().path("field").isNull() ? null : r.json().path("field").asText(),
        r.toString());
  }

  @Test
  void recommendsTopKFromTheLatestVersionOfTheDefaultModel() {
    Http.Reply r = http.get("/v1/recommendations?user=u0&k=5");
    assertEquals(200, r.status(), r.toString());
    assertEquals("u0", r.json().path("user").asText());
    assertEquals("mf@v2", r.json().path("model").asText());
    assertEquals(5, items(r.json()).size());
    assertTrue(r.json().path("fallback").isMissingNode(), r.toString());
    double prev = Double.POSITIVE_INFINITY;
    for (JsonNode n : r.json().path("items")) {
      assertTrue(n.path("score").asDouble() <= prev, "scores descend: " + r);
      prev = n.path("score").asDouble();
    }
    assertEquals(
        "mf@v1",
        http.get("/v1/recommendations?user=u0&k=5&model=mf@v1").json().path("model").asText());
    assertEquals(
        "neumf@v1",
        http.get("/v1/recommendations?user=u0&k=5&model=neumf").json().path("model").asText());
    assertEquals(
        Fixtures.ITEMS,
        items(http.get("/v1/recommendations?user=u1&k=100").json()).size(),
        "k above the catalog returns it all");
  }

  @Test
  void unknownUsersGetThePopularityFallbackOrA404OnRequest() {
    Http.Reply r = http.get("/v1/recommendations?user=stranger&k=3");
    assertEquals(200, r.status(), r.toString());
    assertEquals("popularity", r.json().path("fallback").asText());
    assertEquals(3, items(r.json()).size());
    assertError(http.get("/v1/recommendations?user=stranger&unknown_user=error"), 404, "user");
    Http.Reply ack =
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": \"newbie\", \"item\": \"i2\", \"type\": \"click\"},"
                + "{\"user\": \"newbie\", \"item\": \"i4\", \"type\": \"purchase\"}, {\"user\": \"looker\", \"item\": \"i6\", \"type\": \"impression\"}]}");
    assertEquals(200, ack.status(), ack.toString());
    JsonNode folded = http.get("/v1/recommendations?user=newbie&k=3&model=mf").json();
    assertEquals(
        "fold_in",
        folded.path("fallback").asText(),
        "an unknown user with events is folded in: " + folded);
    assertFalse(items(folded).contains("i2") || items(folded).contains("i4"), folded.toString());
    assertEquals(
        "fold_in",
        http.get("/v1/recommendations?user=newbie&k=3&model=mf&exclude_seen=false")
            .json()
            .path("fallback")
            .asText());
    assertEquals(
        "popularity",
        http.get("/v1/recommendations?user=newbie&k=3&model=neumf")
            .json()
            .path("fallback")
            .asText());
    assertEquals(
        "popularity",
        http.get("/v1/recommendations?user=looker&k=3&model=mf").json().path("fallback").asText(),
        "impressions are no evidence");
    assertError(http.get("/v1/recommendations?user=u1&unknown_user=maybe"), 400, "unknown_user");
  }

  @Test
  void clientMistakesAre4xxNamingTheField() {
    assertError(http.get("/v1/recommendations?k=5"), 400, "user");
    assertError(http.get("/v1/recommendations?user=u1&k=0"), 400, "k");
    assertError(http.get("/v1/recommendations?user=u1&k=-3"), 400, "k");
    assertError(http.get("/v1/recommendations?user=u1&k=101"), 400, "k");
    assertError(http.get("/v1/recommendations?user=u1&k=ten"), 400, "k");
    assertError(http.get("/v1/recommendations?user=u1&exclude_seen=perhaps"), 400, "exclude_seen");
    assertError(http.get("/v1/recommendations?user=u1&model=nosuch"), 404, "model");
    assertError(http.get("/v1/recommendations?user=u1&model=mf@v9"), 404, "model");
    assertError(http.get("/v1/recommendations?user=u1&model=mf@..%2Fx"), 400, "model");
    assertError(http.post("/v1/recommendations:batch", "{\"users\": [\"u1\""), 400, "body");
    assertError(http.post("/v1/recommendations:batch", ""), 400, "body");
    assertError(http.post("/v1/recommendations:batch", "{\"users\": []}"), 400, "users");
    assertError(
        http.post("/v1/recommendations:batch", "{\"users\": [\"u1\"], \"k\": \"5\"}"), 400, "k");
    assertError(http.post("/v1/recommendations:batch", "{\"users\": [{}]}"), 400, "users[0]");
    assertError(
        http.post("/v1/recommendations:batch", "{\"users\": [\"u1\"], \"model\": 7}"),
        400,
        "model");
    assertError(http.post("/v1/scores", "{\"pairs\": [{\"user\": \"u1\"}]}"), 400, "pairs[0].item");
    assertError(
        http.post("/v1/scores", "{\"pairs\": [{\"user\": \"u1\", \"item\": \"nope\"}]}"),
        404,
        "pairs[0].item");
    assertError(
        http.post("/v1/events", "[{\"user\": \"u1\", \"item\": \"i1\", \"type\": \"like\"}]"),
        400,
        "events[0].type");
    assertError(
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": \"u1\", \"item\": \"i1\", \"type\": \"rating\"}]}"),
        400,
        "events[0].value");
    assertError(
        http.post("/v1/events", "{\"events\": [{\"item\": \"i1\", \"type\": \"click\"}]}"),
        400,
        "events[0].user");
    assertError(
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": \"u1\", \"item\": \"i1\", \"type\": \"click\", \"timestamp\": \"now\"}]}"),
        400,
        "events[0].timestamp");
    assertError(http.get("/v1/items/nope/similar"), 404, "id");
    assertError(http.post("/v1/models/nosuch:reload", ""), 404, "name");
    assertError(http.post("/v1/models/mf:reload", "{\"version\": \"v7\"}"), 404, "version");
    assertError(http.get("/v1/nothing-here"), 404, null);
    String big = "{\"users\": [\"" + "u".repeat(5000) + "\"]}";
    assertError(http.post("/v1/recommendations:batch", big), 413, "body");
    StringBuilder many = new StringBuilder("{\"users\": [");
    for (int i = 0; i < 51; i++) many.append(i == 0 ? "" : ",").append("\"u1\"");
    assertError(http.post("/v1/recommendations:batch", many.append("]}").toString()), 400, "users");
  }

  @Test
  void batchAnswersEveryUserWithTheSameModel() {
    Http.Reply r =
        http.post(
            "/v1/recommendations:batch",
            "{\"users\": [\"u0\", \"u1\", \"stranger\"], \"k\": 4, \"exclude_seen\": false}");
    assertEquals(200, r.status(), r.toString());
    assertEquals("mf@v2", r.json().path("model").asText());
    JsonNode results = r.json().path("results");
    assertEquals(3, results.size());
    assertEquals(
        items(http.get("/v1/recommendations?user=u1&k=4&exclude_seen=false").json()),
        items(results.get(1)));
    assertEquals("popularity", results.get(2).path("fallback").asText());
  }

  @Test
  void scoresMatchTheRecommendationScores() {
    JsonNode rec =
        http.get("/v1/recommendations?user=u4&k=3&exclude_seen=false&model=mf@v1").json();
    StringBuilder body = new StringBuilder("{\"model\": \"mf@v1\", \"pairs\": [");
    for (int i = 0; i < 3; i++)
      body.append(i == 0 ? "" : ",")
          .append("{\"user\": \"u4\", \"item\": \"")
          .append(items(rec).get(i))
          .append("\"}");
    Http.Reply r = http.post("/v1/scores", body.append("]}").toString());
    assertEquals(200, r.status(), r.toString());
    for (int i = 0; i < 3; i++) {
      assertEquals(
          rec.path("items").get(i).path("score").asDouble(),
          r.json().path("scores").get(i).path("score").asDouble(),
          1e-4,
          r.toString());
    }
  }

  @Test
  void similarItemsByEmbeddingCosine() {
    Http.Reply r = http.get("/v1/items/i2/similar?k=3");
    assertEquals(200, r.status(), r.toString());
    List<String> sim = items(r.json());
    assertEquals(3, sim.size());
    assertFalse(sim.contains("i2"));
    for (JsonNode n : r.json().path("items"))
      assertTrue(Math.abs(n.path("score").asDouble()) <= 1.0001, r.toString());
    assertEquals(200, http.get("/v1/items/i2/similar?k=3&model=neumf").status());
    assertError(http.get("/v1/items/i2/similar?k=0"), 400, "k");
  }

  @Test
  void modelsListsNamesVersionsAndMetadata() {
    Http.Reply r = http.get("/v1/models");
    assertEquals(200, r.status(), r.toString());
    JsonNode models = r.json().path("models");
    assertEquals(2, models.size(), r.toString());
    assertEquals("mf", models.get(0).path("name").asText());
    assertEquals("v2", models.get(0).path("current").asText());
    assertEquals("[\"v1\",\"v2\"]", models.get(0).path("versions_on_disk").toString());
    assertEquals("neumf", models.get(1).path("name").asText());
    assertEquals("neumf", models.get(1).path("loaded").get(0).path("type").asText());
  }

  @Test
  void eventsAreAcknowledgedAndInvalidateTheUsersCachedAnswers() {
    String url = "/v1/recommendations?user=u7&k=3";
    JsonNode first = http.get(url).json();
    assertFalse(first.path("cached").asBoolean());
    assertTrue(
        http.get(url).json().path("cached").asBoolean(), "second identical request is a cache hit");
    String top = items(first).get(0);
    Http.Reply ack =
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": \"u7\", \"item\": \""
                + top
                + "\", \"type\": \"click\"},"
                + "{\"user\": \"u8\", \"item\": \"i1\", \"type\": \"rating\", \"value\": 4.5, \"timestamp\": 1700000000000}]}");
    assertEquals(200, ack.status(), ack.toString());
    assertEquals(2, ack.json().path("accepted").asInt());
    JsonNode after = http.get(url).json();
    assertFalse(after.path("cached").asBoolean(), "events invalidate the user's cached answers");
    assertFalse(items(after).contains(top), "the clicked item is now excluded: " + after);
    assertTrue(items(http.get(url + "&exclude_seen=false").json()).contains(top));
    String metrics = http.get("/metrics").body();
    assertTrue(metrics.contains("rec4j_cache_hits_total"), metrics);
    assertTrue(
        metrics.contains("rec4j_events_appended_total 2.0")
            || metrics.contains("rec4j_events_appended_total"),
        metrics);
  }

  @Test
  void aModelSwapInvalidatesCachedAnswers() {
    String url = "/v1/recommendations?user=u9&k=3&model=neumf";
    http.get(url);
    assertTrue(http.get(url).json().path("cached").asBoolean());
    Http.Reply swap = http.post("/v1/models/neumf:reload", "{\"version\": \"v1\"}");
    assertEquals(200, swap.status(), swap.toString());
    assertEquals("v1", swap.json().path("current").asText());
    assertFalse(http.get(url).json().path("cached").asBoolean(), "the swap emptied the cache");
    assertEquals(
        409,
        http.post("/v1/models/neumf:reload", "{\"rollback\": true}").status(),
        "neumf has no previous version");
  }

  @Test
  void healthReadinessAndMetrics() {
    assertEquals(200, http.get("/healthz").status());
    Http.Reply ready = http.get("/readyz");
    assertEquals(200, ready.status());
    assertTrue(ready.json().path("ready").asBoolean());
    http.get("/v1/recommendations?user=u0&k=2");
    Http.Reply m = http.get("/metrics");
    assertEquals(200, m.status());
    assertTrue(m.body().contains("rec4j_http_requests_seconds_bucket{"), "latency histogram");
    assertTrue(m.body().contains("route=\"/v1/recommendations\""), "by route");
    assertTrue(m.body().contains("model=\"mf@v2\""), "by model");
    assertTrue(
        m.body().contains("rec4j_http_errors_total") || !m.body().contains("status=\"4"),
        "errors counted");
    assertTrue(
        m.body().contains("rec4j_model_info{") && m.body().contains("name=\"neumf\""),
        "model info gauge");
    assertTrue(m.body().contains("rec4j_cache_hit_ratio"), "cache hit ratio");
  }

  @Test
  void openApiDocumentsEveryRoute() {
    Http.Reply r = http.get("/openapi.json");
    assertEquals(200, r.status());
    assertEquals("3", r.json().path("openapi").asText().substring(0, 1));
    JsonNode paths = r.json().path("paths");
    assertEquals(13, server.routes().size(), server.routes().toString());
    for (String route : server.routes()) {
      String method = route.substring(0, route.indexOf(' ')).toLowerCase(java.util.Locale.ROOT),
          path = route.substring(route.indexOf(' ') + 1);
      assertTrue(paths.path(path).has(method), route + " is missing from openapi.json");
    }
  }
}
