package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.rec4j.serve.events.Event;

/**
 * Hostile and malformed requests against a real server on a random port (issue 16): absurdly deep
 * JSON, numbers out of every field's range, requests Jetty refuses before routing, wrong methods.
 * Every answer must be a 4xx with the JSON error body, never a 5xx, an HTML page or a silently
 * changed value.
 */
class BadRequestsIT {
  private static final List<String> POST_ROUTES =
      List.of("/v1/recommendations:batch", "/v1/scores", "/v1/events", "/v1/models/mf:reload");
  @TempDir static Path tmp;
  static InMemoryEventStore store = new InMemoryEventStore();
  static Server server;
  static Http http;

  @BeforeAll
  static void start() {
    Fixtures.save(tmp, "mf", "v1", "mf", 1);
    server = Server.start(Server.Config.defaults(tmp).withPort(0).withEventStore(store));
    http = new Http(server.uri());
  }

  @AfterAll
  static void stop() {
    server.stop();
  }

  /**
   * Asserts a JSON error answer with {@code status}, blaming {@code field}, whose message contains
   * {@code words}.
   */
  static void assertError(Http.Reply r, int status, String field, String words) {
    assertEquals(status, r.status(), r.toString());
    assertNotNull(r.json(), "not JSON: " + r);
    assertTrue(
        r.json().path("error").asText().contains(words), "'" + words + "' missing from " + r);
    assertEquals(
        field,
        r.json().path("field").isNull() ? null : r.json().path("field").asText(),
        r.toString());
  }

  private static String event(String fields) {
    return "{\"events\": [{\"user\": \"u1\", \"item\": \"i1\", \"type\": \"rating\", "
        + fields
        + "}]}";
  }

  @Test
  void jsonNestedThousandsDeepIsA400OnEveryPostRoute() {
    String arrays = "[".repeat(1000) + "]".repeat(1000);
    String objects = "{\"a\":".repeat(5000) + "1" + "}".repeat(5000);
    for (String route : POST_ROUTES) {
      assertError(
          http.post(route, arrays),
          400,
          "body",
          "JSON nested deeper than " + Api.MAX_JSON_DEPTH + " levels");
      assertError(
          http.post(route, objects),
          400,
          "body",
          "JSON nested deeper than " + Api.MAX_JSON_DEPTH + " levels");
    }
    assertError(
        http.post("/v1/events", "{\"events\": [" + "9".repeat(5000) + "]}"),
        400,
        "body",
        "a JSON number longer than");
    assertError(http.post("/v1/events", "{\"events\": [{]}"), 400, "body", "at line 1, column");
    assertEquals(200, http.get("/healthz").status(), "the server is still up");
  }

  @Test
  void numbersOutOfRangeAreRefusedNamingTheFieldAndTheRange() {
    long stored = store.count();
    String range = "between 0 (1970-01-01) and 253402300799999 (9999-12-31T23:59:59.999Z)";
    assertError(
        http.post("/v1/events", event("\"value\": 4, \"timestamp\": 99999999999999999999999")),
        400,
        "events[0].timestamp",
        range);
    assertError(
        http.post("/v1/events", event("\"value\": 4, \"timestamp\": 9223372036854775808")),
        400,
        "events[0].timestamp",
        range);
    assertError(
        http.post("/v1/events", event("\"value\": 4, \"timestamp\": 253402300800000")),
        400,
        "events[0].timestamp",
        range);
    assertError(
        http.post("/v1/events", event("\"value\": 4, \"timestamp\": -1")),
        400,
        "events[0].timestamp",
        range);
    assertError(
        http.post("/v1/events", event("\"value\": 4, \"timestamp\": 1.7e12")),
        400,
        "events[0].timestamp",
        "integer epoch milliseconds");
    assertError(
        http.post("/v1/events", event("\"value\": 1e400")),
        400,
        "events[0].value",
        "finite number between");
    assertError(
        http.post("/v1/events", event("\"value\": -" + "9".repeat(400))),
        400,
        "body",
        "a JSON number longer than");
    assertError(
        http.post("/v1/events", event("\"value\": -" + "9".repeat(50) + "e300")),
        400,
        "events[0].value",
        "finite number between");
    assertError(
        http.post("/v1/events", event("\"value\": \"4\"")),
        400,
        "events[0].value",
        "expected a number; got the string '4'");
    assertError(
        http.post(
            "/v1/recommendations:batch", "{\"users\": [\"u1\"], \"k\": 99999999999999999999999}"),
        400,
        "k",
        "between 1 and 1000");
    assertError(
        http.post("/v1/recommendations:batch", "{\"users\": [\"u1\"], \"k\": 4294967301}"),
        400,
        "k",
        "between 1 and 1000");
    assertError(
        http.post("/v1/recommendations:batch", "{\"users\": [\"u1\"], \"k\": 2.5}"),
        400,
        "k",
        "between 1 and 1000");
    assertError(
        http.get("/v1/recommendations?user=u1&k=99999999999999999999999"),
        400,
        "k",
        "between 1 and 1000");
    assertError(
        http.get("/v1/recommendations?user=u1&k=4294967301"), 400, "k", "between 1 and 1000");
    assertError(
        http.get("/v1/items/i1/similar?k=-99999999999999999999999"),
        400,
        "k",
        "between 1 and 1000");
    assertEquals(stored, store.count(), "no refused event was stored");
  }

