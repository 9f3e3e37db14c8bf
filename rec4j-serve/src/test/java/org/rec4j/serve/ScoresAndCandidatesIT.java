package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.rec4j.serve.ServerIT.assertError;
import static org.rec4j.serve.ServerIT.items;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code GET /v1/scores} (one user, a list of items) and {@code GET /v1/recommendations} over a
 * candidate set, against a real server: the numbers are those of {@code POST /v1/scores}, every
 * mistake is a JSON 4xx naming the parameter. mf@v1 carries its training data (seen items, item
 * popularity): user u saw item i when (u + i) is even.
 */
class ScoresAndCandidatesIT {
  @TempDir static Path tmp;
  static Server server;
  static Http http;

  @BeforeAll
  static void start() {
    Fixtures.saveWithTraining(tmp, "mf", "v1", "mf", 1);
    Fixtures.save(tmp, "neumf", "v1", "neumf", 3);
    server = Server.start(Server.Config.defaults(tmp).withPort(0).withLimits(100, 2, 4096));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  /** The scores of {@code POST /v1/scores} for {@code user} and {@code items}, in that order. */
  static List<Double> postScores(String model, String user, List<String> items) {
    String pairs =
        items.stream()
            .map(i -> "{\"user\": \"" + user + "\", \"item\": \"" + i + "\"}")
            .collect(Collectors.joining(", "));
    Http.Reply r =
        http.post("/v1/scores", "{\"model\": \"" + model + "\", \"pairs\": [" + pairs + "]}");
    assertEquals(200, r.status(), r.toString());
    List<Double> out = new ArrayList<>();
    for (JsonNode n : r.json().path("scores")) out.add(n.path("score").asDouble());
    return out;
  }

  static List<Double> scores(JsonNode answer, String field) {
    List<Double> out = new ArrayList<>();
    for (JsonNode n : answer.path(field)) out.add(n.path("score").asDouble());
    return out;
  }

  /** {@code items} ranked by {@code POST /v1/scores}, best first, ties in the order given. */
  static List<String> rankedByPostScores(String model, String user, List<String> items) {
    List<Double> s = postScores(model, user, items);
    return IntStream.range(0, items.size())
        .boxed()
        .sorted(Comparator.comparing((Integer j) -> s.get(j)).reversed())
        .map(items::get)
        .toList();
  }

  @Test
  void getScoresAreThePostScoresInTheOrderAsked() {
    List<String> asked = List.of("i7", "i0", "i12", "i3", "i0");
    for (String model : new String[] {"mf@v1", "neumf@v1"}) {
      Http.Reply r = http.get("/v1/scores?user=u3&items=i7,i0,i12,i3,i0&model=" + model);
      assertEquals(200, r.status(), r.toString());
      assertEquals(model, r.json().path("model").asText());
      assertEquals("u3", r.json().path("user").asText());
      List<String> got = new ArrayList<>();
      for (JsonNode n : r.json().path("scores")) got.add(n.path("item").asText());
      assertEquals(asked, got, "the order asked, a repeated item scored twice: " + r);
      assertEquals(postScores(model, "u3", asked), scores(r.json(), "scores"), model);
      assertEquals(
          r.json(),
          http.get("/v1/scores?user=u3&items=i7,i0&items=i12&items=i3,i0&model=" + model).json(),
          "the repeated parameter means the same list");
    }
    assertEquals(
        "mf@v1", http.get("/v1/scores?user=u3&items=i1").json().path("model").asText(), "default");
  }

  @Test
  void getScoresMistakesAre4xxNamingTheParameter() {
    assertError(http.get("/v1/scores?items=i1"), 400, "user");
    assertError(http.get("/v1/scores?user=&items=i1"), 400, "user");
    assertError(http.get("/v1/scores?user=u1"), 400, "items");
    assertError(http.get("/v1/scores?user=u1&items="), 400, "items");
    assertError(http.get("/v1/scores?user=u1&items=i1,,i2"), 400, "items[1]");
    assertError(http.get("/v1/scores?user=u1&items=i1,"), 400, "items[1]");
    assertError(http.get("/v1/scores?user=u1&items=i1,i2&items=%20"), 400, "items[2]");
    String many = IntStream.range(0, 201).mapToObj(i -> "i1").collect(Collectors.joining(","));
    Http.Reply tooMany = http.get("/v1/scores?user=u1&items=" + many);
    assertError(tooMany, 400, "items");
    assertTrue(tooMany.json().path("error").asText().contains("limit of 200"), tooMany.toString());
    assertEquals(200, http.get("/v1/scores?user=u1&items=" + many.substring(3)).status(), "200 ok");
    assertError(http.get("/v1/scores?user=stranger&items=i1"), 404, "user");
    assertError(http.get("/v1/scores?user=u1&items=i1,nope"), 404, "items[1]");
    assertError(http.get("/v1/scores?user=u1&items=i1&items=i2,nope"), 404, "items[2]");
    assertError(http.get("/v1/scores?user=u1&items=i1&model=nosuch"), 404, "model");
    Http.Reply delete = http.send("DELETE", "/v1/scores", null);
    assertError(delete, 405, null);
    assertEquals(
        Set.of("GET", "POST"),
        Set.of(delete.headers().firstValue("Allow").orElse("").split(",\\s*")),
        delete.headers().toString());
  }

  @Test
  void candidatesAreRankedByTheirPostScores() {
    List<String> candidates = List.of("i9", "i2", "i14", "i5", "i0", "i11");
    for (String model : new String[] {"mf@v1", "neumf@v1"}) {
      Http.Reply r =
          http.get(
              "/v1/recommendations?user=u4&exclude_seen=false&candidates=i9,i2,i14,i5,i0,i11&model="
                  + model);
      assertEquals(200, r.status(), r.toString());
      assertEquals(model, r.json().path("model").asText());
      assertEquals("u4", r.json().path("user").asText());
      assertTrue(r.json().path("fallback").isMissingNode(), r.toString());
      assertFalse(r.json().path("cached").asBoolean(), r.toString());
      List<String> ranked = rankedByPostScores(model, "u4", candidates);
      assertEquals(ranked, items(r.json()), model);
      assertEquals(postScores(model, "u4", ranked), scores(r.json(), "items"), model);
      assertEquals(
          items(r.json()),
          items(
              http.get(
                      "/v1/recommendations?user=u4&exclude_seen=false&candidates=i9,i2,i9"
                          + "&candidates=i14,i5,i0,i11,i2&model="
                          + model)
                  .json()),
          "the repeated parameter and repeated ids change nothing");
    }
  }

  @Test
  void kCutsTheCandidateRanking() {
    String url = "/v1/recommendations?user=u6&exclude_seen=false&candidates=i3,i8,i13,i1,i6";
    List<String> all = items(http.get(url).json());
    assertEquals(5, all.size());
    assertEquals(all.subList(0, 2), items(http.get(url + "&k=2").json()));
    assertEquals(all, items(http.get(url + "&k=100").json()), "k above the candidates");
  }

  @Test
  void excludeSeenLeavesOutTrainingAndEventItemsAmongCandidates() {
    String url = "/v1/recommendations?user=u8&candidates=i0,i1,i2,i3,i4,i5";
    Set<String> unseen = Set.copyOf(items(http.get(url).json()));
    assertEquals(Set.of("i1", "i3", "i5"), unseen, "u8 saw the even items in training");
    assertEquals(6, items(http.get(url + "&exclude_seen=false").json()).size());
    Http.Reply ack =
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": \"u8\", \"item\": \"i3\", \"type\": \"click\"}]}");
    assertEquals(200, ack.status(), ack.toString());
    assertEquals(Set.of("i1", "i5"), Set.copyOf(items(http.get(url).json())), "and the clicked i3");
    assertEquals(6, items(http.get(url + "&exclude_seen=false").json()).size());
    assertEquals(
        List.of(),
        items(http.get("/v1/recommendations?user=u8&candidates=i0,i2,i3").json()),
        "nothing left to rank");
  }

