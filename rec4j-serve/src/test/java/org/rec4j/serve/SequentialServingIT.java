package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.serve.ServerIT.assertError;
import static org.rec4j.serve.ServerIT.items;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.artifact.ModelArtifact;

/**
 * Sequential models served from live events ({@link NextItemModel}, a first-order Markov model, as
 * the {@code SequenceScorer}): a user's sequence is their training history plus their events, a
 * posted click changes the very next answer, anonymous sessions, explanations from attention
 * weights, and the client mistakes of all of it.
 *
 * <p>Ten users u0..u9 and ten items i0..i9; user u's training sequence is i(u), i(u+1), i(u+2),
 * i(u+3) (mod 10), so after item x the model's best next item is x+1 (three transitions), every
 * other item scoring 0.
 */
class SequentialServingIT {
  static final int N = 10;
  @TempDir static Path dir;
  static Server server;
  static Http http;

  @BeforeAll
  static void start() {
    int[][] sequences = new int[N][4];
    for (int u = 0; u < N; u++) for (int j = 0; j < 4; j++) sequences[u][j] = (u + j) % N;
    save("seq", NextItemModel.of(N, sequences, true));
    save("seq-plain", NextItemModel.of(N, sequences, false));
    Fixtures.save(dir, "mf", "v1", "mf", 1);
    server =
        Server.start(
            Server.Config.defaults(dir)
                .withPort(0)
                .withLimits(100, 5, 8192)
                .withDefaultModel("seq"));
    http = new Http(server.uri());
  }

  static void save(String name, NextItemModel m) {
    ModelArtifact.save(
        dir.resolve(name).resolve("v1"),
        m,
        Fixtures.ids("u", N),
        Fixtures.ids("i", N),
        Map.of(),
        Map.of(),
        Map.of());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  static Http.Reply click(String user, String item) {
    Http.Reply r =
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": \""
                + user
                + "\", \"item\": \""
                + item
                + "\", \"type\": \"click\"}]}");
    assertEquals(200, r.status(), r.toString());
    return r;
  }

  static Http.Reply session(String body) {
    return http.post("/v1/recommendations/session", body);
  }

  static Http.Reply ok(Http.Reply r) {
    assertEquals(200, r.status(), r.toString());
    return r;
  }

  /** The "because" list of an answer's first item as (item, weight) pairs. */
  static List<Map.Entry<String, Double>> because(JsonNode answer) {
    List<Map.Entry<String, Double>> out = new ArrayList<>();
    for (JsonNode w : answer.path("items").get(0).path("because"))
      out.add(Map.entry(w.path("item").asText(), w.path("weight").asDouble()));
    return out;
  }

  @Test
  void aKnownUserGetsTheNextItemAfterTheirTrainingHistory() {
    JsonNode r = ok(http.get("/v1/recommendations?user=u0&k=3")).json();
    assertEquals("seq@v1", r.path("model").asText());
    assertEquals("i4", items(r).get(0), r.toString());
    assertTrue(r.path("fallback").isMissingNode(), r.toString());
    assertFalse(
        items(r).stream().anyMatch(List.of("i0", "i1", "i2", "i3")::contains),
        "training items are excluded: " + r);
    JsonNode all = ok(http.get("/v1/recommendations?user=u0&k=10&exclude_seen=false")).json();
    assertEquals(N, items(all).size(), all.toString());
  }

  @Test
  void aPostedClickChangesTheVeryNextAnswer() {
    String url = "/v1/recommendations?user=u2&k=1";
    assertEquals(List.of("i6"), items(ok(http.get(url)).json()));
    assertTrue(ok(http.get(url)).json().path("cached").asBoolean(), "the repeat is cached");
    click("u2", "i8");
    JsonNode after = ok(http.get(url)).json();
    assertEquals(List.of("i9"), items(after), "the click is the newest item: " + after);
    assertFalse(after.path("cached").asBoolean(), after.toString());
    click("u2", "i0");
    assertEquals(List.of("i1"), items(ok(http.get(url)).json()));
    JsonNode batch =
        ok(http.post("/v1/recommendations:batch", "{\"users\": [\"u2\", \"u0\"], \"k\": 1}"))
            .json();
    assertEquals(List.of("i1"), items(batch.path("results").get(0)), batch.toString());
    assertEquals(List.of("i4"), items(batch.path("results").get(1)), batch.toString());
  }