  @Test
  void valuesInRangeAndNumericIdsAreKeptExactly() {
    String big = "99999999999999999999999";
    Http.Reply ok =
        http.post(
            "/v1/events",
            "{\"events\": [{\"user\": "
                + big
                + ", \"item\": 12345678901234567890, \"type\": \"rating\","
                + " \"value\": 1e308, \"timestamp\": 253402300799999}, {\"user\": \"exact\", \"item\": \"i2\", \"type\": \"click\", \"timestamp\": 0}]}");
    assertEquals(200, ok.status(), ok.toString());
    Event e = store.recent(big, 1).get(0);
    assertEquals("12345678901234567890", e.item());
    assertEquals(1e308, e.value());
    assertEquals(253_402_300_799_999L, e.timestampMillis());
    assertEquals(0L, store.recent("exact", 1).get(0).timestampMillis());
    JsonNode batch =
        http.post("/v1/recommendations:batch", "{\"users\": [" + big + "], \"k\": 1000}").json();
    assertEquals(big, batch.path("results").get(0).path("user").asText(), batch.toString());
  }

  @Test
  void errorsJettyAnswersBeforeRoutingAreJsonToo() throws Exception {
    Http.Reply longUri = http.get("/v1/recommendations?user=" + "u".repeat(100_000));
    assertError(longUri, 414, null, "request URI too long");
    assertTrue(
        longUri.headers().firstValue("Content-Type").orElse("").startsWith("application/json"),
        longUri.headers().toString());
    String tooBig =
        raw(
            "GET /v1/recommendations?user=u1 HTTP/1.1\r\nHost: x\r\nX-Big: "
                + "a".repeat(20_000)
                + "\r\n\r\n");
    assertTrue(
        tooBig.startsWith("HTTP/1.1 431 ")
            && tooBig.contains("Content-Type: application/json")
            && tooBig.contains("{\"error\":\"request headers too large"),
        tooBig);
    String garbage = raw("GARBAGE\r\n\r\n");
    assertTrue(
        garbage.startsWith("HTTP/1.1 400 ")
            && garbage.contains("{\"error\":\"bad request: the server could not parse"),
        garbage);
    String badUri = raw("GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n");
    assertTrue(badUri.startsWith("HTTP/1.1 400 ") && badUri.contains("{\"error\":"), badUri);
    Http.Reply html =
        http.send(
            HttpRequest.newBuilder(server.uri().resolve("/no/such/route"))
                .header("Accept", "text/html")
                .GET());
    assertError(html, 404, null, "/no/such/route");
  }

  @Test
  void aWrongMethodOnAnExistingRouteIs405WithAllow() {
    Http.Reply r = http.send("GET", "/v1/events", null);
    assertError(r, 405, null, "method GET is not allowed on /v1/events; allowed: POST");
    assertEquals("POST", r.headers().firstValue("Allow").orElse(null), r.headers().toString());
    Http.Reply d = http.send("DELETE", "/v1/models", null);
    assertError(d, 405, null, "allowed: GET");
    assertEquals("GET", d.headers().firstValue("Allow").orElse(null));
    assertEquals(
        "GET",
        http.send("PUT", "/v1/items/i1/similar", "{}").headers().firstValue("Allow").orElse(null));
    assertEquals(
        "POST",
        http.send("GET", "/v1/models/mf:reload", null).headers().firstValue("Allow").orElse(null));
    assertError(http.send("DELETE", "/v1/nothing", null), 404, null, "not found");
  }

  /**
   * Sends {@code request} as raw bytes (for requests java.net.http will not send) and returns the
   * raw response.
   */
  private static String raw(String request) throws IOException {
    try (Socket s = new Socket(server.uri().getHost(), server.port())) {
      s.setSoTimeout(10_000);
      s.getOutputStream()
          .write(
              request
                  .replace("\r\n\r\n", "\r\nConnection: close\r\n\r\n")
                  .getBytes(StandardCharsets.ISO_8859_1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      try {
        s.getInputStream().transferTo(out);
      } catch (IOException e) {
        if (out.size() == 0) throw new UncheckedIOException(e);
      }
      return out.toString(StandardCharsets.ISO_8859_1);
    }
  }
}
