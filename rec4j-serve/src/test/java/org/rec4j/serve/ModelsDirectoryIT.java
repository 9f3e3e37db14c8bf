package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The models directory as people actually fill it (issue 16), against a real server on a random
 * port: an artifact saved straight under its name ({@code rec4j train --save models/neumf8}) next
 * to versioned models, leftovers of killed saves, stray directories, and versions that do not load
 * at start or on a hot swap.
 */
class ModelsDirectoryIT {
  private static final String U1_I1 =
      "{\"pairs\": [{\"user\": \"u1\", \"item\": \"i1\"}], \"model\": \"neumf8\"}";

  private static Path leftover(Path p, boolean old) throws Exception {
    Files.createDirectories(p);
    Files.writeString(p.resolve("model.json"), "{\"format\": \"rec4j-model\"}");
    if (old) {
      FileTime t =
          FileTime.from(Instant.now().minus(ServingRegistry.LEFTOVER_GRACE).minusSeconds(60));
      Files.setLastModifiedTime(p.resolve("model.json"), t);
      Files.setLastModifiedTime(p, t);
    }
    return p;
  }

  private static List<String> names(JsonNode models) {
    List<String> out = new ArrayList<>();
    for (JsonNode m : models.path("models"))
      out.add(m.path("name").asText() + "@" + m.path("current").asText());
    return out;
  }

  @Test
  void servesArtifactsSavedUnderTheirNameNextToVersionsAndCleansUpKilledSaves(@TempDir Path tmp)
      throws Exception {
    Fixtures.save(tmp, "mf", "v1", "mf", 1);
    Fixtures.save(tmp, "mf", "v2", "mf", 2);
    Fixtures.saveArtifact(tmp.resolve("neumf8"), "neumf", 3);
    Path killedVersion = leftover(tmp.resolve("mf").resolve("v3.tmp-4242"), true);
    Path killedName = leftover(tmp.resolve("gmf8.tmp-777"), true);
    Path killedZip = tmp.resolve("mf").resolve("v4.zip.tmp-99");
    Files.writeString(killedZip, "partial zip");
    Files.setLastModifiedTime(killedZip, FileTime.from(Instant.now().minusSeconds(3600)));
    Path inProgress = leftover(tmp.resolve("ncf.tmp-1"), false);
    Files.createDirectories(tmp.resolve("notes"));
    Files.writeString(tmp.resolve("notes").resolve("README.txt"), "not a model");
    Files.writeString(tmp.resolve("events.db"), "");
    String log;
    try (LogCapture logs = new LogCapture();
        Server server = Server.start(Server.Config.defaults(tmp).withPort(0))) {
      Http http = new Http(server.uri());
      JsonNode models = http.get("/v1/models").json();
      assertEquals(List.of("mf@v2", "neumf8@v1"), names(models), models.toString());
      assertEquals("[\"v1\"]", models.path("models").get(1).path("versions_on_disk").toString());
      Http.Reply r = http.get("/v1/recommendations?user=u1&k=3&model=neumf8");
      assertEquals(200, r.status(), r.toString());
      assertEquals("neumf8@v1", r.json().path("model").asText());

      double before =
          http.post("/v1/scores", U1_I1).json().path("scores").get(0).path("score").asDouble();
      Fixtures.saveArtifact(tmp.resolve("neumf8"), "neumf", 4); // retrained and saved in place
      Http.Reply swap = http.post("/v1/models/neumf8:reload", "");
      assertEquals(200, swap.status(), swap.toString());
      assertEquals("v1", swap.json().path("current").asText());
      assertNotEquals(
          before,
          http.post("/v1/scores", U1_I1).json().path("scores").get(0).path("score").asDouble(),
          "the reload re-read the artifact");
      assertEquals(
          200,
          http.post("/v1/models/mf:reload", "{\"version\": \"v1\"}").status(),
          "versioned hot swap as before");
      assertEquals(
          "mf@v1", http.get("/v1/recommendations?user=u1&model=mf").json().path("model").asText());
      log = logs.text();
    }
    assertFalse(
        Files.exists(killedVersion) || Files.exists(killedName) || Files.exists(killedZip),
        "leftovers of killed saves are deleted");
    for (Path p : List.of(killedVersion, killedName, killedZip))
      assertTrue(log.contains("deleted " + p), p + " not reported in\n" + log);
    assertTrue(Files.exists(inProgress), "a save that may still be running is left alone");
    assertTrue(log.contains(inProgress + ": a save in progress"), log);
    assertTrue(log.contains(tmp.resolve("notes") + ": not served: neither a model artifact"), log);
    assertFalse(log.contains("events.db"), "plain files are not models and need no warning");
    assertTrue(
        log.contains(
            "serving mf@v2 (versions on disk: [v1, v2]), neumf8@v1 (artifact directly in "
                + tmp.resolve("neumf8")
                + ")"),
        log);
  }

