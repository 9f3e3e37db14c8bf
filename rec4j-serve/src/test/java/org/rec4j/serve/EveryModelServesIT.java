package org.rec4j.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.rec4j.artifact.ModelArtifact;
import org.rec4j.data.Dataset;
import org.rec4j.data.Interactions;
import org.rec4j.data.io.DataSpec;
import org.rec4j.experiment.Experiment;
import org.rec4j.experiment.ExperimentConfig;
import org.rec4j.experiment.ExperimentResult;
import org.rec4j.experiment.Protocol;
import org.rec4j.model.ModelInput;
import org.rec4j.model.ModelRegistry;
import org.rec4j.model.Persistable;
import org.rec4j.model.Recommender;
import org.rec4j.train.TrainerConfig;

/**
 * The model contract's serving end, for every registered model of every family: trained on the
 * embedded synthetic ratings (with user and item features) through the one {@link Experiment} —
 * ranking for id models and baselines, the ctr task for feature models —, saved, loaded back with
 * bit-identical scores, and served by one in-process server that answers {@code GET /v1/scores}
 * with exactly the loaded model's scores and {@code GET /v1/recommendations} with a sorted top-k
 * that leaves out the user's training items.
 */
class EveryModelServesIT {
  @TempDir static Path dir;
  static final Map<String, Recommender> TRAINED = new LinkedHashMap<>();
  static final Map<String, Interactions> TRAIN = new LinkedHashMap<>();
  static Server server;
  static Http http;

  /** Every registered model but the serve tests' own fixture ({@link NextItemModel}). */
  static List<String> names() {
    return ModelRegistry.names().stream().filter(n -> !n.equals(NextItemModel.NAME)).toList();
  }

  @BeforeAll
  static void trainSaveAndServeEveryModel() {
    DataSpec spec = DataSpec.parse("synthetic:users=60,items=40,min=8,max=20");
    Dataset ds = spec.load();
    for (String name : names()) {
      boolean ctr = ModelRegistry.factory(name).inputs().contains(ModelInput.FEATURES);
      TrainerConfig tc =
          (ctr ? TrainerConfig.ctrDefaults() : TrainerConfig.implicitDefaults())
              .toBuilder().epochs(2).batchSize(64).build();
      ExperimentConfig.Builder b = ExperimentConfig.builder(spec, name, tc);
      if (ctr) b.protocol(Protocol.CTR);
      else b.split("loo").protocol(Protocol.SAMPLED).sampledNegatives(10);
      b.settingsWhereDeclared(Map.of("factors", 4, "layers", "16,8", "neighbours", 5));
      ExperimentResult r = Experiment.run(b.build(), ds);
      TRAIN.put(name, r.train());
      ModelArtifact.save(
          dir.resolve(served(name)).resolve("v1"),
          (Persistable) r.model(),
          r.train(),
          Map.of("epochs", 2),
          Map.of("seed", 42),
          r.metrics());
      TRAINED.put(name, r.model());
    }
    server = Server.start(Server.Config.defaults(dir).withPort(0));
    http = new Http(server.uri());
  }

  /**
   * The served name (a directory name: letters, digits, '.', '_', '-'): autoint+ → autoint-plus.
   */
  static String served(String name) {
    return name.replace("+", "-plus");
  }

  @AfterAll
  static void stop() {
    if (server != null) server.stop();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("names")
  void savedModelLoadsBitIdenticalAndServesItsScores(String name) {
    Recommender trained = TRAINED.get(name);
    Interactions train = TRAIN.get(name);
    String model = served(name);
    ModelArtifact.Loaded l = ModelArtifact.load(dir.resolve(served(name)).resolve("v1"));
    assertEquals(name, l.model().name());
    int nu = trained.numUsers(), ni = trained.numItems();
    int[] us = new int[nu * ni], is = new int[nu * ni];
    for (int u = 0; u < nu; u++)
      for (int i = 0; i < ni; i++) {
        us[u * ni + i] = u;
        is[u * ni + i] = i;
      }
    float[] a = new float[us.length], b = new float[us.length];
    trained.scorePairs(us, is, a);
    l.model().scorePairs(us, is, b);
    assertArrayEquals(a, b, 0f, name + ": save -> load changed a score");

    int user = 3;
    String rawUser = l.users().raw(user);
    List<String> items = new ArrayList<>();
    for (int i = 0; i < 6; i++) items.add(l.items().raw(i));
    Http.Reply s =
        http.get(
            "/v1/scores?model=" + model + "&user=" + rawUser + "&items=" + String.join(",", items));
    assertEquals(200, s.status(), s.toString());
    JsonNode scores = s.json().path("scores");
    assertEquals(items.size(), scores.size(), s.toString());
    for (int i = 0; i < items.size(); i++) {
      assertEquals(items.get(i), scores.get(i).path("item").asText());
      assertEquals(
          b[user * ni + i],
          (float) scores.get(i).path("score").asDouble(),
          0f,
          name + " item " + i);
    }

    Http.Reply rec = http.get("/v1/recommendations?model=" + model + "&user=" + rawUser + "&k=5");
    assertEquals(200, rec.status(), rec.toString());
    Set<String> seen = new HashSet<>();
    int u = train.userIndex().get(rawUser);
    for (int i : train.byUser().targetsOf(u)) seen.add(train.itemIndex().raw(i));
    double prev = Double.POSITIVE_INFINITY;
    int n = 0;
    for (JsonNode it : rec.json().path("items")) {
      assertFalse(seen.contains(it.path("item").asText()), name + " recommended a seen item");
      assertTrue(it.path("score").asDouble() <= prev, name + ": scores descend " + rec);
      prev = it.path("score").asDouble();
      n++;
    }
    assertEquals(5, n, rec.toString());
  }
}