  @Test
  void eventsEnterTheSequenceInEventTimeOrderAndImpressionsDoNot() {
    long t = System.currentTimeMillis() + 60_000;
    ok(
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": \"u3\", \"item\": \"i7\", \"type\": \"click\", \"timestamp\": "
                + (t + 2)
                + "}, {\"user\": \"u3\", \"item\": \"i1\", \"type\": \"purchase\", \"timestamp\": "
                + (t + 1)
                + "}, {\"user\": \"u3\", \"item\": \"i9\", \"type\": \"impression\", \"timestamp\": "
                + (t + 3)
                + "}]}"));
    JsonNode r = ok(http.get("/v1/recommendations?user=u3&k=1&explain=true")).json();
    assertEquals(List.of("i8"), items(r), "i7 is the newest event: " + r);
    List<Map.Entry<String, Double>> why = because(r);
    assertEquals("i7", why.get(0).getKey(), r.toString());
    assertEquals("i1", why.get(1).getKey(), r.toString());
    assertFalse(why.stream().anyMatch(e -> e.getKey().equals("i9")), "impressions: " + r);
  }

  @Test
  void aKnownUsersEventsFromBeforeTheModelLoadedAreNotAppended() {
    ok(
        http.post(
            "/v1/events",
            "[{\"user\": \"u5\", \"item\": \"i1\", \"type\": \"click\", \"timestamp\": 1000}]"));
    JsonNode r = ok(http.get("/v1/recommendations?user=u5&k=10")).json();
    assertEquals("i9", items(r).get(0), "u5's history ends with i8: " + r);
    assertFalse(items(r).contains("i1"), "but the event's item counts as seen: " + r);
  }

  @Test
  void anUnknownUserWithEventsIsAnsweredFromTheEventsAlone() {
    click("walker", "i2");
    JsonNode r = ok(http.get("/v1/recommendations?user=walker&k=2")).json();
    assertEquals("sequence", r.path("fallback").asText(), r.toString());
    assertEquals("i3", items(r).get(0), r.toString());
    assertFalse(items(r).contains("i2"), r.toString());
    JsonNode none = ok(http.get("/v1/recommendations?user=nobody&k=2")).json();
    assertEquals("popularity", none.path("fallback").asText(), none.toString());
    assertError(http.get("/v1/recommendations?user=walker&unknown_user=error"), 404, "user");
  }

  @Test
  void candidatesAreRankedAfterTheSequence() {
    JsonNode r = ok(http.get("/v1/recommendations?user=u1&candidates=i9,i5,i0&k=2")).json();
    assertEquals("i5", items(r).get(0), r.toString());
    assertEquals(2, items(r).size(), r.toString());
    JsonNode s =
        ok(session("{\"items\": [\"i6\"], \"candidates\": [\"i1\", \"i6\", \"i7\"], \"k\": 5}"))
            .json();
    assertEquals(List.of("i7", "i1"), items(s), "the session's own item is left out: " + s);
  }

  @Test
  void aSessionGetsItsNextItemsAndUnknownItemsAreReportedAndSkipped() {
    JsonNode r = ok(session("{\"items\": [\"i2\", \"nope\", \"i5\", 7], \"k\": 3}")).json();
    assertEquals("seq@v1", r.path("model").asText(), r.toString());
    assertEquals("i6", items(r).get(0), r.toString());
    assertEquals(3, items(r).size(), r.toString());
    assertFalse(items(r).contains("i2") || items(r).contains("i5"), "exclude_seen: " + r);
    assertEquals("[\"nope\",\"7\"]", r.path("unknown_items").toString(), r.toString());
    assertTrue(r.path("fallback").isMissingNode(), r.toString());
    JsonNode keep = ok(session("{\"items\": [\"i5\"], \"k\": 10, \"exclude_seen\": false}")).json();
    assertTrue(items(keep).contains("i5"), keep.toString());
    assertEquals("[]", keep.path("unknown_items").toString());
    JsonNode longer =
        ok(session("{\"items\": [\"i1\", \"i2\", \"i3\", \"i4\", \"i5\", \"i6\", \"i7\"]}")).json();
    assertEquals("i8", items(longer).get(0), longer.toString());
  }

  @Test
  void anEmptySessionOrOneOfUnknownItemsGetsThePopularityFallback() {
    JsonNode empty = ok(session("{\"items\": [], \"k\": 4}")).json();
    assertEquals("popularity", empty.path("fallback").asText(), empty.toString());
    assertEquals(4, items(empty).size(), empty.toString());
    JsonNode unknown = ok(session("{\"items\": [\"x\", \"y\"], \"explain\": true}")).json();
    assertEquals("popularity", unknown.path("fallback").asText(), unknown.toString());
    assertEquals("[\"x\",\"y\"]", unknown.path("unknown_items").toString());
    assertEquals("[]", unknown.path("items").get(0).path("because").toString(), "nothing drove it");
  }

  @Test
  void explainGivesTheAttentionWeightsOfTheSequenceSummingToOne() {
    JsonNode r = ok(http.get("/v1/recommendations?user=u0&k=3&explain=true")).json();
    assertFalse(r.path("cached").asBoolean(), "explained answers are not cached");
    for (JsonNode item : r.path("items")) {
      JsonNode why = item.path("because");
      assertEquals(4, why.size(), r.toString());
      double sum = 0, prev = Double.POSITIVE_INFINITY;
      for (JsonNode w : why) {
        assertTrue(w.path("weight").asDouble() <= prev, "descending: " + r);
        prev = w.path("weight").asDouble();
        sum += prev;
      }
      assertEquals(1.0, sum, 1e-5, r.toString());
      assertEquals(why, r.path("items").get(0).path("because"), "the same for every item");
    }
    assertEquals("i3", because(r).get(0).getKey(), "the newest weighs most here: " + r);
    assertEquals(0.4, because(r).get(0).getValue(), 1e-6, r.toString());

    JsonNode s =
        ok(session("{\"items\": [\"i1\", \"i2\", \"i1\"], \"k\": 1, \"explain\": true}")).json();
    assertEquals(
        List.of(Map.entry("i1", 4 / 6.0), Map.entry("i2", 2 / 6.0)).toString(),
        because(s).stream()
            .map(e -> Map.entry(e.getKey(), Math.round(e.getValue() * 6) / 6.0))
            .toList()
            .toString(),
        "a repeated item's weights add up: " + s);
    JsonNode batch =
        ok(http.post("/v1/recommendations:batch", "{\"users\": [\"u0\"], \"explain\": true}"))
            .json();
    assertEquals(4, batch.path("results").get(0).path("items").get(0).path("because").size());
  }

  @Test
  void modelsDescribeTheSequentialCapability() {
    JsonNode models = ok(http.get("/v1/models")).json().path("models");
    JsonNode seq = null;
    for (JsonNode m : models) if (m.path("name").asText().equals("seq")) seq = m;
    JsonNode v = seq.path("loaded").get(0);
    assertEquals("sequence", v.path("cold_start").asText(), v.toString());
    assertEquals(NextItemModel.MAX_LENGTH, v.path("sequential").path("max_length").asInt());
    assertTrue(v.path("sequential").path("explain").asBoolean(), v.toString());
  }

  @Test
  void metricsCountTheSessionRouteAndItsUnknownItems() {
    ok(session("{\"items\": [\"unheard-of\"]}"));
    String m = http.get("/metrics").body();
    assertTrue(m.contains("route=\"/v1/recommendations/session\""), "session route latency");
    assertTrue(m.contains("rec4j_session_unknown_items_total"), "unknown session items");
  }

  @Test
  void everyMistakeIsAJson4xxNamingTheField() {
    assertError(session("{\"items\": [\"i1\"], \"model\": \"mf\"}"), 422, "model");
    assertError(http.get("/v1/recommendations?user=u0&explain=true&model=mf"), 400, "explain");
    assertError(
        http.get("/v1/recommendations?user=u0&explain=true&model=seq-plain"), 400, "explain");
    assertError(
        session("{\"items\": [\"i1\"], \"explain\": true, \"model\": \"seq-plain\"}"),
        400,
        "explain");
    assertError(
        http.post(
            "/v1/recommendations:batch",
            "{\"users\": [\"u0\"], \"explain\": true, \"model\": \"mf\"}"),
        400,
        "explain");
    assertError(http.get("/v1/recommendations?user=u0&explain=maybe"), 400, "explain");
    assertEquals(
        200,
        ok(http.get("/v1/recommendations?user=u0&model=seq-plain")).status(),
        "without explain it serves");

    assertError(session("not json"), 400, "body");
    assertError(session(""), 400, "body");
    assertError(session("[\"i1\"]"), 400, "body");
    assertError(session("{}"), 400, "items");
    assertError(session("{\"items\": null}"), 400, "items");
    assertError(session("{\"items\": \"i1,i2\"}"), 400, "items");
    assertError(session("{\"items\": {\"0\": \"i1\"}}"), 400, "items");
    assertError(session("{\"items\": [\"i1\", {}]}"), 400, "items[1]");
    assertError(session("{\"items\": [\"i1\", \" \"]}"), 400, "items[1]");
    assertError(session("{\"items\": [true]}"), 400, "items[0]");
    assertError(session("{\"items\": [\"i1\"], \"k\": 0}"), 400, "k");
    assertError(session("{\"items\": [\"i1\"], \"k\": 101}"), 400, "k");
    assertError(session("{\"items\": [\"i1\"], \"k\": \"3\"}"), 400, "k");
    assertError(session("{\"items\": [\"i1\"], \"k\": 2.5}"), 400, "k");
    assertError(session("{\"items\": [\"i1\"], \"explain\": \"yes\"}"), 400, "explain");
    assertError(session("{\"items\": [\"i1\"], \"exclude_seen\": 1}"), 400, "exclude_seen");
    assertError(session("{\"items\": [\"i1\"], \"candidates\": []}"), 400, "candidates");
    assertError(
        session("{\"items\": [\"i1\"], \"candidates\": [\"i2\", \"nope\"]}"), 404, "candidates[1]");
    assertError(session("{\"items\": [\"i1\"], \"model\": 7}"), 400, "model");
    assertError(session("{\"items\": [\"i1\"], \"model\": \"nosuch\"}"), 404, "model");
    StringBuilder many = new StringBuilder("{\"items\": [");
    for (int i = 0; i < 501; i++) many.append(i == 0 ? "" : ",").append(i % N);
    assertError(session(many.append("]}").toString()), 400, "items");
    assertError(http.get("/v1/recommendations/session"), 405, null);
  }
}