  @Test
  void aVersionThatDoesNotLoadIsNamedAtStartAndRefusedOnHotSwapWhileThePreviousKeepsServing(
      @TempDir Path tmp) throws Exception {
    Fixtures.save(tmp, "mf", "v1", "mf", 1);
    Fixtures.save(tmp, "mf", "v2", "mf", 2);
    byte[] weights = Files.readAllBytes(tmp.resolve("mf/v2/weights.safetensors"));
    weights[weights.length - 3] ^=
        0x55; // corrupt: the checksum check refuses it (an ArtifactException)
    Files.write(tmp.resolve("mf/v2/weights.safetensors"), weights);
    Fixtures.save(tmp, "bad", "v1", "mf", 5);
    // ids.json naming one user and one item for a 30 x 20 model, checksum updated: the artifact
    // reads, serving refuses it
    Fixtures.rewriteVerified(
        tmp.resolve("bad/v1"),
        "ids.json",
        "{\"users\": [\"u0\"], \"items\": [\"i0\"]}".getBytes(StandardCharsets.UTF_8));
    try (LogCapture logs = new LogCapture();
        Server server = Server.start(Server.Config.defaults(tmp).withPort(0))) {
      Http http = new Http(server.uri());
      assertEquals(
          List.of("mf@v1"),
          names(http.get("/v1/models").json()),
          "the latest version that loads serves; 'bad' is left out");
      String start = logs.text();
      assertTrue(
          start.contains("model mf: version v2 does not load: cannot load mf@v2: ")
              && start.contains("checksum mismatch"),
          start);
      assertTrue(
          start.contains("model bad: version v1 does not load: cannot load bad@v1")
              && start.contains("ids.json lists 1 users and 1 items"),
          start);
      assertTrue(
          start.contains("model bad: no version loads (tried [v1]); it is not served"), start);

      Http.Reply refused = http.post("/v1/models/mf:reload", "{\"version\": \"v2\"}");
      assertEquals(422, refused.status(), refused.toString());
      assertEquals("version", refused.json().path("field").asText());
      assertTrue(
          refused.json().path("error").asText().contains("cannot load mf@v2")
              && refused.json().path("error").asText().contains("checksum mismatch"),
          refused.toString());
      assertEquals(
          422,
          http.post("/v1/models/mf:reload", "").status(),
          "the latest version (v2) is refused too");
      assertEquals(
          "mf@v1",
          http.get("/v1/recommendations?user=u1&model=mf").json().path("model").asText(),
          "v1 keeps serving");
      assertTrue(
          logs.text().contains("reload of mf refused: cannot load mf@v2")
              && logs.text().contains("still serving mf@v1"),
          logs.text());
      Http.Reply bad = http.post("/v1/models/bad:reload", "");
      assertEquals(422, bad.status(), bad.toString());
      assertTrue(bad.json().path("error").asText().contains("cannot load bad@v1"), bad.toString());
      assertEquals(422, http.get("/v1/recommendations?user=u1&model=mf@v2").status());
    }
  }

  @Test
  void aVersionWithNonFiniteWeightsIsNeverServed(@TempDir Path tmp) throws Exception {
    Fixtures.save(tmp, "mf", "v1", "mf", 1);
    Fixtures.save(tmp, "mf", "v2", "mf", 2);
    // v2's weights get one NaN, checksums updated: only the loader's finite-weights check stands
    // between it and serving
    Path weights = tmp.resolve("mf/v2/weights.safetensors");
    java.util.Map<String, String> meta = new java.util.LinkedHashMap<>();
    java.util.Map<String, org.rec4j.tensor.Tensor> state =
        new java.util.LinkedHashMap<>(org.rec4j.artifact.SafeTensors.read(weights, meta));
    String first = state.keySet().iterator().next();
    state.get(first).data()[0] = Float.NaN;
    java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
    org.rec4j.artifact.SafeTensors.write(bytes, state, meta);
    Fixtures.rewriteVerified(tmp.resolve("mf/v2"), "weights.safetensors", bytes.toByteArray());
    try (LogCapture logs = new LogCapture();
        Server server = Server.start(Server.Config.defaults(tmp).withPort(0))) {
      Http http = new Http(server.uri());
      assertEquals(
          List.of("mf@v1"), names(http.get("/v1/models").json()), "v2 holds NaN: v1 serves");
      assertTrue(
          logs.text().contains("model mf: version v2 does not load") && logs.text().contains("NaN"),
          logs.text());
      Http.Reply refused = http.post("/v1/models/mf:reload", "{\"version\": \"v2\"}");
      assertEquals(422, refused.status(), refused.toString());
      assertTrue(refused.json().path("error").asText().contains("NaN"), refused.toString());
      assertEquals(
          "mf@v1", http.get("/v1/recommendations?user=u1&model=mf").json().path("model").asText());
    }
  }

  @Test
  void aModelsDirectoryThatIsItselfAnArtifactIsNamedAtStart(@TempDir Path tmp) {
    Fixtures.saveArtifact(tmp.resolve("neumf8"), "mf", 1);
    try (LogCapture logs = new LogCapture();
        Server server = Server.start(Server.Config.defaults(tmp.resolve("neumf8")).withPort(0))) {
      assertEquals(503, new Http(server.uri()).get("/readyz").status());
      assertTrue(
          logs.text()
              .contains(
                  tmp.resolve("neumf8") + " is itself a model artifact, not a directory of models"),
          logs.text());
    }
  }
}