  @Test
  void unknownUsersGetThePopularityFallbackOverTheCandidatesOrA404() {
    List<String> candidates = List.of("i4", "i17", "i9", "i1");
    Http.Reply r = http.get("/v1/recommendations?user=stranger&candidates=i4,i17,i9,i1");
    assertEquals(200, r.status(), r.toString());
    assertEquals("popularity", r.json().path("fallback").asText(), r.toString());
    List<String> popular =
        items(http.get("/v1/recommendations?user=stranger&k=" + Fixtures.ITEMS).json());
    assertEquals(popular.stream().filter(candidates::contains).toList(), items(r.json()));
    assertEquals(
        items(r.json()).subList(0, 2),
        items(http.get("/v1/recommendations?user=stranger&candidates=i4,i17,i9,i1&k=2").json()));
    assertError(
        http.get("/v1/recommendations?user=stranger&candidates=i4,i17&unknown_user=error"),
        404,
        "user");
    Http.Reply ack =
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": \"newcomer\", \"item\": \"i2\", \"type\": \"click\"}]}");
    assertEquals(200, ack.status(), ack.toString());
    JsonNode folded =
        http.get("/v1/recommendations?user=newcomer&candidates=i2,i4,i7,i10&model=mf").json();
    assertEquals("fold_in", folded.path("fallback").asText(), folded.toString());
    assertEquals(Set.of("i4", "i7", "i10"), Set.copyOf(items(folded)), folded.toString());
    JsonNode neumf =
        http.get("/v1/recommendations?user=newcomer&candidates=i2,i4,i7,i10&model=neumf").json();
    assertEquals("popularity", neumf.path("fallback").asText(), neumf.toString());
    assertEquals(Set.of("i4", "i7", "i10"), Set.copyOf(items(neumf)), neumf.toString());
  }

  @Test
  void candidateMistakesAre4xxNamingTheParameter() {
    assertError(http.get("/v1/recommendations?user=u1&candidates="), 400, "candidates");
    assertError(http.get("/v1/recommendations?user=u1&candidates=i1,,i2"), 400, "candidates[1]");
    assertError(http.get("/v1/recommendations?user=u1&candidates=i1,nope"), 404, "candidates[1]");
    assertError(
        http.get("/v1/recommendations?user=u1&candidates=i1&candidates=nope"),
        404,
        "candidates[1]");
    assertError(
        http.get("/v1/recommendations?user=stranger&candidates=nope"), 404, "candidates[0]");
    String many = IntStream.range(0, 201).mapToObj(i -> "i1").collect(Collectors.joining(","));
    assertError(http.get("/v1/recommendations?user=u1&candidates=" + many), 400, "candidates");
    assertError(http.get("/v1/recommendations?user=u1&candidates=i1&k=0"), 400, "k");
    assertError(http.get("/v1/recommendations?candidates=i1"), 400, "user");
  }

  @Test
  void candidateAnswersAreNeverCachedNorServedFromThePlainAnswers() {
    String plain = "/v1/recommendations?user=u10&k=3&exclude_seen=false";
    JsonNode first = http.get(plain).json();
    assertTrue(http.get(plain).json().path("cached").asBoolean());
    String among = plain + "&candidates=i19,i18,i17,i16";
    for (int rep = 0; rep < 2; rep++) {
      JsonNode c = http.get(among).json();
      assertFalse(c.path("cached").asBoolean(), c.toString());
      assertEquals(
          rankedByPostScores("mf@v1", "u10", List.of("i19", "i18", "i17", "i16")).subList(0, 3),
          items(c));
    }
    JsonNode again = http.get(plain).json();
    assertTrue(again.path("cached").asBoolean(), again.toString());
    assertEquals(items(first), items(again), "the plain answer is untouched");
    String cold = "/v1/recommendations?user=u12&k=2&exclude_seen=false";
    JsonNode c = http.get(cold + "&candidates=i19,i17").json();
    JsonNode p = http.get(cold).json();
    assertFalse(p.path("cached").asBoolean(), "a candidate answer was not stored: " + p);
    assertEquals(rankedByPostScores("mf@v1", "u12", List.of("i19", "i17")), items(c), c.toString());
  }

  @Test
  void batchBodiesAcceptCandidates() {
    Http.Reply r =
        http.post(
            "/v1/recommendations:batch",
            "{\"users\": [\"u5\", \"stranger\"], \"k\": 3, \"exclude_seen\": false,"
                + " \"candidates\": [\"i2\", \"i15\", \"i8\", \"i11\", \"i6\"]}");
    assertEquals(200, r.status(), r.toString());
    JsonNode results = r.json().path("results");
    assertEquals(
        items(
            http.get(
                    "/v1/recommendations?user=u5&k=3&exclude_seen=false&candidates=i2,i15,i8,i11,i6")
                .json()),
        items(results.get(0)));
    assertEquals("popularity", results.get(1).path("fallback").asText(), r.toString());
    assertTrue(
        Set.of("i2", "i15", "i8", "i11", "i6").containsAll(items(results.get(1))), r.toString());
    Map<String, String> mistakes =
        Map.of(
            "\"candidates\": []", "candidates",
            "\"candidates\": \"i1\"", "candidates",
            "\"candidates\": [\"i1\", \"\"]", "candidates[1]",
            "\"candidates\": [\"i1\", {}]", "candidates[1]");
    mistakes.forEach((field, blamed) ->
        assertError(
            http.post("/v1/recommendations:batch", "{\"users\": [\"u1\"], " + field + "}"),
            400,
            blamed));
    assertError(
        http.post(
            "/v1/recommendations:batch", "{\"users\": [\"u1\"], \"candidates\": [\"i1\", \"x\"]}"),
        404,
        "candidates[1]");
  }
}
